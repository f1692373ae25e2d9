import { Module } from '@nestjs/common';
import { LoginFailuresModule } from './login-failures.module';
import { LoginThrottleService } from './login-throttle.service';

/** Brute-force protection of the login, for the API's AuthModule. */
@Module({
  imports: [LoginFailuresModule],
  providers: [LoginThrottleService],
  exports: [LoginThrottleService],
})
export class LoginThrottleModule {}
