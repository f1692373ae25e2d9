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
import { ReferralOutcome, ReferralStatus } from '../referral-codes';
import { Referral } from './referral.entity';

/** One step of a referral's history: who moved it, when and why. Append-only (a trigger refuses changes). */
@Entity('referral_transitions')
@Index('ix_referral_transitions_referral', ['referralId', 'id'])
export class ReferralTransition {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  referralId!: string;

  @ManyToOne(() => Referral, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'fk_referral_transitions_referral' })
  referral?: Referral;

  /** Null for the making of the referral. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus!: ReferralStatus | null;

  @Column({ type: 'varchar', length: 16 })
  toStatus!: ReferralStatus;

  /** Why it was rejected, closed or withdrawn. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome!: ReferralOutcome | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  /** Accepting an inbound referral: the registered person it was linked to. */
  @Column({ type: 'uuid', nullable: true })
  linkedBeneficiaryId!: string | null;

  /** Completing through a service delivery: the delivery recorded. */
  @Column({ type: 'uuid', nullable: true })
  serviceDeliveryId!: string | null;

  @Column({ type: 'uuid' })
  changedByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'changed_by_user_id', foreignKeyConstraintName: 'fk_referral_transitions_user' })
  changedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt!: Date;
}
