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
}

/** The entity types audit events name. */
export enum AuditEntity {
  Session = 'session',
  Organisation = 'organisation',
  ServiceUnit = 'service_unit',
  User = 'user',
  AuditLog = 'audit_log',
}
