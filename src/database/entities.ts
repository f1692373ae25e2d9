import { AuditEvent } from '../audit/audit-event.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { LoginFailure } from '../auth/login-throttle/login-failure.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { ServiceUnit } from '../organisations/entities/service-unit.entity';
import { UserUnit } from '../users/entities/user-unit.entity';
import { User } from '../users/entities/user.entity';

/** Every entity, listed once, so the app, the CLI and the tests load the same model. */
export const ENTITIES = [Organisation, ServiceUnit, User, UserUnit, RefreshToken, LoginFailure, AuditEvent];
