import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BirthDatePrecision, LegalStatus, Sex, Vulnerability } from '../../beneficiaries/beneficiary-codes';
import { DocumentType } from '../../beneficiaries/documents/document-type';
import { IsBirthDateInput } from '../../beneficiaries/dto/beneficiary-field-rules';
import { DocumentRefDto } from '../../beneficiaries/dto/identity-document.dto';
import { CaseStatus, CaseType, RiskLevel } from '../../cases/case-codes';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsCalendarDate, IsE164Phone, IsNationality } from '../../common/validation/field-rules';
import { QueryArray, QueryBoolean, Trim } from '../../common/validation/transforms';
import { ReferralOutcome, ReferralSharedField, ReferralStatus, ReferralUrgency } from '../referral-codes';

const text = (max: number) => [Trim(), IsString(), MinLength(1), MaxLength(max)];
function Text(max: number): PropertyDecorator {
  return (target, key) => text(max).forEach((d) => d(target, key));
}

/** Who a partner refers in, as the partner knows them: enough to find or register the person. */
export class ReferralSubjectDto {
  @Text(100)
  givenName!: string;

  @IsOptional()
  @Text(100)
  familyName?: string;

  @IsOptional()
  @Text(100)
  fatherName?: string;

  @IsOptional()
  @IsEnum(Sex)
  sex?: Sex;

  /** `YYYY` when only the year is known, or `YYYY-MM-DD`. */
  @IsOptional()
  @IsBirthDateInput()
  dateOfBirth?: string;

  /** ISO 3166 alpha-2, or XX (stateless or unknown). */
  @IsOptional()
  @IsNationality()
  nationality?: string;

  /** E.164, e.g. +905321234567. */
  @IsOptional()
  @IsE164Phone()
  phone?: string;

  @IsOptional()
  @IsEnum(DocumentType)
  documentType?: DocumentType;

  @IsOptional()
  @Text(40)
  documentNumber?: string;
}

export class CreateReferralDto {
  /**
   * The registered person, for referrals made by staff of the organisation that holds them.
   * Partner staff give `subject` instead.
   */
  @IsOptional()
  @IsUUID()
  beneficiaryId?: string;

  /** Partner staff referring a person in: who the person is. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralSubjectDto)
  subject?: ReferralSubjectDto;

  /** The case the referral is made from; about the person or their household. */
  @IsOptional()
  @IsUUID()
  caseId?: string;

  /**
   * The unit it is sent from, one of the caller's. Defaults to the case's unit when the caller is
   * in it, else to the caller's only unit.
   */
  @IsOptional()
  @IsUUID()
  fromUnitId?: string;

  /** The receiving unit: of the caller's organisation, or of a partner organisation. */
  @IsUUID()
  toUnitId!: string;

  /** An active service type of the receiving unit. */
  @IsUUID()
  serviceTypeId!: string;

  /** Why the person is referred: what the receiver needs to know to help. */
  @Text(2000)
  reason!: string;

  /** Sets the due dates (hours per urgency are configured: REFERRAL_RESPONSE_HOURS). */
  @IsEnum(ReferralUrgency)
  urgency!: ReferralUrgency;

  /**
   * What the receiver may read about the person besides their names. To another organisation,
   * each needs the matching scope in the person's consent.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(Object.values(ReferralSharedField).length)
  @ArrayUnique()
  @IsEnum(ReferralSharedField, { each: true })
  sharedFields?: ReferralSharedField[];

  /** Whether the receiver reads the case's type, risk level, summary and assessed needs; needs `caseId`. */
  @IsOptional()
  @IsBoolean()
  shareCaseSummary?: boolean;

  /**
   * Partner staff: where they keep the person's consent to this referral (a form number).
   * Required with `subject`.
   */
  @IsOptional()
  @Text(100)
  consentReference?: string;

  /**
   * With `referral.override_consent` only: why the referral goes to another organisation without
   * the person's current consent (vital interest). Recorded and audited.
   */
  @IsOptional()
  @Text(2000)
  consentOverrideReason?: string;
}

/** What completing a referral recorded as delivered, when the receiver holds the person's record. */
export class ReferralServiceDeliveryDto {
  /** `YYYY-MM-DD`, not in the future. */
  @IsCalendarDate()
  deliveredOn!: string;

  /** A service type of the caller's unit; defaults to the referral's. */
  @IsOptional()
  @IsUUID()
  serviceTypeId?: string;

  @IsOptional()
  @Text(2000)
  note?: string;
}

export class TransitionReferralDto {
  /** The status to move to; REFERRAL_TRANSITIONS lists the allowed ones. */
  @IsEnum(ReferralStatus)
  to!: ReferralStatus;

  /** Required to reject, close or withdraw. */
  @IsOptional()
  @Text(2000)
  reason?: string;

  /** Required to complete. */
  @IsOptional()
  @IsEnum(ReferralOutcome)
  outcome?: ReferralOutcome;

  @IsOptional()
  @Text(2000)
  note?: string;

  /**
   * Accepting a referral that came in without a registered person: the person it is about, found
   * with `GET /beneficiaries?q=` or registered first.
   */
  @IsOptional()
  @IsUUID()
  beneficiaryId?: string;

