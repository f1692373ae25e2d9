import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import {
  isIsoCalendarDate,
  isPlausibleBirthDate,
  PLAUSIBLE_BIRTH_DATE,
} from '../../common/validation/field-rules';

/**
 * Field rules of the beneficiary DTOs that common/validation does not have. Each decorator's name
 * is the rule code a 400 VALIDATION_FAILED lists for the field.
 */
export const IS_BIRTH_DATE = 'isBirthDate';
export const SINGLE_LINE = 'singleLine';

/** `YYYY` (only the year is known) or `YYYY-MM-DD`. */
const BIRTH_DATE_INPUT = /^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$/;
const YEAR_ONLY = /^[0-9]{4}$/;

/** True for a bare year (`1985`), which means a year-precision date of birth. */
export const isYearOnly = (value: string): boolean => YEAR_ONLY.test(value);

/** The stored date of a date-of-birth input: a bare year becomes 1 January of that year. */
export const storedBirthDate = (value: string): string => (isYearOnly(value) ? `${value}-01-01` : value);

function isBirthDateInput(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    BIRTH_DATE_INPUT.test(value) &&
    (isYearOnly(value) || isIsoCalendarDate(value))
  );
}

/**
 * A date of birth as registration knows it: `YYYY` when only the year is known, or a real
 * `YYYY-MM-DD` day; then (rule `plausibleBirthDate`) between 1900 and today. The range rule is
 * only reported for input of the right shape, so a malformed value names one rule.
 */
export const IsBirthDateInput = (): PropertyDecorator => (target, property) => {
  ValidateBy({
    name: IS_BIRTH_DATE,
    validator: {
      validate: (value: unknown) => isBirthDateInput(value),
      defaultMessage: () => `${String(property)} must be a year (YYYY) or a date (YYYY-MM-DD)`,
    },
  })(target, property);
  ValidateBy({
    name: PLAUSIBLE_BIRTH_DATE,
    validator: {
      validate: (value: unknown) => !isBirthDateInput(value) || isPlausibleBirthDate(storedBirthDate(value)),
      defaultMessage: () => `${String(property)} must lie between 1900 and today`,
    },
  })(target, property);
};

/** No control characters (line breaks, tabs, NUL): names, places and codes are one line of text. */
export const IsSingleLine = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: SINGLE_LINE,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !/\p{Cc}/u.test(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be one line of text without control characters`,
          options,
        ),
      },
    },
    options,
  );
