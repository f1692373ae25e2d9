import type { AuthUser } from '../auth-user';
import { Role } from '../permissions';

/** Kinds of record whose access is scoped. Each later feature adds its kinds here. */
export enum Resource {
  Organisation = 'organisation',
  ServiceUnit = 'service_unit',
  User = 'user',
  AuditEvent = 'audit_event',
  Beneficiary = 'beneficiary',
  Household = 'household',
  Case = 'case',
  ServiceType = 'service_type',
  ServiceDelivery = 'service_delivery',
  Referral = 'referral',
  AidItem = 'aid_item',
  DistributionRound = 'distribution_round',
  DistributionRecord = 'distribution_record',
  DuplicateAidFlag = 'duplicate_aid_flag',
}

/** The named parameters every predicate may use; AccessService binds them from the caller. */
export interface ScopeParams {
  scopeUserId: string;
  scopeOrganisationId: string;
  scopeUnitIds: string[];
  [key: string]: unknown;
}

/** A SQL condition on the row `alias`, true when the caller may see it; null means no limit. */
type Predicate = (alias: string, user: AuthUser) => string | null;

interface ScopeRule {
  /** The table the resource's ids live in. */
  table: string;
  /** Modes in which the host's system-wide officers are not limited by the predicate. */
  systemWide: readonly ('read' | 'write')[];
  read: Predicate;
  write: Predicate;
}

const ownOrganisation: Predicate = (a) => `${a}.organisation_id = :scopeOrganisationId`;
const nothing: Predicate = () => 'false';

/** A predicate per role; roles not named see nothing. */
const byRole =
  (rules: Partial<Record<Role, Predicate>>): Predicate =>
  (alias, user) =>
    (rules[user.role] ?? nothing)(alias, user);

/** A case is a caseworker's when it is in one of their units or assigned to them. */
const myCase = (c: string) =>
  `(${c}.unit_id = ANY(:scopeUnitIds::uuid[]) OR ${c}.assigned_user_id = :scopeUserId)`;

/*
 * The EXISTS subqueries below end in `OFFSET 0` on purpose. Without it PostgreSQL may turn them
 * into hashed subplans that first collect the unit's whole caseload (21,000 cases and 33,000
 * deliveries of one unit in the synthetic million), which cost 70 ms on every list and search
 * whatever its size; with it (a `LIMIT 1` would be optimised away) each stays an index probe per
 * candidate row, and lists and searches reach the predicate with few candidate rows: a caseworker's
 * name search went from 212 ms to 50 ms, a page of the newest people from 70 ms to under 1 ms.
 */

/**
 * A caseworker works with the people their units registered, the people of households their
 * units registered, and the people their units' cases, their own cases and their units' services
 * are about. Nothing else of the organisation: another unit's clients reach them by referral.
 */
const caseworkerBeneficiary: Predicate = (a) => `${a}.organisation_id = :scopeOrganisationId AND (
  ${a}.registered_unit_id = ANY(:scopeUnitIds::uuid[])
  OR EXISTS (SELECT 1 FROM case_files sc WHERE sc.beneficiary_id = ${a}.id AND ${myCase('sc')} OFFSET 0)
  OR EXISTS (SELECT 1 FROM household_memberships sm JOIN households sh ON sh.id = sm.household_id
    WHERE sm.beneficiary_id = ${a}.id AND sm.ended_on IS NULL AND (
      sh.registered_unit_id = ANY(:scopeUnitIds::uuid[])
      OR EXISTS (SELECT 1 FROM case_files sc WHERE sc.household_id = sh.id AND ${myCase('sc')} OFFSET 0))
    OFFSET 0)
  OR EXISTS (SELECT 1 FROM service_deliveries sd
    WHERE sd.beneficiary_id = ${a}.id AND sd.unit_id = ANY(:scopeUnitIds::uuid[]) OFFSET 0))`;

