import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { UnauthenticatedError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import type { User } from '../../users/entities/user.entity';
import { AuthService } from '../auth.service';
import { LoginThrottleService } from '../login-throttle/login-throttle.service';
import { requestOrigin } from '../request-origin';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottleService,
  ) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  /**
   * Counted as a failure before the password is checked (429 once a limit is reached, for known
   * and unknown usernames alike), and taken back on success.
   */
  async validate(req: Request, username: string, password: string): Promise<User> {
    const attempt = await this.throttle.reserveAttempt(username, req.ip);
    const user = await this.auth.validateCredentials(username, password, requestOrigin(req));
    if (!user) throw new UnauthenticatedError(ErrorCode.InvalidCredentials, 'Wrong username or password');
    await this.throttle.attemptSucceeded(attempt);
    return user;
  }
}
