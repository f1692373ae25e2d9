import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import {
  BadRequestError,
  ConflictError,
  DomainError,
  BusinessRuleError,
} from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { IdempotencyKey, IdempotencyState } from './idempotency-key.entity';

/** An answer to keep and give again: the status and the body, or the domain error. */
export interface IdempotentResult<T> {
  status: number;
  body: T;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

interface StoredError {
  error: { status: number; code: string; message: string; details?: Record<string, unknown> };
}

/** A stored domain error, thrown again for a replay: same status, code, message and details. */
class ReplayedError extends DomainError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(code, message, details);
  }
}

/** A claim older than this is taken to be abandoned (its process died): the key may be used again. */
const ABANDONED_AFTER_MS = 60_000;
const KEY_FORMAT = /^[A-Za-z0-9._:-]{8,200}$/;

/**
 * `Idempotency-Key` for requests that must not take effect twice (recording aid). The key is
 * claimed, per user, in its own committed transaction before the work starts:
 *
 * - a new key runs the work and stores its answer (a success or a domain error: a refusal is an
 *   answer too, and a retry must get the same one);
 * - the same key with the same body gets the stored answer again;
 * - the same key with another body (or operation) is 422 IDEMPOTENCY_KEY_REUSED;
 * - the same key while the first request still runs is 409 IDEMPOTENCY_KEY_IN_FLIGHT.
 *
 * An unexpected failure releases the claim, so the client can retry with the same key.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(
    user: AuthUser,
    key: string | undefined,
    operation: string,
    request: unknown,
    work: () => Promise<{ status: number; body: T }>,
  ): Promise<IdempotentResult<T>> {
    if (key === undefined || key === '') {
      throw new BadRequestError(
        ErrorCode.IdempotencyKeyRequired,
        'This request needs an Idempotency-Key header',
        {
          'Idempotency-Key': ['required'],
        },
      );
    }
    if (!KEY_FORMAT.test(key)) {
      throw new BadRequestError(
        ErrorCode.ValidationFailed,
        'Idempotency-Key must be 8 to 200 letters, digits or . _ : -',
        { 'Idempotency-Key': ['format'] },
      );
    }
    const requestHash = fingerprint(request);
    const existing = await this.claim(user.id, key, operation, requestHash);
    if (existing) return replay<T>(existing);
    try {
      const result = await work();
      await this.complete(user.id, key, result.status, result.body);
      return { ...result, replayed: false };
    } catch (error) {
      if (error instanceof DomainError && error.status < 500) {
        const stored: StoredError = {
          error: { status: error.status, code: error.code, message: error.message, details: error.details },
        };
        await this.complete(user.id, key, error.status, stored);
      } else {
        await this.release(user.id, key);
      }
      throw error;
    }
  }

  /** Claims the key; returns the earlier request's row when the key is already taken. */
  private async claim(
    userId: string,
    key: string,
    operation: string,
    requestHash: string,
  ): Promise<IdempotencyKey | null> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, operation, request_hash, state)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING key`,
      [userId, key, operation, requestHash, IdempotencyState.InFlight],
    );
    if (inserted.length) return null;
    const row = await this.dataSource.manager.findOneBy(IdempotencyKey, { userId, key });
    if (!row) return this.claim(userId, key, operation, requestHash); // released meanwhile
    if (row.operation !== operation || row.requestHash !== requestHash) {
      throw new BusinessRuleError(
        ErrorCode.IdempotencyKeyReused,
        'This Idempotency-Key was used for another request; use a new key for a new request',
        { 'Idempotency-Key': ['reusedWithOtherRequest'] },
      );
    }
    if (row.state === IdempotencyState.InFlight) {
      if (Date.now() - row.createdAt.getTime() > ABANDONED_AFTER_MS) {
        await this.release(userId, key);
        return this.claim(userId, key, operation, requestHash);
      }
      throw new ConflictError(
        ErrorCode.IdempotencyKeyInFlight,
        'A request with this Idempotency-Key is still being processed; retry in a moment',
      );
    }
    return row;
  }

  private async complete(userId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = $3, response_status = $4, response_body = $5, completed_at = now()
        WHERE user_id = $1 AND key = $2`,
      [userId, key, IdempotencyState.Completed, status, JSON.stringify(body)],
    );
  }

  private async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND state = $3`,
      [userId, key, IdempotencyState.InFlight],
    );
  }
}

function replay<T>(row: IdempotencyKey): IdempotentResult<T> {
  const body = row.responseBody as T | StoredError;
  if (body && typeof body === 'object' && 'error' in body && row.responseStatus! >= 400) {
    const e = body.error;
    throw new ReplayedError(e.status, e.code, e.message, e.details);
  }
  return { status: row.responseStatus!, body: body as T, replayed: true };
}

/** SHA-256 of the request as canonical JSON (keys sorted at every level). */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
