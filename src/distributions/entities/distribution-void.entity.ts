import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { DistributionRecord } from './distribution-record.entity';

/** The correction of a distribution record: it no longer counts. Once per record; append-only. */
@Entity('distribution_voids')
export class DistributionVoid {
  @PrimaryColumn({ type: 'uuid' })
  recordId!: string;

  @OneToOne(() => DistributionRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'record_id', foreignKeyConstraintName: 'fk_distribution_voids_record' })
  record?: DistributionRecord;

  @Column({ type: 'varchar', length: 2000 })
  reason!: string;

  @Column({ type: 'uuid' })
  voidedByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'voided_by_user_id', foreignKeyConstraintName: 'fk_distribution_voids_voided_by' })
  voidedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  voidedAt!: Date;
}
