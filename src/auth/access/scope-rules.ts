import type { AuthUser } from '../auth-user';

/** Kinds of record whose access is scoped. Each later feature adds its kinds here. */
export enum Resource {
  Organisation = 'organisation',
  ServiceUnit = 'service_unit',
  User = 'user',
  AuditEvent = 'audit_event',
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
};
