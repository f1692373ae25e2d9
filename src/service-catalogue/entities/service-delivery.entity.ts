import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Beneficiary } from '../../beneficiaries/entities/beneficiary.entity';
import { Referral } from '../../referrals/entities/referral.entity';
import { CaseFile } from '../../cases/entities/case-file.entity';
import { User } from '../../users/entities/user.entity';
import { ServiceType } from './service-type.entity';

/** That a service was delivered to a person on a date, by whom, in which unit, for which case. */
@Entity('service_deliveries')
@Index('ix_service_deliveries_beneficiary', ['beneficiaryId', 'deliveredOn'])
@Index('ix_service_deliveries_case', ['caseId', 'deliveredOn'])
@Index('ix_service_deliveries_unit', ['unitId', 'deliveredOn'])
export class ServiceDelivery {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'uuid' })
  beneficiaryId!: string;

  @ManyToOne(() => Beneficiary, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'beneficiary_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_service_deliveries_beneficiary',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  beneficiary?: Beneficiary;

  @Column({ type: 'uuid' })
  serviceTypeId!: string;

  @ManyToOne(() => ServiceType, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'service_type_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_service_deliveries_service_type',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  serviceType?: ServiceType;

  /** The service type's unit, copied so that lists per unit need no join. */
  @Column({ type: 'uuid' })
  unitId!: string;

  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'case_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_service_deliveries_case' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  case?: CaseFile;

  /** The referral the service answers. */
  @Column({ type: 'uuid', nullable: true })
  referralId!: string | null;

  @ManyToOne(() => Referral, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'fk_service_deliveries_referral' })
  referral?: Referral;

  @Column({ type: 'date' })
  deliveredOn!: string;

  @Column({ type: 'uuid' })
  deliveredByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'delivered_by_user_id', foreignKeyConstraintName: 'fk_service_deliveries_user' })
  deliveredBy?: User;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
