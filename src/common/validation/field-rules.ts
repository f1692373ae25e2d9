import {
  buildMessage,
  isISO31661Alpha2,
  isISO6391,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
/*
 * The "max" metadata checks the digits against each country's number plans, not only the length
 * (the default "min" metadata accepts, for example, +491512345678, which no German plan allows).
 * class-validator's own IsPhoneNumber loads the same metadata, so it costs no extra memory.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Validators for the coded and formatted fields of beneficiary DTOs. Each decorator's constraint name
 * is the rule code a 400 VALIDATION_FAILED response lists for the field; the values themselves never
 * appear in responses. All accept `ValidationOptions`, so `{ each: true }` validates every element of
 * an array field.
 */

export const IS_E164_PHONE = 'isE164Phone';
export const IS_NATIONALITY = 'isNationality';
export const IS_LANGUAGE_CODE = 'isLanguageCode';
export const NOT_FUTURE = 'notFuture';
export const IS_CALENDAR_DATE = 'isCalendarDate';
export const PLAUSIBLE_BIRTH_DATE = 'plausibleBirthDate';

// ---------------------------------------------------------------------------------------------------
// Phone numbers

/** `+`, a country code that does not start with 0, and at most 15 digits in all (ITU-T E.164). */
const E164_SHAPE = /^\+[1-9][0-9]{7,14}$/;

/**
 * A phone number stored in canonical E.164 form (`+905321234567`) that libphonenumber-js considers a
 * valid number of its country. Only the canonical form is accepted, so that one number has one
 * spelling and search and duplicate detection can compare by equality.
 */
export function isE164Phone(value: unknown): value is string {
  if (typeof value !== 'string' || !E164_SHAPE.test(value)) return false;
  const parsed = parsePhoneNumberFromString(value);
  return parsed !== undefined && parsed.isValid() && parsed.number === value;
}

export const IsE164Phone = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: IS_E164_PHONE,
      validator: {
        validate: (value: unknown) => isE164Phone(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a valid phone number in E.164 form, such as +905321234567`,
          options,
        ),
      },
    },
    options,
  );

/** Digits of any script, spaces and the punctuation people put in phone numbers; no letters. */
const PHONE_QUERY_CHARACTERS = /^[\p{Nd}\s+()\-./]+$/u;
const PHONE_QUERY_MAX_LENGTH = 40;

/**
 * A phone number as a user types it into a search box, in E.164 form, or null when it is not a
 * valid phone number (then nothing stored can match it). National numbers are read in
 * `defaultCountry` (most beneficiaries of the Turkish partners have Turkish numbers): `0532 123 45 67`
 * becomes `+905321234567`; international forms with `+` or the `00` prefix keep their country
 * (`+49 151 2345 6789`, `00905321234567`). Arabic-Indic digits are read as digits.
 */
export function normalisePhoneQuery(raw: string, defaultCountry: CountryCode = 'TR'): string | null {
  const text = raw.trim();
  if (!text || text.length > PHONE_QUERY_MAX_LENGTH || !PHONE_QUERY_CHARACTERS.test(text)) return null;
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

// ---------------------------------------------------------------------------------------------------
// Nationality

/**
 * Stateless, or nationality unknown. `XX` lies in the range ISO 3166-1 leaves to users (AA, QM-QZ,
 * XA-XZ, ZZ), so it never clashes with a country; ICAO 9303 travel documents use `XXA` for stateless
 * persons in the same spirit. The two cases share one code because registration often cannot tell them
 * apart (a stateless Kurd from Syria without papers, a child born in transit); the legal status and the
 * documents say more.
 */
export const NATIONALITY_STATELESS_OR_UNKNOWN = 'XX';
/**
 * Kosovo has no official ISO 3166-1 code; the EU, BAMF and Destatis use the user-assigned `XK`, and
 * Kosovars appear in German asylum and integration statistics.
 */
export const NATIONALITY_KOSOVO = 'XK';

/**
 * A nationality: an officially assigned ISO 3166-1 alpha-2 code in upper case (`SY`, `AF`, `UA`),
 * `XX` for stateless or unknown, or `XK` for Kosovo. Lower case is refused so that stored codes
 * compare and group by equality in reports.
 */
export function isNationality(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^[A-Z]{2}$/.test(value) &&
    (isISO31661Alpha2(value) || value === NATIONALITY_STATELESS_OR_UNKNOWN || value === NATIONALITY_KOSOVO)
  );
}

export const IsNationality = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: IS_NATIONALITY,
      validator: {
        validate: (value: unknown) => isNationality(value),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be an upper-case ISO 3166-1 alpha-2 country code, XX (stateless or unknown) or XK (Kosovo)`,
          options,
        ),
      },
    },
    options,
  );

// ---------------------------------------------------------------------------------------------------
// Languages

