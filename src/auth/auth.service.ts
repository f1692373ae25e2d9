import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditAction, AuditEntity } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { BusinessRuleError, NotFoundError, UnauthenticatedError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { User } from '../users/entities/user.entity';
import { UsersRepository } from '../users/users.repository';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  SESSION_IDLE_TIMEOUT_SECONDS,
  SESSION_MAX_AGE_SECONDS,
} from './auth.constants';
import { ChangePasswordDto } from '../users/dto/user.dto';
import type { AccessTokenClaims, AuthUser, RequestOrigin } from './auth-user';
import { MeResponseDto } from './dto/me-response.dto';
import { TokenResponseDto } from './dto/token-response.dto';
import { LoginThrottleService } from './login-throttle/login-throttle.service';
import { assertAcceptablePassword } from './password-policy';
import { burnVerifyTime, hashPassword, verifyPassword } from './passwords';
import { permissionsOf, ROLE_PERMISSIONS } from './permissions';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { NO_ORIGIN } from './request-origin';
import { newOpaqueToken, sha256Hex } from './tokens';

const secondsFromNow = (s: number) => new Date(Date.now() + s * 1000);

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /**
   * The same answer, after about the same time, for an unknown username and a wrong password.
   * A failure is audited, under the account's id when the username exists (never the username).
   */
  async validateCredentials(
    username: string,
    password: string,
    origin: RequestOrigin = NO_ORIGIN,
  ): Promise<User | null> {
    const user = await this.users.findActiveForLogin(username);
    let valid = false;
    if (user) valid = await verifyPassword(user.passwordHash, password);
    else await burnVerifyTime(password);
    if (valid) return user;
    await this.dataSource.transaction((em) =>
      this.audit.record(
        em,
        {
          userId: user?.id ?? null,
          organisationId: user?.organisationId ?? null,
          role: user?.role ?? null,
          origin,
        },
        {
          action: AuditAction.LoginFailed,
          entityType: AuditEntity.Session,
          organisationId: user?.organisationId ?? null,
        },
      ),
    );
    return null;
  }

  async login(user: User, origin: RequestOrigin): Promise<TokenResponseDto> {
    const familyId = randomUUID();
    const refreshToken = newOpaqueToken();
    await this.dataSource.transaction(async (em) => {
      await this.refreshTokens.insert(
        {
          userId: user.id,
          familyId,
          tokenHash: sha256Hex(refreshToken),
          expiresAt: secondsFromNow(SESSION_MAX_AGE_SECONDS),
          idleExpiresAt: secondsFromNow(SESSION_IDLE_TIMEOUT_SECONDS),
        },
        em,
      );
      await this.users.recordLogin(user.id, em);
      await this.audit.record(
        em,
        { userId: user.id, organisationId: user.organisationId, role: user.role, origin },
        {
          action: AuditAction.LoginSucceeded,
          entityType: AuditEntity.Session,
          entityId: familyId,
          organisationId: user.organisationId,
        },
      );
    });
    return this.tokenPair(user.id, familyId, refreshToken);
  }

  /**
   * Rotates the refresh token. A token presented a second time was copied: the whole family is
   * revoked, which logs out both the thief and the user.
   */
  async refresh(presented: string, origin: RequestOrigin): Promise<TokenResponseDto> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const token = await this.refreshTokens.findByHashForUpdate(sha256Hex(presented), em);
      if (!token || token.revokedAt) return { ok: false as const };
      if (token.usedAt) {
        await this.refreshTokens.revokeFamily(token.familyId, em);
        await this.audit.record(
          em,
          { userId: token.userId, organisationId: null, role: null, origin },
          {
            action: AuditAction.RefreshTokenReused,
            entityType: AuditEntity.Session,
            entityId: token.familyId,
          },
        );
        return { ok: false as const };
      }
      if (token.expiresAt <= new Date() || token.idleExpiresAt <= new Date()) return { ok: false as const };
      await this.refreshTokens.markUsed(token.id, em);
      const next = newOpaqueToken();
      await this.refreshTokens.insert(
        {
          userId: token.userId,
          familyId: token.familyId,
          tokenHash: sha256Hex(next),
          expiresAt: token.expiresAt,
          idleExpiresAt: new Date(
            Math.min(token.expiresAt.getTime(), Date.now() + SESSION_IDLE_TIMEOUT_SECONDS * 1000),
          ),
        },
        em,
      );
      return { ok: true as const, userId: token.userId, familyId: token.familyId, next };
    });
    if (!outcome.ok)
      throw new UnauthenticatedError(
        ErrorCode.TokenInvalid,
        'The refresh token is invalid, expired or already used',
      );
    // A deactivated user's session is refused by the guard on the next request as well.
    if (!(await this.users.findAuthUser(outcome.userId, outcome.familyId))) {
      throw new UnauthenticatedError(
        ErrorCode.TokenInvalid,
        'The refresh token is invalid, expired or already used',
      );
    }
    return this.tokenPair(outcome.userId, outcome.familyId, outcome.next);
  }

  async logout(user: AuthUser): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.refreshTokens.revokeFamily(user.sessionId, em);
      await this.audit.record(em, user, {
        action: AuditAction.Logout,
        entityType: AuditEntity.Session,
        entityId: user.sessionId,
        organisationId: user.organisationId,
      });
    });
  }

  /**
   * Changes the caller's own password; their other sessions end, this one stays. Guesses of the
   * current password count against the same limits as failed logins, so a stolen access token
   * cannot be used to find the password.
   */
  async changePassword(user: AuthUser, dto: ChangePasswordDto): Promise<void> {
    const account = await this.users.getWithPasswordHash(this.dataSource.manager, user.id);
    const attempt = await this.throttle.reserveAttempt(account.username, user.origin.ip ?? undefined);
    if (!(await verifyPassword(account.passwordHash, dto.currentPassword))) {
      throw new BusinessRuleError(ErrorCode.CurrentPasswordWrong, 'The current password is wrong', {
        currentPassword: ['wrong'],
      });
    }
    await this.throttle.attemptSucceeded(attempt);
    assertAcceptablePassword(
      dto.newPassword,
      { username: account.username, displayName: account.displayName },
      'newPassword',
    );
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (em) => {
      await this.users.setPasswordHash(em, user.id, passwordHash);
      await this.refreshTokens.revokeOtherSessionsOfUser(user.id, user.sessionId, em);
      await this.audit.record(em, user, {
        action: AuditAction.PasswordChanged,
        entityType: AuditEntity.User,
        entityId: user.id,
        organisationId: user.organisationId,
        changes: { password: {} },
      });
    });
  }

  /** Resolves an access token's claims to the current state of the user, or null if it no longer holds. */
  async resolveUser(claims: AccessTokenClaims, origin: RequestOrigin): Promise<AuthUser | null> {
    const row = await this.users.findAuthUser(claims.sub, claims.sid);
    if (!row) return null;
    return { ...row, permissions: permissionsOf(row.role), sessionId: claims.sid, origin };
  }

  async me(user: AuthUser): Promise<MeResponseDto> {
    const profile = await this.users.findProfile(user.id);
    if (!profile?.organisation) throw new NotFoundError();
    return {
      id: profile.id,
      username: profile.username,
      displayName: profile.displayName,
      role: profile.role,
      organisation: {
        id: profile.organisation.id,
        name: profile.organisation.name,
        kind: profile.organisation.kind,
      },
      units: await this.users.unitsOf(profile.id),
      permissions: [...ROLE_PERMISSIONS[profile.role]].sort(),
    };
  }

  private async tokenPair(userId: string, familyId: string, refreshToken: string): Promise<TokenResponseDto> {
    const claims: AccessTokenClaims = { sub: userId, sid: familyId };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: ACCESS_TOKEN_TTL_SECONDS });
    return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, tokenType: 'Bearer', refreshToken };
  }
}
