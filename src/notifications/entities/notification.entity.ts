import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { EmailStatus, NotificationKind, NotificationSubject } from '../notification-codes';

/**
 * One in-app notification for one user, with the state of its e-mail copy. It names the record it
 * is about by kind and id and carries only non-personal parameters (unit names, urgency, status,
 * due date): the reader opens the record, under their own access, for the rest.
 */
@Entity('notifications')
@Index('ix_notifications_user', ['userId', 'createdAt', 'id'])
@Index('ix_notifications_user_unread', ['userId'], { where: `"read_at" IS NULL` })
@Index('ix_notifications_email_pending', ['createdAt'], { where: `"email_status" = 'pending'` })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notifications_user' })
  user?: User;

  @Column({ type: 'varchar', length: 32 })
  kind!: NotificationKind;

  @Column({ type: 'varchar', length: 32 })
  subjectType!: NotificationSubject;

  @Column({ type: 'uuid' })
  subjectId!: string;

  /** Non-personal parameters for the client's message: unit names, urgency, status, due date. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, string | null>;

  /**
   * One notification per event and reader: the same event raised twice (a retried job, a second
   * run of the overdue scan) finds the key taken and adds nothing.
   */
  @Index('uq_notifications_dedupe_key', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  dedupeKey!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({ type: 'varchar', length: 16 })
  emailStatus!: EmailStatus;

  @Column({ type: 'timestamptz', nullable: true })
  emailSentAt!: Date | null;
}
