import { Type } from 'class-transformer';
import { BadRequestError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** No list answers more than this many items; a larger `limit` is a 400, not silently cut. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

/**
 * Keyset pagination for every list endpoint: `limit` items after the opaque `cursor` returned by
 * the previous page. Keyset rather than offset so that deep pages of large tables stay fast and
 * rows inserted meanwhile do not shift pages.
 */
export class PageQueryDto {
  /** Items per page, 1 to 100. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/)
  cursor?: string;
}

/** A cursor is the sort key of the last item, base64url-encoded JSON; clients treat it as opaque. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): (string | number)[] | undefined {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(key) && key.every((k) => typeof k === 'string' || typeof k === 'number')
      ? key
      : undefined;
  } catch {
    return undefined;
  }
}

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor?: string;
}

/** Builds a page from `limit + 1` rows fetched in key order: the extra row only says whether more follow. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => (string | number)[],
  map: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : undefined,
  };
}

/**
 * The sort key a cursor carries, checked against the shape the list expects (`['string', 'string']`
 * for name and id). A tampered or foreign cursor is a 400 naming the field, not a 500.
 */
export function parseCursor(
  cursor: string | undefined,
  shape: readonly ('string' | 'number')[],
): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  const key = decodeCursor(cursor);
  if (!key || key.length !== shape.length || key.some((k, i) => typeof k !== shape[i])) {
    throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: cursor', { cursor: ['invalid'] });
  }
  return key;
}
