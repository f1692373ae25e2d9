/** Calendar arithmetic on whole UTC days (days since 1970-01-01), for fast date columns. */

export const DAY_MS = 86_400_000;

export const dayFromIso = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/** Formatted dates, cached: a run formats millions of dates but only some 50,000 distinct days. */
const ISO_CACHE = new Map<number, string>();

export function isoDate(day: number): string {
  let iso = ISO_CACHE.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    ISO_CACHE.set(day, iso);
  }
  return iso;
}

export const firstDayOfYear = (year: number): number => Date.UTC(year, 0, 1) / DAY_MS;

export const yearOfDay = (day: number): number => Number(isoDate(day).slice(0, 4));

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** A timestamp on `day`, `secondOfDay` seconds after midnight UTC (0 to 86399), as ISO 8601. */
export function isoTimestamp(day: number, secondOfDay: number): string {
  const s = Math.min(86_399, Math.max(0, Math.floor(secondOfDay)));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  return `${isoDate(day)}T${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[s % 60]}Z`;
}
