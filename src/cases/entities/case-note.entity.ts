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

/**
 * A case note. Notes are never edited: a correction is a new note. A sensitive note (protection or
 * health detail) is listed only for callers with case.read_sensitive, and each read is audited.
 */
@Entity('case_notes')
@Index('ix_case_notes_case', ['caseId', 'createdAt', 'id'])
export class CaseNote {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_notes_case' })
  case?: CaseFile;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'boolean', default: false })
  isSensitive!: boolean;

  @Column({ type: 'uuid' })
  authorUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_user_id', foreignKeyConstraintName: 'fk_case_notes_author' })
  author?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
