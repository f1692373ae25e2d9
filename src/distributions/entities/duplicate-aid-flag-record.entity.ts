import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DistributionRecord } from './distribution-record.entity';
import { DuplicateAidFlag } from './duplicate-aid-flag.entity';

/** A record in a flag, with its organisation: each organisation reviews the flags its records are in. */
@Entity('duplicate_aid_flag_records')
@Index('ix_duplicate_aid_flag_records_record', ['recordId'])
@Index('ix_duplicate_aid_flag_records_organisation', ['organisationId', 'flagId'])
export class DuplicateAidFlagRecord {
  @PrimaryColumn({ type: 'uuid' })
  flagId!: string;

  @ManyToOne(() => DuplicateAidFlag, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'flag_id', foreignKeyConstraintName: 'fk_duplicate_aid_flag_records_flag' })
  flag?: DuplicateAidFlag;

  @PrimaryColumn({ type: 'uuid' })
  recordId!: string;

  @ManyToOne(() => DistributionRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'record_id', foreignKeyConstraintName: 'fk_duplicate_aid_flag_records_record' })
  record?: DistributionRecord;

  @Column({ type: 'uuid' })
  organisationId!: string;
}
