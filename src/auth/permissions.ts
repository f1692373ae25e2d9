/**
 * Who may do what: the single map from roles to permissions. A route declares the permissions it
 * needs; the caller must hold all of them. Record scope (organisation, unit, assignment, referral)
 * is checked separately, in the services.
 */
export enum Permission {
  OrganisationManage = 'organisation.manage',
  UserManage = 'user.manage',
  CatalogueManage = 'catalogue.manage',
  /** Find people and see the minimal projection: names, documents, household and its size. */
  BeneficiaryLookup = 'beneficiary.lookup',
  /** The whole record except the sensitive fields; with households, consents and timeline. */
  BeneficiaryRead = 'beneficiary.read',
  BeneficiaryReadSensitive = 'beneficiary.read_sensitive',
  BeneficiaryWrite = 'beneficiary.write',
  CaseRead = 'case.read',
  CaseReadSensitive = 'case.read_sensitive',
  CaseWrite = 'case.write',
  CaseAssign = 'case.assign',
  /** Referrals sent or received by the caller's units (or organisation, for supervisors and partners). */
  ReferralRead = 'referral.read',
  ReferralCreate = 'referral.create',
  ReferralRespond = 'referral.respond',
  ReferralOverrideConsent = 'referral.override_consent',
  /** The organisation's overdue referrals and referral statistics. */
  ReferralSupervise = 'referral.supervise',
  ServiceDeliver = 'service.deliver',
  /** Distribution records of the organisation, rounds' totals. */
  DistributionRead = 'distribution.read',
  DistributionRecord = 'distribution.record',
  /** Bring in records from a list (a partner's, an older system's) without the live rule check. */
  DistributionImport = 'distribution.import',
  DistributionOverride = 'distribution.override',
  DuplicateReview = 'duplicate.review',
  ReportRun = 'report.run',
  AuditRead = 'audit.read',
  DataSubjectManage = 'data_subject.manage',
}

export enum Role {
  Admin = 'admin',
  Supervisor = 'supervisor',
  Caseworker = 'caseworker',
  DistributionOfficer = 'distribution_officer',
  Partner = 'partner',
  DataProtectionOfficer = 'data_protection_officer',
}

export const ROLES: readonly Role[] = Object.values(Role);

const P = Permission;
const CASEWORK = [
  P.BeneficiaryLookup,
  P.BeneficiaryRead,
  P.BeneficiaryReadSensitive,
  P.BeneficiaryWrite,
  P.CaseRead,
  P.CaseReadSensitive,
  P.CaseWrite,
  P.ReferralRead,
  P.ReferralCreate,
  P.ReferralRespond,
  P.ServiceDeliver,
  P.DistributionRead,
] as const;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Admins run the system; sensitive case content is not theirs unless granted another role.
  [Role.Admin]: [
    P.OrganisationManage,
    P.UserManage,
    P.CatalogueManage,
    P.BeneficiaryLookup,
    P.BeneficiaryRead,
    P.CaseRead,
    P.ReportRun,
  ],
  [Role.Supervisor]: [
    ...CASEWORK,
    P.CaseAssign,
    P.ReferralOverrideConsent,
    P.ReferralSupervise,
    P.DistributionRecord,
    P.DistributionImport,
    P.DistributionOverride,
    P.DuplicateReview,
    P.ReportRun,
  ],
  [Role.Caseworker]: [...CASEWORK],
  // Field staff at a distribution point: look people up, record aid; no case notes, no health data.
  [Role.DistributionOfficer]: [P.BeneficiaryLookup, P.DistributionRead, P.DistributionRecord],
  // Partner NGO staff: refer in, follow and answer referrals. Their scope is what referrals share
  // with their units, sensitive fields included where the sender shared them with consent.
  [Role.Partner]: [
    P.BeneficiaryLookup,
    P.BeneficiaryRead,
    P.BeneficiaryReadSensitive,
    P.ReferralRead,
    P.ReferralCreate,
    P.ReferralRespond,
    P.CaseRead,
  ],
  [Role.DataProtectionOfficer]: [
    P.AuditRead,
    P.DataSubjectManage,
    P.BeneficiaryLookup,
    P.BeneficiaryRead,
    P.BeneficiaryReadSensitive,
    P.CaseRead,
    P.CaseReadSensitive,
    P.ReferralRead,
    P.DistributionRead,
  ],
};

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}