/** A household is a caseworker's when their units registered it or one of their cases is about it. */
const caseworkerHousehold: Predicate = (a) => `${a}.organisation_id = :scopeOrganisationId AND (
  ${a}.registered_unit_id = ANY(:scopeUnitIds::uuid[])
  OR EXISTS (SELECT 1 FROM case_files sc WHERE sc.household_id = ${a}.id AND ${myCase('sc')} OFFSET 0)
  OR EXISTS (SELECT 1 FROM household_memberships sm JOIN beneficiaries sb ON sb.id = sm.beneficiary_id
    WHERE sm.household_id = ${a}.id AND sm.ended_on IS NULL
      AND sb.registered_unit_id = ANY(:scopeUnitIds::uuid[]) OFFSET 0))`;

const caseworkerCase: Predicate = (a) => `${a}.organisation_id = :scopeOrganisationId AND ${myCase(a)}`;

const caseworkerDelivery: Predicate = (a) => `${a}.organisation_id = :scopeOrganisationId AND (
  ${a}.unit_id = ANY(:scopeUnitIds::uuid[]) OR ${a}.delivered_by_user_id = :scopeUserId
  OR EXISTS (SELECT 1 FROM case_files sc WHERE sc.id = ${a}.case_id AND ${myCase('sc')} OFFSET 0))`;

/** Both directions: referrals the organisation sent and referrals it received. */
const referralOfOrganisation: Predicate = (a) =>
  `(${a}.sender_organisation_id = :scopeOrganisationId OR ${a}.receiver_organisation_id = :scopeOrganisationId)`;

/**
 * A caseworker's referrals: sent from or to one of their units, made by them, or made from one of
 * their cases (so a case's caseworker sees the outcome of referrals a colleague made for it).
 */
const caseworkerReferral: Predicate = (a) => `(
  ${a}.sender_unit_id = ANY(:scopeUnitIds::uuid[]) OR ${a}.receiver_unit_id = ANY(:scopeUnitIds::uuid[])
  OR ${a}.created_by_user_id = :scopeUserId
  OR EXISTS (SELECT 1 FROM case_files rc WHERE rc.id = ${a}.case_id
    AND rc.organisation_id = :scopeOrganisationId AND ${myCase('rc')} OFFSET 0))`;

/**
 * Who reads people's records: the whole organisation for supervisors and the data protection
 * officer; for administrators (non-sensitive fields only, by permission) and distribution officers
 * (the minimal projection, by permission) too. Partner staff see nothing until a referral shares
 * it with them. There is deliberately no system-wide reading of people or cases.
 */
const personalRecords = (caseworker: Predicate) => ({
  systemWide: [] as const,
  read: byRole({
    [Role.Supervisor]: ownOrganisation,
    [Role.DataProtectionOfficer]: ownOrganisation,
    [Role.Admin]: ownOrganisation,
    [Role.DistributionOfficer]: ownOrganisation,
    [Role.Caseworker]: caseworker,
  }),
  write: byRole({ [Role.Supervisor]: ownOrganisation, [Role.Caseworker]: caseworker }),
});

/**
 * Who sees what, one rule per kind of record, written as SQL so that single-record checks, lists
 * and counts share it. Roles' permissions decide whether a route may be called at all; these
 * rules decide which rows it may touch.
 */
