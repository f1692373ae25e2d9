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

export interface AssessedNeed {
  code: string;
  severity: string;
}

export interface ScoreItem {
  source: 'need' | 'vulnerability';
  code: string;
  points: number;
}

/**
 * A needs assessment of a case at a point in time, with the vulnerability score it produced and
 * how (method and breakdown), so a score can be explained later even if the method changes.
 * The latest assessment is the current one; earlier ones are kept.
 */
@Entity('case_assessments')
@Index('ix_case_assessments_case', ['caseId', 'assessedAt'])
export class CaseAssessment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_assessments_case' })
  case?: CaseFile;

  @Column({ type: 'jsonb' })
  needs!: AssessedNeed[];

  @Column({ type: 'smallint' })
  score!: number;

  @Column({ type: 'varchar', length: 16 })
  level!: string;

  @Column({ type: 'jsonb' })
  breakdown!: ScoreItem[];

  @Column({ type: 'varchar', length: 16 })
  method!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  assessedByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessed_by_user_id', foreignKeyConstraintName: 'fk_case_assessments_user' })
  assessedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  assessedAt!: Date;
}
