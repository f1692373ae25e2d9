import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JsonWebTokenError, TokenExpiredError } from '@nestjs/jwt';
import { AuthGuard } from '@nestjs/passport';
import { UnauthenticatedError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { IS_PUBLIC_KEY } from '../decorators/public.decorator';

/** First global guard: authenticates every route not marked `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  /**
   * `info` is passport-jwt's reason when a token was presented but refused: an expired token gets
   * its own code, so that a client knows to refresh rather than to log in again.
   */
  override handleRequest<T>(err: unknown, user: T | false, info?: unknown): T {
    if (err instanceof Error) throw err;
    if (err) throw new UnauthenticatedError(ErrorCode.TokenInvalid, 'The access token is invalid');
    if (user) return user;
    if (info instanceof TokenExpiredError) {
      throw new UnauthenticatedError(ErrorCode.TokenExpired, 'The access token has expired; refresh it');
    }
    if (info instanceof JsonWebTokenError) {
      throw new UnauthenticatedError(ErrorCode.TokenInvalid, 'The access token is invalid');
    }
    throw new UnauthenticatedError(ErrorCode.Unauthenticated, 'A valid access token is required');
  }
}
