import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { HouseholdExitReason, HouseholdRelationship } from '../beneficiary-codes';
import { Beneficiary } from './beneficiary.entity';
import { Household } from './household.entity';

/**
 * A person's membership of a household over a period. Ending one closes the period and keeps the
 * row, so aid rules can ask who belonged to a household on the date of a receipt. A person
 * belongs to at most one household at a time, and a household has at most one current head.
 */
@Entity('household_memberships')
@Index('uq_household_memberships_current', ['beneficiaryId'], { unique: true, where: '"ended_on" IS NULL' })
@Index('uq_household_memberships_head', ['householdId'], {
  unique: true,
  where: `"ended_on" IS NULL AND "relationship" = 'head'`,
})
@Index('ix_household_memberships_household', ['householdId', 'startedOn'])
@Index('ix_household_memberships_beneficiary', ['beneficiaryId', 'startedOn'])
@Check('ck_household_memberships_period', `"ended_on" IS NULL OR "ended_on" >= "started_on"`)
@Check('ck_household_memberships_exit', `("ended_on" IS NULL) = ("exit_reason" IS NULL)`)
export class HouseholdMembership {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => Household, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'household_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_household_memberships_household',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  household?: Household;

  @Column({ type: 'uuid' })
  beneficiaryId!: string;

  @ManyToOne(() => Beneficiary, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'beneficiary_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_household_memberships_beneficiary',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  beneficiary?: Beneficiary;

  @Column({ type: 'varchar', length: 32 })
  relationship!: HouseholdRelationship;

  @Column({ type: 'date' })
  startedOn!: string;

  /** The first day the person no longer belongs; null while they do. */
  @Column({ type: 'date', nullable: true })
  endedOn!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  exitReason!: HouseholdExitReason | null;

  @Column({ type: 'uuid' })
  createdByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_user_id', foreignKeyConstraintName: 'fk_household_memberships_created_by' })
  createdBy?: User;

  @Column({ type: 'uuid', nullable: true })
  endedByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ended_by_user_id', foreignKeyConstraintName: 'fk_household_memberships_ended_by' })
  endedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
