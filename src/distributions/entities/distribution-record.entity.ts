import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Beneficiary } from '../../beneficiaries/entities/beneficiary.entity';
import { User } from '../../users/entities/user.entity';
import { DistributionSource, EntitlementRule } from '../distribution-codes';
import { AidItem } from './aid-item.entity';
import { DistributionRound } from './distribution-round.entity';
import { RoundItem } from './round-item.entity';

/**
 * One item handed to one person (for them or their household), when, where, by whom, in which
 * round. Never updated or deleted (a trigger refuses it): a mistake is voided by a
 * `distribution_voids` row, and a voided record no longer counts for the rules.
 */
@Entity('distribution_records')
@Index('ix_distribution_records_beneficiary_item', ['beneficiaryId', 'aidItemId', 'distributedOn'])
@Index('ix_distribution_records_household', ['householdId', 'distributedOn'])
@Index('ix_distribution_records_round', ['roundId', 'distributedOn'])
@Index('ix_distribution_records_organisation', ['organisationId', 'recordedAt', 'id'])
@Index('uq_distribution_records_seq', ['seq'], { unique: true })
@Check('ck_distribution_records_quantity', `"quantity" > 0`)
@Check('ck_distribution_records_round', `("round_id" IS NULL) = ("round_item_id" IS NULL)`)
@Check('ck_distribution_records_live_round', `"source" <> 'live' OR "round_id" IS NOT NULL`)
@Check(
  'ck_distribution_records_override',
  `("override_reason" IS NULL) = (cardinality("overridden_rules") = 0)`,
)
export class DistributionRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Insertion order, for the incremental duplicate-aid scan. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  /** Null for an imported record that belongs to no round. */
  @Column({ type: 'uuid', nullable: true })
  roundId!: string | null;

  @ManyToOne(() => DistributionRound, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'round_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_distribution_records_round',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  round?: DistributionRound;

  @Column({ type: 'uuid', nullable: true })
  roundItemId!: string | null;

  @ManyToOne(() => RoundItem, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'round_item_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_distribution_records_round_item',
    },
    { name: 'round_id', referencedColumnName: 'roundId' },
  ])
  roundItem?: RoundItem;

  @Column({ type: 'uuid' })
  aidItemId!: string;

  @ManyToOne(() => AidItem, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'aid_item_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_distribution_records_item',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  aidItem?: AidItem;

  /** Who received it. */
  @Column({ type: 'uuid' })
  beneficiaryId!: string;

  @ManyToOne(() => Beneficiary, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'beneficiary_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_distribution_records_beneficiary',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  beneficiary?: Beneficiary;

  /**
   * The household the person belonged to on the day, as known when it was recorded (for reports).
   * The rules do not read it: they follow the memberships on each receipt's date.
   */
  @Column({ type: 'uuid', nullable: true })
  householdId!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  quantity!: string;

  /** The item's unit value when recorded, so that later price changes do not rewrite reports. */
  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  unitValue!: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'date' })
  distributedOn!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  location!: string | null;

  @Column({ type: 'varchar', length: 16 })
  source!: DistributionSource;

  @Column({ type: 'uuid' })
  recordedByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'recorded_by_user_id',
    foreignKeyConstraintName: 'fk_distribution_records_recorded_by',
  })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;

  /** The rules a supervisor overrode to record it; empty when none was broken. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  overriddenRules!: EntitlementRule[];

  @Column({ type: 'varchar', length: 2000, nullable: true })
  overrideReason!: string | null;
}
