import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NotFoundError, UnauthenticatedError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { User } from '../users/entities/user.entity';
import { UsersRepository } from '../users/users.repository';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  SESSION_IDLE_TIMEOUT_SECONDS,
  SESSION_MAX_AGE_SECONDS,
} from './auth.constants';
import type { AccessTokenClaims, AuthUser } from './auth-user';
import { MeResponseDto } from './dto/me-response.dto';
import { TokenResponseDto } from './dto/token-response.dto';
import { burnVerifyTime, verifyPassword } from './passwords';
import { permissionsOf, ROLE_PERMISSIONS } from './permissions';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { newOpaqueToken, sha256Hex } from './tokens';

const secondsFromNow = (s: number) => new Date(Date.now() + s * 1000);

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly jwt: JwtService,
  ) {}

  /** The same answer, after about the same time, for an unknown username and a wrong password. */
  async validateCredentials(username: string, password: string): Promise<User | null> {
    const user = await this.users.findActiveForLogin(username);
    if (!user) {
      await burnVerifyTime(password);
      return null;
    }
    return (await verifyPassword(user.passwordHash, password)) ? user : null;
  }

  async login(user: User): Promise<TokenResponseDto> {
    const familyId = randomUUID();
    const refreshToken = newOpaqueToken();
    await this.refreshTokens.insert({
      userId: user.id,
      familyId,
      tokenHash: sha256Hex(refreshToken),
      expiresAt: secondsFromNow(SESSION_MAX_AGE_SECONDS),
      idleExpiresAt: secondsFromNow(SESSION_IDLE_TIMEOUT_SECONDS),
    });
    await this.users.recordLogin(user.id);
    return this.tokenPair(user.id, familyId, refreshToken);
  }

  /**
   * Rotates the refresh token. A token presented a second time was copied: the whole family is
   * revoked, which logs out both the thief and the user.
   */
  async refresh(presented: string): Promise<TokenResponseDto> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const token = await this.refreshTokens.findByHashForUpdate(sha256Hex(presented), em);
      if (!token || token.revokedAt) return { ok: false as const };
      if (token.usedAt) {
        await this.refreshTokens.revokeFamily(token.familyId, em);
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
    await this.refreshTokens.revokeFamily(user.sessionId);
  }

  /** Resolves an access token's claims to the current state of the user, or null if it no longer holds. */
  async resolveUser(claims: AccessTokenClaims): Promise<AuthUser | null> {
    const row = await this.users.findAuthUser(claims.sub, claims.sid);
    if (!row) return null;
    return { ...row, permissions: permissionsOf(row.role), sessionId: claims.sid };
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
      units: (profile.units ?? [])
        .map((u) => ({ id: u.id, name: u.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      permissions: [...ROLE_PERMISSIONS[profile.role]].sort(),
    };
  }

  private async tokenPair(userId: string, familyId: string, refreshToken: string): Promise<TokenResponseDto> {
    const claims: AccessTokenClaims = { sub: userId, sid: familyId };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: ACCESS_TOKEN_TTL_SECONDS });
    return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, tokenType: 'Bearer', refreshToken };
  }
}
