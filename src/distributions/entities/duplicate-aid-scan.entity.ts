import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One run of the duplicate-aid scan: `full` re-checks every record, `incremental` the records
 * after the last run's `toSeq`. The next incremental run starts where the last finished one ended.
 */
@Entity('duplicate_aid_scans')
@Index('ix_duplicate_aid_scans_finished', ['finishedAt'])
export class DuplicateAidScan {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  mode!: 'full' | 'incremental';

  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Records with `seq` above this were checked (0 for a full run). */
  @Column({ type: 'bigint' })
  fromSeq!: string;

  /** ...up to and including this one. */
  @Column({ type: 'bigint' })
  toSeq!: string;

  @Column({ type: 'integer', default: 0 })
  recordsChecked!: number;

  @Column({ type: 'integer', default: 0 })
  flagsRaised!: number;
}
