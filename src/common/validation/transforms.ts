import { Transform } from 'class-transformer';

/** Trims surrounding whitespace of a string field; other values pass through to the validators. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Lower-cases and trims a string field (usernames). */
export const TrimLower = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  );

/** Query strings carry `true`/`false` as text; anything else is left for `@IsBoolean` to refuse. */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** A repeatable query parameter (`?status=open&status=active`) arrives as a string or an array. */
export const QueryArray = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value));
