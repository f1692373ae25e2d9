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
import { CountedPer } from '../distribution-codes';
import { AidItem } from './aid-item.entity';
import { DistributionRound } from './distribution-round.entity';

/**
 * An item of a round with its entitlement rule: whose receipts count (the person's, or the
 * household's), how much one receipt is, the minimum days between two receipts, the maximum
 * number of receipts within a period of days, and the items that may not be received in the same
 * round period. Rules are data: checked when saved, read by the pure rule engine (entitlement.ts).
 */
@Entity('distribution_round_items')
@Unique('uq_distribution_round_items_id_round', ['id', 'roundId'])
@Index('uq_distribution_round_items_round_item', ['roundId', 'aidItemId'], { unique: true })
@Check('ck_distribution_round_items_quantity', `"quantity_per_receipt" > 0`)
@Check('ck_distribution_round_items_min_days', `"min_days_between" IS NULL OR "min_days_between" >= 1`)
@Check(
  'ck_distribution_round_items_max_per_period',
  `("max_per_period" IS NULL) = ("period_days" IS NULL)
   AND ("max_per_period" IS NULL OR ("max_per_period" >= 1 AND "period_days" >= 1))`,
)
export class RoundItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  roundId!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => DistributionRound, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'round_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_distribution_round_items_round',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  round?: DistributionRound;

  @Column({ type: 'uuid' })
  aidItemId!: string;

  @ManyToOne(() => AidItem, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'aid_item_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_distribution_round_items_item',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  aidItem?: AidItem;

  @Column({ type: 'varchar', length: 16 })
  countedPer!: CountedPer;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  quantityPerReceipt!: string;

  @Column({ type: 'smallint', nullable: true })
  minDaysBetween!: number | null;

  /** At most this many receipts within any `periodDays` consecutive days. */
  @Column({ type: 'smallint', nullable: true })
  maxPerPeriod!: number | null;

  @Column({ type: 'smallint', nullable: true })
  periodDays!: number | null;

  /** Aid items (of the organisation) that may not be received in the same round period as this one. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  exclusiveWithItemIds!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
