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
import { CaseFile } from './case-file.entity';

/** Something to do on a case by a date: a call, a visit, an appointment to check on. */
@Entity('case_follow_ups')
@Index('ix_case_follow_ups_case', ['caseId', 'dueOn'])
@Index('ix_case_follow_ups_open_assignee', ['assignedUserId', 'dueOn'], { where: '"completed_at" IS NULL' })
@Index('ix_case_follow_ups_open_due', ['dueOn'], { where: '"completed_at" IS NULL' })
@Check('ck_case_follow_ups_completion', `("completed_at" IS NULL) = ("completed_by_user_id" IS NULL)`)
export class CaseFollowUp {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_follow_ups_case' })
  case?: CaseFile;

  @Column({ type: 'varchar', length: 500 })
  description!: string;

  @Column({ type: 'date' })
  dueOn!: string;

  /** Who is to do it; by default the case's caseworker. */
  @Column({ type: 'uuid', nullable: true })
  assignedUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_user_id', foreignKeyConstraintName: 'fk_case_follow_ups_assignee' })
  assignedUser?: User;

  @Column({ type: 'uuid' })
  createdByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_user_id', foreignKeyConstraintName: 'fk_case_follow_ups_created_by' })
  createdBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  completedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'completed_by_user_id', foreignKeyConstraintName: 'fk_case_follow_ups_completed_by' })
  completedBy?: User;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  outcome!: string | null;
}
