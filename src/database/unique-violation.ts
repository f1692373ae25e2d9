import { QueryFailedError } from 'typeorm';

/**
 * The name of the unique constraint a failed statement violated, if that is why it failed. Services
 * let the database decide uniqueness (two replicas racing still produce one row) and turn the
 * violation into a conflict naming the field.
 */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: unknown; constraint?: unknown };
  return driverError.code === '23505' && typeof driverError.constraint === 'string'
    ? driverError.constraint
    : undefined;
}
