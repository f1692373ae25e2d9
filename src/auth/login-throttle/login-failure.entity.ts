import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One failed (or still running) login attempt, counted against a key: the submitted username or
 * the client's address. Only a SHA-256 of the key is stored, never the username or the address.
 * Rows older than the throttle window mean nothing and are purged by a maintenance job.
 */
@Entity('login_failures')
@Index('ix_login_failures_key_hash_failed_at', ['keyHash', 'failedAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  /** sha256 hex of `username:<lower(username)>` or `ip:<address>`. */
  @Column({ type: 'char', length: 64 })
  keyHash!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  failedAt!: Date;
}
