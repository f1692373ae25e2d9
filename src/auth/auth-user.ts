import { Permission, Role } from './permissions';

/** The caller, as every service sees it: re-read from the database on each request. */
export interface AuthUser {
  id: string;
  organisationId: string;
  role: Role;
  unitIds: string[];
  permissions: ReadonlySet<Permission>;
  /** The login session (refresh-token family) the access token belongs to. */
  sessionId: string;
}

export interface AccessTokenClaims {
  sub: string;
  sid: string;
}
