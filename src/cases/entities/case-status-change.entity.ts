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
import { CaseStatus, ClosureReason } from '../case-codes';
import { CaseFile } from './case-file.entity';

/** One step of a case's status history. Append-only: a trigger refuses updates and deletes. */
@Entity('case_status_changes')
@Index('ix_case_status_changes_case', ['caseId', 'id'])
export class CaseStatusChange {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_status_changes_case' })
  case?: CaseFile;

  /** Null for the opening of the case. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus!: CaseStatus | null;

  @Column({ type: 'varchar', length: 16 })
  toStatus!: CaseStatus;

  @Column({ type: 'varchar', length: 32, nullable: true })
  closureReason!: ClosureReason | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  changedByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'changed_by_user_id', foreignKeyConstraintName: 'fk_case_status_changes_user' })
  changedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt!: Date;
}
