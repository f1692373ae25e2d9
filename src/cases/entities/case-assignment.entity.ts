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
import { CaseFile } from './case-file.entity';

/** One (re)assignment of a case. Append-only: a trigger refuses updates and deletes. */
@Entity('case_assignments')
@Index('ix_case_assignments_case', ['caseId', 'id'])
export class CaseAssignment {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_assignments_case' })
  case?: CaseFile;

  /** Null when the case was unassigned. */
  @Column({ type: 'uuid', nullable: true })
  assignedUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_user_id', foreignKeyConstraintName: 'fk_case_assignments_assignee' })
  assignedUser?: User;

  @Column({ type: 'uuid' })
  assignedByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_by_user_id', foreignKeyConstraintName: 'fk_case_assignments_assigner' })
  assignedBy?: User;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  assignedAt!: Date;
}
