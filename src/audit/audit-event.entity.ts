import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per change and per read of sensitive data: who, what, when, from where. Append-only: a
 * trigger refuses UPDATE, DELETE and TRUNCATE for every database role (see the migration). No
 * foreign keys, so that history outlives the records it describes. Never holds a password, a token,
 * a request body or the content of personal data: field names, ids and non-personal values only.
 */
@Entity('audit_events')
@Index('ix_audit_events_occurred_at', ['occurredAt'])
@Index('ix_audit_events_actor_user', ['actorUserId', 'id'])
@Index('ix_audit_events_entity', ['entityType', 'entityId', 'id'])
export class AuditEvent {
  /** Increasing; the keyset for paging through the log, newest first. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt!: Date;

  /** Null for the system (command line, jobs) and for failed logins of unknown usernames. */
  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorOrganisationId!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  actorRole!: string | null;

  /** `<entity>.<verb>`, for example `user.created`, `beneficiary.sensitive_read`. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 64 })
  entityType!: string;

  @Column({ type: 'uuid', nullable: true })
  entityId!: string | null;

  /** The organisation the record belongs to, so that an organisation's officer sees its events. */
  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  /** Names of the sensitive fields that were read. */
  @Column({ type: 'text', array: true, nullable: true })
  fieldsRead!: string[] | null;

  /** Changed fields: `{ field: { from, to } }` for codes and flags, `{ field: {} }` for personal data. */
  @Column({ type: 'jsonb', nullable: true })
  changes!: Record<string, unknown> | null;

  @Column({ type: 'inet', nullable: true })
  ip!: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;
}
