/**
 * What the generator needs to know about the organisation it fills: its units, its staff and its
 * service catalogue. Loaded once from the database (see organisation-context.ts), sorted by name so
 * that a seed gives the same data in any database with the same organisation set-up.
 */

export interface SeedUser {
  id: string;
  username: string;
  role: string;
  unitIds: readonly string[];
}

export interface SeedServiceType {
  id: string;
  name: string;
}

export interface SeedUnit {
  id: string;
  name: string;
  /** Active users with this unit: they register, open cases, write notes and deliver services. */
  staff: readonly SeedUser[];
  /** Caseworkers and supervisors with this unit: cases of the unit are assigned to them. */
  caseStaff: readonly SeedUser[];
  /** Supervisors with this unit: they assign cases and reopen closed ones. */
  supervisors: readonly SeedUser[];
  serviceTypes: readonly SeedServiceType[];
}

export interface SeedContext {
  organisationId: string;
  units: readonly SeedUnit[];
  /** Active users of the organisation: the fallback when a unit has no staff of its own. */
  users: readonly SeedUser[];
  /** The organisation's supervisors (fallback: any user). */
  supervisors: readonly SeedUser[];
  /** Other organisations, named in data-sharing and referral consents. */
  partnerOrganisationIds: readonly string[];
  /** The day the data is generated "as of", as days since 1970-01-01 (UTC). */
  asOfDay: number;
}
