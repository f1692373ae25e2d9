/**
 * Stable error codes. Clients translate these; the message is a hint in English for developers.
 * Add, never rename: a code is part of the API contract.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedRequest = 'MALFORMED_REQUEST',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  TokenInvalid = 'TOKEN_INVALID',
  TokenExpired = 'TOKEN_EXPIRED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  Conflict = 'CONFLICT',
  NameTaken = 'NAME_TAKEN',
  UsernameTaken = 'USERNAME_TAKEN',
  HostOrganisationExists = 'HOST_ORGANISATION_EXISTS',
  OrganisationKindFixed = 'ORGANISATION_KIND_FIXED',
  OrganisationInactive = 'ORGANISATION_INACTIVE',
  ReferencedRecordNotFound = 'REFERENCED_RECORD_NOT_FOUND',
  SelfLockout = 'SELF_LOCKOUT',
  RoleNotAllowedForOrganisation = 'ROLE_NOT_ALLOWED_FOR_ORGANISATION',
  UnitsRequired = 'UNITS_REQUIRED',
  CurrentPasswordWrong = 'CURRENT_PASSWORD_WRONG',
  UseChangePassword = 'USE_CHANGE_PASSWORD',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  InternalError = 'INTERNAL_ERROR',
  WeakPassword = 'WEAK_PASSWORD',
  // Beneficiary registry
  DocumentNumberTaken = 'DOCUMENT_NUMBER_TAKEN',
  /** A registration must name its unit: the caller has several units, or none. */
  RegisteredUnitRequired = 'REGISTERED_UNIT_REQUIRED',
  MemberOfOtherHousehold = 'MEMBER_OF_OTHER_HOUSEHOLD',
  AlreadyHouseholdMember = 'ALREADY_HOUSEHOLD_MEMBER',
  HouseholdHasHead = 'HOUSEHOLD_HAS_HEAD',
  MembershipEnded = 'MEMBERSHIP_ENDED',
  ConsentWithdrawn = 'CONSENT_WITHDRAWN',
  RefusalNotWithdrawable = 'REFUSAL_NOT_WITHDRAWABLE',
  // Cases
  InvalidCaseTransition = 'INVALID_CASE_TRANSITION',
  CaseAlreadyOpen = 'CASE_ALREADY_OPEN',
  CaseClosed = 'CASE_CLOSED',
  AssigneeNotInUnit = 'ASSIGNEE_NOT_IN_UNIT',
  FollowUpCompleted = 'FOLLOW_UP_COMPLETED',
  // Service catalogue
  ServiceTypeInactive = 'SERVICE_TYPE_INACTIVE',
  /** The action is a unit's work and the caller is not a member of that unit. */
  NotMemberOfUnit = 'NOT_MEMBER_OF_UNIT',
  /** A case given for a record is about another person (or a household they do not belong to). */
  CaseNotOfBeneficiary = 'CASE_NOT_OF_BENEFICIARY',
  // Referrals
  /** Sharing with another organisation needs the person's current consent for it. */
  ConsentRequired = 'CONSENT_REQUIRED',
  InvalidReferralTransition = 'INVALID_REFERRAL_TRANSITION',
  /** The move is the other side's to make (only the receiver accepts, only the sender withdraws). */
  NotYourSideOfReferral = 'NOT_YOUR_SIDE_OF_REFERRAL',
  /** An inbound referral must be linked to a registered person when it is accepted. */
  BeneficiaryLinkRequired = 'BENEFICIARY_LINK_REQUIRED',
  // Distributions
  /** A rule of the round item refuses the receipt; details name the rule and the earlier records. */
  EntitlementExceeded = 'ENTITLEMENT_EXCEEDED',
  /** The person does not meet the round's eligibility criteria; details name the criterion. */
  NotEligible = 'NOT_ELIGIBLE',
  /** The date is outside the round's period. */
  OutsideRoundPeriod = 'OUTSIDE_ROUND_PERIOD',
  /** POST /distributions without an Idempotency-Key header. */
  IdempotencyKeyRequired = 'IDEMPOTENCY_KEY_REQUIRED',
  /** The Idempotency-Key was used with another request body (or operation). */
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  /** A request with this Idempotency-Key is still being processed. */
  IdempotencyKeyInFlight = 'IDEMPOTENCY_KEY_IN_FLIGHT',
  AlreadyVoided = 'ALREADY_VOIDED',
  /** The duplicate-aid flag has been reviewed already. */
  FlagAlreadyReviewed = 'FLAG_ALREADY_REVIEWED',
  AidItemInactive = 'AID_ITEM_INACTIVE',
}