export const SCOPE_RULES: Record<Resource, ScopeRule> = {
  [Resource.Organisation]: {
    table: 'organisations',
    systemWide: ['read', 'write'],
    read: (a) => `${a}.id = :scopeOrganisationId`,
    // Only the host's administrators change organisations (their name, kind, whether active).
    write: () => 'false',
  },
  [Resource.ServiceUnit]: {
    table: 'service_units',
    systemWide: ['read', 'write'],
    read: ownOrganisation,
    write: ownOrganisation,
  },
  [Resource.User]: {
    table: 'users',
    systemWide: ['read', 'write'],
    read: ownOrganisation,
    write: ownOrganisation,
  },
  // An organisation's officer sees what its staff did and what was done to its records.
  [Resource.AuditEvent]: {
    table: 'audit_events',
    systemWide: ['read'],
    read: (a) =>
      `(${a}.actor_organisation_id = :scopeOrganisationId OR ${a}.organisation_id = :scopeOrganisationId)`,
    write: () => 'false',
  },
  [Resource.Beneficiary]: { table: 'beneficiaries', ...personalRecords(caseworkerBeneficiary) },
  [Resource.Household]: { table: 'households', ...personalRecords(caseworkerHousehold) },
  [Resource.Case]: {
    table: 'case_files',
    systemWide: [],
    read: byRole({
      [Role.Supervisor]: ownOrganisation,
      [Role.DataProtectionOfficer]: ownOrganisation,
      [Role.Admin]: ownOrganisation,
      [Role.Caseworker]: caseworkerCase,
    }),
    write: byRole({ [Role.Supervisor]: ownOrganisation, [Role.Caseworker]: caseworkerCase }),
  },
  // The catalogue is not personal: everyone sees their organisation's; administrators manage it.
  [Resource.ServiceType]: {
    table: 'service_types',
    systemWide: ['read', 'write'],
    read: ownOrganisation,
    write: byRole({ [Role.Admin]: ownOrganisation }),
  },
  [Resource.ServiceDelivery]: {
    table: 'service_deliveries',
    systemWide: [],
    read: byRole({
      [Role.Supervisor]: ownOrganisation,
      [Role.DataProtectionOfficer]: ownOrganisation,
      [Role.Admin]: ownOrganisation,
      [Role.Caseworker]: caseworkerDelivery,
    }),
    write: () => 'false',
  },
  /*
   * The referral itself (who, to whom, why, status, history). What it shares about the person is
   * read through the referral, by the receiving unit, while it is accepted or in progress
   * (ReferralsService.sharedInformation), never through the beneficiary routes.
   */
  [Resource.Referral]: {
    table: 'referrals',
    systemWide: [],
    read: byRole({
      [Role.Supervisor]: referralOfOrganisation,
      [Role.DataProtectionOfficer]: referralOfOrganisation,
      [Role.Partner]: referralOfOrganisation,
      [Role.Caseworker]: caseworkerReferral,
    }),
    write: byRole({
      [Role.Supervisor]: referralOfOrganisation,
      [Role.Partner]: referralOfOrganisation,
      [Role.Caseworker]: caseworkerReferral,
    }),
  },
  // The aid catalogue and the rounds are not personal: the organisation's staff read them,
  // administrators manage them, as for the service catalogue.
  [Resource.AidItem]: {
    table: 'aid_items',
    systemWide: ['read', 'write'],
    read: ownOrganisation,
    write: byRole({ [Role.Admin]: ownOrganisation }),
  },
  [Resource.DistributionRound]: {
    table: 'distribution_rounds',
    systemWide: ['read', 'write'],
    read: ownOrganisation,
    write: byRole({ [Role.Admin]: ownOrganisation }),
  },
  /*
   * What was handed to whom: the organisation's staff who work with aid read it; a distribution
   * officer voids only what they recorded, a supervisor anything of the organisation.
   */
  [Resource.DistributionRecord]: {
    table: 'distribution_records',
    systemWide: [],
    read: byRole({
      [Role.Supervisor]: ownOrganisation,
      [Role.DataProtectionOfficer]: ownOrganisation,
      [Role.Caseworker]: ownOrganisation,
      [Role.DistributionOfficer]: ownOrganisation,
    }),
    write: byRole({
      [Role.Supervisor]: ownOrganisation,
      [Role.DistributionOfficer]: (a) =>
        `${a}.organisation_id = :scopeOrganisationId AND ${a}.recorded_by_user_id = :scopeUserId`,
    }),
  },
  // A flag is each organisation's whose records are in it; each sees only its own records of it.
  [Resource.DuplicateAidFlag]: {
    table: 'duplicate_aid_flags',
    systemWide: [],
    read: byRole({
      [Role.Supervisor]: (a) => `EXISTS (SELECT 1 FROM duplicate_aid_flag_records fr
        WHERE fr.flag_id = ${a}.id AND fr.organisation_id = :scopeOrganisationId)`,
    }),
    write: byRole({
      [Role.Supervisor]: (a) => `EXISTS (SELECT 1 FROM duplicate_aid_flag_records fr
        WHERE fr.flag_id = ${a}.id AND fr.organisation_id = :scopeOrganisationId)`,
    }),
  },
};