  /** Completing with outcome `service_delivered`: also record the service delivered. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralServiceDeliveryDto)
  serviceDelivery?: ReferralServiceDeliveryDto;
}

export enum ReferralDirection {
  /** Received by the caller's units (organisation, for supervisors and partners). */
  Received = 'received',
  /** Sent by them. */
  Sent = 'sent',
}

export class ListReferralsQuery extends PageQueryDto {
  @IsOptional()
  @IsEnum(ReferralDirection)
  direction?: ReferralDirection;

  /** Sent from or received by this unit (with `direction`, only that side). */
  @IsOptional()
  @IsUUID()
  unitId?: string;

  /** Repeat to match any of several statuses. */
  @IsOptional()
  @QueryArray()
  @IsArray()
  @ArrayMaxSize(7)
  @IsEnum(ReferralStatus, { each: true })
  status?: ReferralStatus[];

  @IsOptional()
  @QueryArray()
  @IsArray()
  @ArrayMaxSize(4)
  @IsEnum(ReferralUrgency, { each: true })
  urgency?: ReferralUrgency[];

  /** Only referrals past a due date: not answered in time, or not completed in time. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  overdue?: boolean;

  @IsOptional()
  @IsUUID()
  beneficiaryId?: string;

  @IsOptional()
  @IsUUID()
  caseId?: string;
}

export class ReferralPartyDto {
  organisationId!: string;
  organisationName!: string;
  unitId!: string | null;
  unitName!: string | null;
}

export class ReferralServiceTypeDto {
  id!: string;
  name!: string;
}

export enum ConsentBasis {
  /** Within one organisation no consent to share is needed. */
  SameOrganisation = 'same_organisation',
  /** A consent recorded in the registry. */
  RecordedConsent = 'recorded_consent',
  /** An inbound referral: the referring partner holds the consent. */
  PartnerReference = 'partner_reference',
  /** Made without consent, with a written reason. */
  Override = 'override',
}

export class ReferralConsentDto {
  basis!: ConsentBasis;
  consentId!: string | null;
  reference!: string | null;
  /** Shown to the sending organisation only. */
  overrideReason?: string | null;
}

export class ReferralSubjectResponseDto {
  givenName!: string;
  familyName?: string;
  fatherName?: string;
  sex?: Sex;
  dateOfBirth?: string;
  nationality?: string;
  phone?: string;
  documentType?: DocumentType;
  documentNumber?: string;
}

export class ReferralResponseDto {
  id!: string;
  status!: ReferralStatus;
  /** The statuses the caller may move it to now. */
  allowedTransitions!: ReferralStatus[];
  urgency!: ReferralUrgency;
  reason!: string;
  sender!: ReferralPartyDto;
  createdByUserId!: string;
  receiver!: ReferralPartyDto;
  serviceType!: ReferralServiceTypeDto;
  /** The registered person; null until an inbound referral is linked. */
  beneficiaryId!: string | null;
  /** Inbound referrals: who the partner refers. */
  subject!: ReferralSubjectResponseDto | null;
  /** Shown to the sending organisation only. */
  caseId!: string | null;
  sharedFields!: ReferralSharedField[];
  shareCaseSummary!: boolean;
  consent!: ReferralConsentDto;
  outcome!: ReferralOutcome | null;
  responseDueAt!: Date;
  completionDueAt!: Date | null;
  /** Past a due date now: not answered, or not completed, in time. */
  overdue!: boolean;
  acceptedAt!: Date | null;
  finishedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export class ReferralPageDto {
  items!: ReferralResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}

export class ReferralTransitionResponseDto {
  id!: string;
  fromStatus!: ReferralStatus | null;
  toStatus!: ReferralStatus;
  reason!: string | null;
  outcome!: ReferralOutcome | null;
  note!: string | null;
  linkedBeneficiaryId!: string | null;
  serviceDeliveryId!: string | null;
  changedByUserId!: string;
  changedByName!: string;
  changedByOrganisationId!: string;
  changedAt!: Date;
}

/** The person as the referral shares them: names always, the rest only as `sharedFields` lists. */
export class SharedBeneficiaryDto {
  id!: string;
  givenName!: string;
  familyName!: string | null;
  fatherName!: string | null;
  motherName!: string | null;
  nameArabic!: string | null;
  sex?: Sex;
  dateOfBirth?: string | null;
  birthDatePrecision?: BirthDatePrecision | null;
  nationality?: string | null;
  languages?: string[];
  phones?: string[];
  addressLine?: string | null;
  neighbourhood?: string | null;
  district?: string | null;
  province?: string | null;
  arrivalDate?: string | null;
  documents?: DocumentRefDto[];
  legalStatus?: LegalStatus | null;
  householdSize?: number | null;
  vulnerabilities?: Vulnerability[];
  healthConditions?: string | null;
  protectionConcerns?: string | null;
}

export class SharedCaseSummaryDto {
  type!: CaseType;
  riskLevel!: RiskLevel;
  status!: CaseStatus;
  summary!: string | null;
  openedAt!: Date;
  /** Coded needs of the latest assessment, with their severity. */
  needs!: SharedNeedDto[];
  /** The latest assessment's vulnerability score, 0 to 100. */
  vulnerabilityScore!: number | null;
}

export class SharedNeedDto {
  code!: string;
  severity!: string;
}

export class ReferralSharedInformationDto {
  referralId!: string;
  sharedFields!: ReferralSharedField[];
  beneficiary!: SharedBeneficiaryDto;
  caseSummary!: SharedCaseSummaryDto | null;
}
