import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Sex } from '../../beneficiaries/beneficiary-codes';
import { DocumentType } from '../../beneficiaries/documents/document-type';
import { Beneficiary } from '../../beneficiaries/entities/beneficiary.entity';
import { Consent } from '../../beneficiaries/entities/consent.entity';
import { CaseFile } from '../../cases/entities/case-file.entity';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { ServiceUnit } from '../../organisations/entities/service-unit.entity';
import { ServiceType } from '../../service-catalogue/entities/service-type.entity';
import { User } from '../../users/entities/user.entity';
import { ReferralOutcome, ReferralSharedField, ReferralStatus, ReferralUrgency } from '../referral-codes';

/**
 * What a partner knows of a person it refers in who may not be registered with the receiver yet:
 * enough to find or register them. Kept on the referral; the registry holds the person once linked.
 */
export interface ReferralSubject {
  givenName: string;
  familyName?: string;
  fatherName?: string;
  sex?: Sex;
  /** `YYYY` when only the year is known, or `YYYY-MM-DD`. */
  dateOfBirth?: string;
  nationality?: string;
  phone?: string;
  documentType?: DocumentType;
  documentNumber?: string;
}

/**
 * A request that a unit, of the sender's organisation or a partner's, provides a service to a
 * person. Status moves only through the service, by REFERRAL_TRANSITIONS, and every move writes an
 * append-only `referral_transitions` row. While accepted or in progress, the receiving unit reads
 * what `sharedFields` (and `shareCaseSummary`) name, and nothing else.
 */
@Entity('referrals')
@Index('ix_referrals_receiver_unit_status', ['receiverUnitId', 'status', 'createdAt'])
@Index('ix_referrals_sender_unit', ['senderUnitId', 'createdAt'])
@Index('ix_referrals_receiver_organisation', ['receiverOrganisationId', 'createdAt', 'id'])
@Index('ix_referrals_sender_organisation', ['senderOrganisationId', 'createdAt', 'id'])
@Index('ix_referrals_beneficiary', ['beneficiaryId'])
@Index('ix_referrals_case', ['caseId'])
// The overdue scan reads only what can still become overdue.
@Index('ix_referrals_response_due', ['responseDueAt'], { where: `"status" = 'pending'` })
@Index('ix_referrals_completion_due', ['completionDueAt'], {
  where: `"status" IN ('accepted', 'in_progress')`,
})
@Check('ck_referrals_person', `"beneficiary_id" IS NOT NULL OR "subject" IS NOT NULL`)
@Check('ck_referrals_case_summary', `NOT "share_case_summary" OR "case_id" IS NOT NULL`)
@Check('ck_referrals_outcome', `("status" = 'completed') = ("outcome" IS NOT NULL)`)
// Sharing with another organisation rests on a recorded consent, the partner's consent reference
// (inbound), or an override with its reason.
@Check(
  'ck_referrals_consent',
  `"sender_organisation_id" = "receiver_organisation_id"
   OR num_nonnulls("consent_id", "consent_reference", "consent_override_reason") >= 1`,
)
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  senderOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'sender_organisation_id',
    foreignKeyConstraintName: 'fk_referrals_sender_organisation',
  })
  senderOrganisation?: Organisation;

  /** The unit the referral is sent from; null when the sender belongs to no unit. */
  @Column({ type: 'uuid', nullable: true })
  senderUnitId!: string | null;

  @ManyToOne(() => ServiceUnit, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'sender_unit_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_referrals_sender_unit',
    },
    { name: 'sender_organisation_id', referencedColumnName: 'organisationId' },
  ])
  senderUnit?: ServiceUnit;

  @Column({ type: 'uuid' })
  createdByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'created_by_user_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_referrals_created_by',
    },
    { name: 'sender_organisation_id', referencedColumnName: 'organisationId' },
  ])
  createdBy?: User;

  @Column({ type: 'uuid' })
  receiverOrganisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'receiver_organisation_id',
    foreignKeyConstraintName: 'fk_referrals_receiver_organisation',
  })
  receiverOrganisation?: Organisation;

  @Column({ type: 'uuid' })
  receiverUnitId!: string;

  @ManyToOne(() => ServiceUnit, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'receiver_unit_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_referrals_receiver_unit',
    },
    { name: 'receiver_organisation_id', referencedColumnName: 'organisationId' },
  ])
  receiverUnit?: ServiceUnit;

  /** A service type of the receiving unit. */
  @Column({ type: 'uuid' })
  serviceTypeId!: string;

  @ManyToOne(() => ServiceType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_type_id', foreignKeyConstraintName: 'fk_referrals_service_type' })
  serviceType?: ServiceType;

  /** The person, in the registry of the organisation that holds them; null until an inbound referral is linked. */
  @Column({ type: 'uuid', nullable: true })
  beneficiaryId!: string | null;

  @ManyToOne(() => Beneficiary, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'beneficiary_id', foreignKeyConstraintName: 'fk_referrals_beneficiary' })
  beneficiary?: Beneficiary;

  /** Inbound referrals: who the partner refers, as the partner knows them. */
  @Column({ type: 'jsonb', nullable: true })
  subject!: ReferralSubject | null;

  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @ManyToOne(() => CaseFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_referrals_case' })
  case?: CaseFile;

  @Column({ type: 'varchar', length: 2000 })
  reason!: string;

  @Column({ type: 'varchar', length: 16 })
  urgency!: ReferralUrgency;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sharedFields!: ReferralSharedField[];

  /** Whether the receiver reads the case's type, risk level, summary and assessed needs. */
  @Column({ type: 'boolean', default: false })
  shareCaseSummary!: boolean;

  /** The consent the referral to another organisation rests on. */
  @Column({ type: 'uuid', nullable: true })
  consentId!: string | null;

  @ManyToOne(() => Consent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consent_id', foreignKeyConstraintName: 'fk_referrals_consent' })
  consent?: Consent;

  /** Inbound referrals: where the referring partner keeps the person's consent (a form number). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  consentReference!: string | null;

  /** Why the referral went ahead without consent (vital interest); set only with `referral.override_consent`. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  consentOverrideReason!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ReferralStatus;

  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome!: ReferralOutcome | null;

  /** By when the receiver must accept or reject; set from the urgency when the referral is made. */
  @Column({ type: 'timestamptz' })
  responseDueAt!: Date;

  /** By when the receiver must complete; set from the urgency when the referral is accepted. */
  @Column({ type: 'timestamptz', nullable: true })
  completionDueAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  /** When it reached a final status. */
  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Set once by the overdue job when the response came too late. */
  @Column({ type: 'timestamptz', nullable: true })
  responseOverdueAt!: Date | null;

  /** Set once by the overdue job when the completion came too late. */
  @Column({ type: 'timestamptz', nullable: true })
  completionOverdueAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
