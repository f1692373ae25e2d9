import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { earliestToday, isIsoCalendarDate } from '../../common/validation/field-rules';

/** Rule codes a 400 VALIDATION_FAILED lists for case fields. */
export const NOT_PAST = 'notPast';
export const EXACTLY_ONE_OF = 'exactlyOneOf';

/** A `YYYY-MM-DD` day that is today (in any time zone) or later: due dates of things still to do. */
export const IsTodayOrLater = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: NOT_PAST,
      validator: {
        validate: (value: unknown) => isIsoCalendarDate(value) && value >= earliestToday(),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a date (YYYY-MM-DD) that is today or later`,
          options,
        ),
      },
    },
    options,
  );

/**
 * Exactly one of `fields` is sent (not undefined). Put it on each of the fields, together with a
 * `ValidateIf` that makes the field checked when it is sent, so both name the rule.
 */
export const ExactlyOneOf = (fields: readonly string[], options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: EXACTLY_ONE_OF,
      constraints: [fields],
      validator: {
        validate: (_value: unknown, args) => {
          const object = args?.object as Record<string, unknown> | undefined;
          return fields.filter((f) => object?.[f] !== undefined).length === 1;
        },
        defaultMessage: buildMessage(() => `exactly one of ${fields.join(', ')} must be given`, options),
      },
    },
    options,
  );
