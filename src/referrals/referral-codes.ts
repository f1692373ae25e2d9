import { ConsentScope } from '../beneficiaries/beneficiary-codes';

/** Where a referral stands; REFERRAL_TRANSITIONS (referral-status.ts) says how it moves. */
export enum ReferralStatus {
  Pending = 'pending',
  Accepted = 'accepted',
  Rejected = 'rejected',
  InProgress = 'in_progress',
  Completed = 'completed',
  Closed = 'closed',
  Withdrawn = 'withdrawn',
}

/** While a referral is in one of these, the receiving unit may read what it shares. */
export const REFERRAL_ACCESS_STATUSES: readonly ReferralStatus[] = [
  ReferralStatus.Accepted,
  ReferralStatus.InProgress,
];

/** The statuses in which a referral still waits for something; the others are final. */
export const REFERRAL_OPEN_STATUSES: readonly ReferralStatus[] = [
  ReferralStatus.Pending,
  ReferralStatus.Accepted,
  ReferralStatus.InProgress,
];

/** How fast the receiver must act; it sets the due dates (see `ReferralDeadlines`). */
export enum ReferralUrgency {
  Urgent = 'urgent',
  High = 'high',
  Normal = 'normal',
  Low = 'low',
}

/** Most urgent first, for inboxes. */
export const URGENCY_RANK: Readonly<Record<ReferralUrgency, number>> = {
  [ReferralUrgency.Urgent]: 0,
  [ReferralUrgency.High]: 1,
  [ReferralUrgency.Normal]: 2,
  [ReferralUrgency.Low]: 3,
};

/** What came of a completed referral. */
export enum ReferralOutcome {
  ServiceDelivered = 'service_delivered',
  NotReachable = 'not_reachable',
  DeclinedByPerson = 'declined_by_person',
  NotEligible = 'not_eligible',
  ReferredElsewhere = 'referred_elsewhere',
  NoLongerNeeded = 'no_longer_needed',
}

/**
 * What a referral may share about the person, beyond the names, which every referral shares (a
 * receiver must know whom to serve). Each is covered by one scope of the person's consent.
 */
export enum ReferralSharedField {
  Sex = 'sex',
  DateOfBirth = 'date_of_birth',
  Nationality = 'nationality',
  Languages = 'languages',
  Phones = 'phones',
  Address = 'address',
  ArrivalDate = 'arrival_date',
  Documents = 'documents',
  LegalStatus = 'legal_status',
  Household = 'household',
  Vulnerabilities = 'vulnerabilities',
  HealthConditions = 'health_conditions',
  ProtectionConcerns = 'protection_concerns',
}

/** The consent scope that must cover each shared field when the receiver is another organisation. */
export const CONSENT_SCOPE_OF_FIELD: Readonly<Record<ReferralSharedField, ConsentScope>> = {
  [ReferralSharedField.Sex]: ConsentScope.Identity,
  [ReferralSharedField.DateOfBirth]: ConsentScope.Identity,
  [ReferralSharedField.Nationality]: ConsentScope.Identity,
  [ReferralSharedField.Languages]: ConsentScope.Identity,
  [ReferralSharedField.Phones]: ConsentScope.Contact,
  [ReferralSharedField.Address]: ConsentScope.Contact,
  [ReferralSharedField.ArrivalDate]: ConsentScope.Documents,
  [ReferralSharedField.Documents]: ConsentScope.Documents,
  [ReferralSharedField.LegalStatus]: ConsentScope.Documents,
  [ReferralSharedField.Household]: ConsentScope.Household,
  [ReferralSharedField.Vulnerabilities]: ConsentScope.Protection,
  [ReferralSharedField.HealthConditions]: ConsentScope.Health,
  [ReferralSharedField.ProtectionConcerns]: ConsentScope.Protection,
};

/** Shared fields that are sensitive beneficiary fields: reading them is audited as such. */
export const SENSITIVE_SHARED_FIELDS: ReadonlySet<ReferralSharedField> = new Set([
  ReferralSharedField.HealthConditions,
  ReferralSharedField.ProtectionConcerns,
]);

/** Which side of a referral a person acts for. */
export enum ReferralSide {
  Sender = 'sender',
  Receiver = 'receiver',
}
