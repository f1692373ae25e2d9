import { stdSerializers } from 'pino';

/**
 * Properties a database error carries that can hold personal data: the bound parameters of the
 * query (names, phone numbers, document numbers), PostgreSQL's `detail` ("Failing row contains
 * (...)", "Key (number)=(...) already exists") and `where`. The query text stays: it is
 * parameterised, so it names tables and columns, not values.
 */
const PERSONAL = ['parameters', 'detail', 'where', 'driverError'] as const;

/**
 * The `err` serializer of every log line: pino's standard one, minus the properties above, also
 * in a `cause`. An unhandled error then tells what failed and where, never whose row. pino-http
 * hands it the error already through the standard serializer; called directly, it runs that first.
 */
export function safeError(err: unknown): unknown {
  if (err instanceof Error) return scrub(stdSerializers.err(err));
  return err && typeof err === 'object' ? scrub(err as Record<string, unknown>) : err;
}

function scrub(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if ((PERSONAL as readonly string[]).includes(key)) continue;
    out[key] = v && typeof v === 'object' && key === 'cause' ? scrub(v as Record<string, unknown>) : v;
  }
  return out;
}
