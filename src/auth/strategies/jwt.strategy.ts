import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/app-config';
import { UnauthenticatedError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import type { AccessTokenClaims, AuthUser } from '../auth-user';
import { AuthService } from '../auth.service';
import { requestOrigin } from '../request-origin';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.auth.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(req: Request, claims: AccessTokenClaims): Promise<AuthUser> {
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') {
      throw new UnauthenticatedError(ErrorCode.TokenInvalid, 'The access token is invalid');
    }
    const user = await this.auth.resolveUser(claims, requestOrigin(req));
    if (!user) throw new UnauthenticatedError(ErrorCode.TokenInvalid, 'The session has ended; log in again');
    return user;
  }
}
