import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../../users/entities/user.entity';
import {
  AidCategory,
  DuplicateAidFlagStatus,
  DuplicateAidResolution,
  EntitlementRule,
} from '../distribution-codes';

/**
 * Two or more distribution records that break a rule together: the same person or household (or
 * the same identity document across organisations), the same kind of aid, inside the rule's window.
 * Raised by the duplicate-aid scan once per conflict (`conflictKey`), reviewed by supervisors.
 */
@Entity('duplicate_aid_flags')
@Index('uq_duplicate_aid_flags_conflict', ['conflictKey'], { unique: true })
@Index('ix_duplicate_aid_flags_status', ['status', 'raisedAt'])
@Check('ck_duplicate_aid_flags_review', `("status" = 'open') = ("reviewed_at" IS NULL)`)
@Check('ck_duplicate_aid_flags_resolution', `("status" = 'confirmed') = ("resolution" IS NOT NULL)`)
export class DuplicateAidFlag {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The rule and the sorted record ids: the same conflict found again is the same key. */
  @Column({ type: 'varchar', length: 200 })
  conflictKey!: string;

  @Column({ type: 'varchar', length: 32 })
  rule!: EntitlementRule;

  @Column({ type: 'varchar', length: 32 })
  category!: AidCategory;

  /** Whose receipts conflict: `person`, `household` or `identity_document` (across organisations). */
  @Column({ type: 'varchar', length: 32 })
  subjectType!: string;

  /** The quantity received beyond the rule. */
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  amount!: string;

  /** Its value, where the items have one (in `currency`). */
  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  value!: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: DuplicateAidFlagStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  resolution!: DuplicateAidResolution | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reviewNote!: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewed_by_user_id', foreignKeyConstraintName: 'fk_duplicate_aid_flags_reviewed_by' })
  reviewedBy?: User;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  raisedAt!: Date;
}
