import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/pagination/pagination';
import {
  ConsentDecision,
  ConsentPurpose,
  HouseholdExitReason,
  HouseholdRelationship,
} from '../../beneficiaries/beneficiary-codes';
import { CaseStatus, CaseType, ClosureReason } from '../../cases/case-codes';
import { ReferralOutcome, ReferralStatus, ReferralUrgency } from '../../referrals/referral-codes';
import { TimelineItemKind } from '../timeline-item-kind';

export class TimelineQuery extends PageQueryDto {}

/** Every case and referral status code once (`closed` is both). */
function statusCodes(): string[] {
  return [...new Set<string>([...Object.values(CaseStatus), ...Object.values(ReferralStatus)])];
}

/**
 * One event of a person's history: when, what kind, and the ids and codes that say what it was
 * about. Never free text (notes, summaries, reasons). Each kind carries its own fields:
 *
 * - `beneficiary_registered`: `unitId` (registering unit); `id` is the person's id.
 * - `household_joined`: `householdId`, `relationship`; `id` is the membership's.
 * - `household_left`: `householdId`, `exitReason`; `id` is the membership's.
 * - `case_opened`: `caseId`, `caseType`, `unitId`, `householdId` (null for a person's own case).
 * - `case_assigned`: `caseId`, `assignedUserId` (null when unassigned).
 * - `case_status_changed`: `caseId`, `fromStatus`, `toStatus`, `closureReason`.
 * - `service_delivered`: `serviceTypeId`, `unitId`, `caseId` (null without a case, or when the
 *   caller may not see it); `id` is the delivery's.
 * - `consent_recorded`, `consent_withdrawn`: `purpose`, `decision`; `id` is the consent's.
 * - `referral_made`: `referralId`, `caseId` (the case it was made from; null without one, or when
 *   the caller may not see it), `toOrganisationId`, `toUnitId`, `serviceTypeId`, `urgency`,
 *   `referralStatus` (its status now); `id` is the referral's.
 * - `referral_status_changed`: `referralId`, `fromStatus`, `toStatus` (referral statuses),
 *   `outcome` (when completed), `reasonGiven` (whether a reason was written; the reason itself is
 *   read on the referral's own routes).
 *
 * Referral items appear only to callers who may read the referral: its sending and receiving
 * units, the caseworkers of the case it was made from, and supervisors of either organisation.
 *
 * `actorUserId` is who recorded the event. Facts known by their day only carry an instant within
 * that day: a delivery or a household joining recorded on its day, the moment it was recorded;
 * one recorded later, and a household departure, 00:00 UTC of the day.
 */
export class TimelineItemDto {
  at!: Date;
  kind!: TimelineItemKind;
  /** The id of the record the item comes from (case, delivery, consent, membership, referral, history row). */
  id!: string;
  actorUserId?: string | null;
  unitId?: string;
  householdId?: string | null;
  caseId?: string | null;
  caseType?: CaseType;
  /** Case statuses for `case_status_changed`, referral statuses for `referral_status_changed`. */
  @ApiPropertyOptional({ enum: statusCodes() })
  fromStatus?: CaseStatus | ReferralStatus;
  @ApiPropertyOptional({ enum: statusCodes() })
  toStatus?: CaseStatus | ReferralStatus;
  closureReason?: ClosureReason | null;
  assignedUserId?: string | null;
  serviceTypeId?: string;
  relationship?: HouseholdRelationship;
  exitReason?: HouseholdExitReason;
  purpose?: ConsentPurpose;
  decision?: ConsentDecision;
  referralId?: string;
  toOrganisationId?: string;
  toUnitId?: string;
  urgency?: ReferralUrgency;
  referralStatus?: ReferralStatus;
  outcome?: ReferralOutcome | null;
  reasonGiven?: boolean;
}

export class TimelinePageDto {
  items!: TimelineItemDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
