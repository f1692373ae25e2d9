/** Coded values of case files. Stable snake_case codes; add, never rename. */

export enum CaseType {
  Protection = 'protection',
  ChildProtection = 'child_protection',
  GenderBasedViolence = 'gender_based_violence',
  Legal = 'legal',
  Health = 'health',
  MentalHealth = 'mental_health',
  SocioEconomic = 'socio_economic',
  Education = 'education',
  Livelihood = 'livelihood',
  Housing = 'housing',
  Other = 'other',
}

export enum RiskLevel {
  Low = 'low',
  Medium = 'medium',
  High = 'high',
  Critical = 'critical',
}

export enum CaseStatus {
  Open = 'open',
  Active = 'active',
  OnHold = 'on_hold',
  Closed = 'closed',
  Reopened = 'reopened',
}

export enum ClosureReason {
  NeedsMet = 'needs_met',
  ReferredElsewhere = 'referred_elsewhere',
  DeclinedServices = 'declined_services',
  LostContact = 'lost_contact',
  MovedAway = 'moved_away',
  Resettled = 'resettled',
  Deceased = 'deceased',
  OpenedInError = 'opened_in_error',
  Other = 'other',
}

export enum GoalStatus {
  NotStarted = 'not_started',
  InProgress = 'in_progress',
  Achieved = 'achieved',
  NotAchieved = 'not_achieved',
  Cancelled = 'cancelled',
}
