import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum IdempotencyState {
  InFlight = 'in_flight',
  Completed = 'completed',
}

/**
 * A client's `Idempotency-Key` for a request that changes something, per user: the request's
 * fingerprint and, once answered, the answer, which a retry with the same key gets again. Claimed
 * in its own transaction before the work starts, so a second request with the key while the first
 * runs finds it in flight.
 */
@Entity('idempotency_keys')
@Index('ix_idempotency_keys_created', ['createdAt'])
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  /** Method and route pattern: a key is not reused across operations. */
  @Column({ type: 'varchar', length: 200 })
  operation!: string;

  /** SHA-256 of the canonical request body. */
  @Column({ type: 'char', length: 64 })
  requestHash!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: IdempotencyState;

  @Column({ type: 'smallint', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
