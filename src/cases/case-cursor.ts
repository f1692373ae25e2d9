import { isUUID } from 'class-validator';
import { BadRequestError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { parseCursor } from '../common/pagination/pagination';

/*
 * Case lists are ordered by timestamps that PostgreSQL keeps to the microsecond while JavaScript
 * dates keep milliseconds, so a cursor that carried the timestamp would skip or repeat rows. The
 * cursors here carry the last row's id instead, and the query reads that row's sort key back
 * (`(at, id) < (SELECT at, id FROM ... WHERE id = :afterId)`).
 */

const invalidCursor = () =>
  new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: cursor', { cursor: ['invalid'] });

/** The id of the last row of the previous page, or undefined for the first page. */
export function parseIdCursor(cursor: string | undefined): string | undefined {
  const key = parseCursor(cursor, ['string']);
  if (!key) return undefined;
  const id = String(key[0]);
  if (!isUUID(id)) throw invalidCursor();
  return id;
}

/** The key of a history row: its exact time (as PostgreSQL prints it), its kind's rank, its id. */
export interface HistoryKey {
  at: string;
  rank: number;
  id: string;
}

const EXACT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function parseHistoryCursor(cursor: string | undefined): HistoryKey | undefined {
  const key = parseCursor(cursor, ['string', 'number', 'string']);
  if (!key) return undefined;
  const [at, rank, id] = key as [string, number, string];
  if (!EXACT_TIMESTAMP.test(at) || Number.isNaN(Date.parse(at)) || (rank !== 0 && rank !== 1)) {
    throw invalidCursor();
  }
  if (!/^\d{1,19}$/.test(id)) throw invalidCursor();
  return { at, rank, id };
}
