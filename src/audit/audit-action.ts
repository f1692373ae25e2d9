/**
 * What an audit event records. Stable codes, like error codes: add, never rename. `<entity>.<verb>`.
 */
export enum AuditAction {
  LoginSucceeded = 'auth.login_succeeded',
  LoginFailed = 'auth.login_failed',
  Logout = 'auth.logout',
  RefreshTokenReused = 'auth.refresh_token_reused',
  PasswordChanged = 'auth.password_changed',
  OrganisationCreated = 'organisation.created',
  OrganisationUpdated = 'organisation.updated',
  ServiceUnitCreated = 'service_unit.created',
  ServiceUnitUpdated = 'service_unit.updated',
  UserCreated = 'user.created',
  UserUpdated = 'user.updated',
  UserPasswordReset = 'user.password_reset',
  AuditLogRead = 'audit_event.read',
  BeneficiaryCreated = 'beneficiary.created',
  BeneficiaryUpdated = 'beneficiary.updated',
  /** A read of the sensitive fields (health, protection, ethnicity, religion). */
  BeneficiarySensitiveRead = 'beneficiary.sensitive_read',
  DocumentAdded = 'identity_document.added',
  DocumentRemoved = 'identity_document.removed',
  HouseholdCreated = 'household.created',
  HouseholdMemberAdded = 'household.member_added',
  HouseholdMemberUpdated = 'household.member_updated',
  HouseholdMemberEnded = 'household.member_ended',
  ConsentRecorded = 'consent.recorded',
  ConsentWithdrawn = 'consent.withdrawn',
  CaseOpened = 'case.opened',
  CaseUpdated = 'case.updated',
  CaseStatusChanged = 'case.status_changed',
  CaseAssigned = 'case.assigned',
  CaseNoteAdded = 'case.note_added',
  /** A read of sensitive case notes. */
  CaseSensitiveNotesRead = 'case.sensitive_notes_read',
  FollowUpCreated = 'case.follow_up_created',
  FollowUpCompleted = 'case.follow_up_completed',
  AssessmentRecorded = 'case.assessment_recorded',
  GoalCreated = 'case.goal_created',
  GoalUpdated = 'case.goal_updated',
  ServiceTypeCreated = 'service_type.created',
  ServiceTypeUpdated = 'service_type.updated',
  ServiceDelivered = 'service_delivery.created',
  ReferralCreated = 'referral.created',
  /** Made to another organisation without a current consent, with a written reason. */
  ReferralConsentOverridden = 'referral.consent_overridden',
  ReferralStatusChanged = 'referral.status_changed',
  /** The receiving side read what a referral shares about the person. */
  ReferralSharedInformationRead = 'referral.shared_information_read',
}

/** The entity types audit events name. */
export enum AuditEntity {
  Session = 'session',
  Organisation = 'organisation',
  ServiceUnit = 'service_unit',
  User = 'user',
  AuditLog = 'audit_log',
  Beneficiary = 'beneficiary',
  IdentityDocument = 'identity_document',
  Household = 'household',
  HouseholdMembership = 'household_membership',
  Consent = 'consent',
  Case = 'case',
  ServiceType = 'service_type',
  ServiceDelivery = 'service_delivery',
  Referral = 'referral',
}
