import { AuditEvent } from '../audit/audit-event.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { LoginFailure } from '../auth/login-throttle/login-failure.entity';
import { Beneficiary } from '../beneficiaries/entities/beneficiary.entity';
import { Consent } from '../beneficiaries/entities/consent.entity';
import { HouseholdMembership } from '../beneficiaries/entities/household-membership.entity';
import { Household } from '../beneficiaries/entities/household.entity';
import { IdentityDocument } from '../beneficiaries/entities/identity-document.entity';
import { CaseAssessment } from '../cases/entities/case-assessment.entity';
import { CaseAssignment } from '../cases/entities/case-assignment.entity';
import { CaseFile } from '../cases/entities/case-file.entity';
import { CaseFollowUp } from '../cases/entities/case-follow-up.entity';
import { CaseGoal } from '../cases/entities/case-goal.entity';
import { CaseNote } from '../cases/entities/case-note.entity';
import { CaseStatusChange } from '../cases/entities/case-status-change.entity';
import { AidItem } from '../distributions/entities/aid-item.entity';
import { DistributionRecord } from '../distributions/entities/distribution-record.entity';
import { DistributionRound } from '../distributions/entities/distribution-round.entity';
import { DistributionVoid } from '../distributions/entities/distribution-void.entity';
import { DuplicateAidFlagRecord } from '../distributions/entities/duplicate-aid-flag-record.entity';
import { DuplicateAidFlag } from '../distributions/entities/duplicate-aid-flag.entity';
import { DuplicateAidScan } from '../distributions/entities/duplicate-aid-scan.entity';
import { RoundItem } from '../distributions/entities/round-item.entity';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity';
import { Notification } from '../notifications/entities/notification.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { ServiceUnit } from '../organisations/entities/service-unit.entity';
import { ReferralTransition } from '../referrals/entities/referral-transition.entity';
import { Referral } from '../referrals/entities/referral.entity';
import { ServiceDelivery } from '../service-catalogue/entities/service-delivery.entity';
import { ServiceType } from '../service-catalogue/entities/service-type.entity';
import { UserUnit } from '../users/entities/user-unit.entity';
import { User } from '../users/entities/user.entity';

/** Every entity, listed once, so the app, the CLI and the tests load the same model. */
export const ENTITIES = [
  Organisation,
  ServiceUnit,
  User,
  UserUnit,
  RefreshToken,
  LoginFailure,
  AuditEvent,
  Beneficiary,
  IdentityDocument,
  Household,
  HouseholdMembership,
  Consent,
  CaseFile,
  CaseStatusChange,
  CaseAssignment,
  CaseNote,
  CaseFollowUp,
  CaseAssessment,
  CaseGoal,
  ServiceType,
  ServiceDelivery,
  Referral,
  ReferralTransition,
  Notification,
  AidItem,
  DistributionRound,
  RoundItem,
  DistributionRecord,
  DistributionVoid,
  DuplicateAidFlag,
  DuplicateAidFlagRecord,
  DuplicateAidScan,
  IdempotencyKey,
];
