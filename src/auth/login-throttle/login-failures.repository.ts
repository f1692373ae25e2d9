import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { deleteInBatches } from '../../database/delete-in-batches';
import { LoginFailure } from './login-failure.entity';

export interface ThrottleKeys {
  username: string;
  address: string;
}

/** sha256 hex of a key, computed by PostgreSQL from the text `$n`. */
const sha256HexSql = (param: string) => `encode(sha256(convert_to(${param}, 'UTF8')), 'hex')`;

/**
 * Storage of the login throttle's counters: one row per failed (or not yet finished) attempt and
 * key. Every query is by key hash and time, over the index (key_hash, failed_at).
 */
@Injectable()
export class LoginFailuresRepository {
  constructor(@InjectRepository(LoginFailure) private readonly repo: Repository<LoginFailure>) {}

  /**
   * The key hashes of a username and an address. The username is lower-cased by PostgreSQL's
   * `lower()`, exactly as the login query (`UsersRepository.findActiveForLogin`) does, so that no
   * spelling that logs in to an account escapes that account's counter.
   */
  async keysOf(username: string, address: string): Promise<ThrottleKeys> {
    const rows: Array<{ username: string; address: string }> = await this.repo.query(
      `SELECT ${sha256HexSql(`'username:' || lower($1)`)} AS username, ${sha256HexSql(`'ip:' || $2`)} AS address`,
      [username, address],
    );
    return rows[0];
  }

  /**
   * Serialises attempts on one key until the end of the transaction. Lock ids are the first 64 bits
   * of the key hash; a collision only makes two keys wait for each other.
   */
  async lockKey(keyHash: string, em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(('x' || substr($1::text, 1, 16))::bit(64)::bigint)`, [
      keyHash,
    ]);
  }

  /**
   * Seconds until fewer than `limit` failures of the key remain in the window (at least 1), or 0 if
   * there are fewer already: the `limit`-th newest failure in the window is the one whose expiry
   * brings the count below the limit. Times are the clock's, not the transaction's start: after
   * waiting for the key's lock, every row this can see was written before it.
   */
  async secondsUntilBelowLimit(
    keyHash: string,
    limit: number,
    windowSeconds: number,
    em: EntityManager,
  ): Promise<number> {
    const rows: Array<{ retry_after: number }> = await em.query(
      `SELECT greatest(1, ceil(extract(epoch FROM failed_at + make_interval(secs => $3) - clock_timestamp())))::int
              AS retry_after
         FROM login_failures
        WHERE key_hash = $1 AND failed_at > clock_timestamp() - make_interval(secs => $3)
        ORDER BY failed_at DESC
       OFFSET $2 LIMIT 1`,
      [keyHash, limit - 1, windowSeconds],
    );
    return rows.length ? rows[0].retry_after : 0;
  }

  /** Records one failure for each key; returns the new rows' ids. */
  async insertFailures(keyHashes: string[], em: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO login_failures (key_hash, failed_at)
       SELECT k, clock_timestamp() FROM unnest($1::text[]) AS k
       RETURNING id`,
      [keyHashes],
    );
    return rows.map((r) => String(r.id));
  }

  /** Forgets the given rows and every failure of the username key. */
  async deleteAfterSuccess(ids: string[], usernameKeyHash: string): Promise<void> {
    await this.repo.query(`DELETE FROM login_failures WHERE id = ANY($1::bigint[]) OR key_hash = $2`, [
      ids,
      usernameKeyHash,
    ]);
  }

  /**
   * Deletes the failures older than the window, which no longer count. Works in batches to keep
   * locks short; returns the number of rows deleted.
   */
  purgeOlderThan(windowSeconds: number, batchSize = 5000): Promise<number> {
    return deleteInBatches(
      this.repo,
      `DELETE FROM login_failures WHERE id IN (
         SELECT id FROM login_failures WHERE failed_at < now() - make_interval(secs => $1) LIMIT $2)
       RETURNING 1`,
      [windowSeconds],
      batchSize,
    );
  }
}
