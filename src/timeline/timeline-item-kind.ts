/**
 * What a timeline item tells. Stable snake_case codes, like error codes: add, never rename.
 * Aid adds its kinds here (and to TIMELINE_KIND_ORDER) when they arrive.
 */
export enum TimelineItemKind {
  BeneficiaryRegistered = 'beneficiary_registered',
  HouseholdJoined = 'household_joined',
  HouseholdLeft = 'household_left',
  CaseOpened = 'case_opened',
  CaseAssigned = 'case_assigned',
  CaseStatusChanged = 'case_status_changed',
  ServiceDelivered = 'service_delivered',
  ConsentRecorded = 'consent_recorded',
  ConsentWithdrawn = 'consent_withdrawn',
  ReferralMade = 'referral_made',
  ReferralStatusChanged = 'referral_status_changed',
}

/**
 * How items of the same instant follow each other, earliest first: a case opened and assigned in
 * one transaction carries one timestamp, and reads "opened, then assigned". The timeline is listed
 * newest first, so the later kinds of this list come first among ties. A new kind may go anywhere:
 * cursors carry the kind, not its position.
 */
export const TIMELINE_KIND_ORDER: readonly TimelineItemKind[] = [
  TimelineItemKind.BeneficiaryRegistered,
  TimelineItemKind.HouseholdJoined,
  TimelineItemKind.ConsentRecorded,
  TimelineItemKind.CaseOpened,
  TimelineItemKind.CaseAssigned,
  TimelineItemKind.CaseStatusChanged,
  TimelineItemKind.ServiceDelivered,
  // A referral completed through a service delivery: the delivery, then the completion.
  TimelineItemKind.ReferralMade,
  TimelineItemKind.ReferralStatusChanged,
  TimelineItemKind.ConsentWithdrawn,
  TimelineItemKind.HouseholdLeft,
];

export function kindRank(kind: TimelineItemKind): number {
  return TIMELINE_KIND_ORDER.indexOf(kind);
}
