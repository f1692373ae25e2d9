import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { LegalStatus, Vulnerability } from '../../beneficiaries/beneficiary-codes';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { User } from '../../users/entities/user.entity';

/**
 * A programme or campaign that hands out items in a period, at one or more locations, to people
 * who meet its eligibility criteria. An empty criterion list means no limit by that criterion.
 */
@Entity('distribution_rounds')
@Unique('uq_distribution_rounds_id_organisation', ['id', 'organisationId'])
@Index('uq_distribution_rounds_organisation_name', ['organisationId', 'name'], { unique: true })
@Index('ix_distribution_rounds_organisation_period', ['organisationId', 'startsOn'])
@Check('ck_distribution_rounds_period', `"ends_on" >= "starts_on"`)
@Check(
  'ck_distribution_rounds_household_size',
  `("min_household_size" IS NULL OR "min_household_size" >= 1)
   AND ("max_household_size" IS NULL OR "max_household_size" >= coalesce("min_household_size", 1))`,
)
export class DistributionRound {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_distribution_rounds_organisation' })
  organisation?: Organisation;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'date' })
  startsOn!: string;

  /** The last day of the round, included. */
  @Column({ type: 'date' })
  endsOn!: string;

  /** Where it is handed out: distribution points, by name. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  locations!: string[];

  /** Eligible if the person has any of these vulnerabilities. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  eligibleVulnerabilities!: Vulnerability[];

  /** Eligible if the person's household has at least this many members on the day. */
  @Column({ type: 'smallint', nullable: true })
  minHouseholdSize!: number | null;

  @Column({ type: 'smallint', nullable: true })
  maxHouseholdSize!: number | null;

  /** Eligible if the person lives in one of these districts. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  eligibleDistricts!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  eligibleLegalStatuses!: LegalStatus[];

  @Column({ type: 'uuid' })
  createdByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_user_id', foreignKeyConstraintName: 'fk_distribution_rounds_created_by' })
  createdBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
