/** `YYYY-MM-DD`, `days` after today in UTC (negative for the past), as the API's date rules count them. */
export function daysFromToday(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