/**
 * ISO 639-3 codes accepted beside the two-letter ISO 639-1 codes: languages that many refugees in
 * Turkey and Germany speak, that an interpreter must match, and that have no 639-1 code of their own
 * (639-1 has only `fa` Persian, `ku` Kurdish and `ar` Arabic for their families). Add, never remove.
 */
export const ISO_639_3_REFUGEE_LANGUAGES: Readonly<Record<string, string>> = {
  prs: 'Dari (Afghan Persian)',
  haz: 'Hazaragi',
  ckb: 'Central Kurdish (Sorani)',
  kmr: 'Northern Kurdish (Kurmanji)',
  sdh: 'Southern Kurdish',
  hac: 'Gurani (Hawrami)',
  zza: 'Zazaki',
  /** Since 2023 also covers South Levantine Arabic (the retired code `ajp`). */
  apc: 'Levantine Arabic',
  acm: 'Mesopotamian (Iraqi) Arabic',
  apd: 'Sudanese Arabic',
  aii: 'Assyrian Neo-Aramaic',
  rmt: 'Domari',
};

/** A lower-case ISO 639-1 code (`ar`, `tr`, `ps`) or one of {@link ISO_639_3_REFUGEE_LANGUAGES}. */
export function isLanguageCode(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^[a-z]{2,3}$/.test(value) &&
    (value.length === 2 ? isISO6391(value) : Object.hasOwn(ISO_639_3_REFUGEE_LANGUAGES, value))
  );
}

export const IsLanguageCode = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: IS_LANGUAGE_CODE,
      validator: {
        validate: (value: unknown) => isLanguageCode(value),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be a lower-case ISO 639-1 code or one of the accepted ISO 639-3 codes (${Object.keys(ISO_639_3_REFUGEE_LANGUAGES).join(', ')})`,
          options,
        ),
      },
    },
    options,
  );

// ---------------------------------------------------------------------------------------------------
// Dates

/** The earliest birth date accepted: older dates are typing errors, not people. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** Today's calendar date in UTC as `YYYY-MM-DD`; the server's time zone does not matter. */
export const utcToday = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

const HOUR = 3_600_000;

/**
 * The latest date it is anywhere on earth (UTC+14). A date the client calls today is never after
 * it, so "not in the future" does not refuse today's date to a caseworker in Istanbul (UTC+3)
 * between midnight and 03:00, when it is still yesterday in UTC.
 */
export const latestToday = (now: Date = new Date()): string => utcToday(new Date(now.getTime() + 14 * HOUR));

/** The earliest date it is anywhere on earth (UTC-12): "today or later" accepts every zone's today. */
export const earliestToday = (now: Date = new Date()): string =>
  utcToday(new Date(now.getTime() - 12 * HOUR));

/** A `YYYY-MM-DD` string naming a real day of the proleptic Gregorian calendar (no 2023-02-29). */
export function isIsoCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= daysInMonth;
}

/**
 * A real `YYYY-MM-DD` date that is not after `today` (by default the latest date on earth, see
 * {@link latestToday}). Fixed-width ISO dates compare
 * as strings in calendar order. Anything that is not such a date fails too, so the rule holds on its
 * own; pair it with `@IsISO8601({ strict: true })` when clients should also see a format code.
 */
export function isNotFutureDate(value: unknown, today: string = latestToday()): value is string {
  return isIsoCalendarDate(value) && value <= today;
}

/** A date of birth between {@link EARLIEST_BIRTH_DATE} and `today` (see isNotFutureDate), both included. */
export function isPlausibleBirthDate(value: unknown, today: string = latestToday()): value is string {
  return isNotFutureDate(value, today) && value >= EARLIEST_BIRTH_DATE;
}

/** Arrival dates, document issue dates and other facts of the past. "Today" is read at each validation. */
export const IsNotFutureDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: NOT_FUTURE,
      validator: {
        validate: (value: unknown) => isNotFutureDate(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a date (YYYY-MM-DD) that is not in the future`,
          options,
        ),
      },
    },
    options,
  );

/**
 * A date of birth: not in the future and not before 1900. An estimated or year-only birth date is
 * still stored as a full date (often 1 January of the year), so it passes the same rule.
 */
export const IsPlausibleBirthDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: PLAUSIBLE_BIRTH_DATE,
      validator: {
        validate: (value: unknown) => isPlausibleBirthDate(value),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be a date of birth (YYYY-MM-DD) between ${EARLIEST_BIRTH_DATE} and today`,
          options,
        ),
      },
    },
    options,
  );

/** A real `YYYY-MM-DD` day (no 2023-02-30), past or future: date columns and date filters. */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: IS_CALENDAR_DATE,
      validator: {
        validate: (value: unknown) => isIsoCalendarDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a date (YYYY-MM-DD)`, options),
      },
    },
    options,
  );
