import type { OrganisationKind } from '../organisations/entities/organisation-kind';
import { Permission, Role } from './permissions';

/** Where a request came from, for the audit log. Never a header dump: these three values only. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** The caller, as every service sees it: re-read from the database on each request. */
export interface AuthUser {
  id: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  role: Role;
  unitIds: string[];
  permissions: ReadonlySet<Permission>;
  /** The login session (refresh-token family) the access token belongs to. */
  sessionId: string;
  origin: RequestOrigin;
}

export interface AccessTokenClaims {
  sub: string;
  sid: string;
}
