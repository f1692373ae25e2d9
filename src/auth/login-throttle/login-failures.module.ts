import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoginFailure } from './login-failure.entity';
import { LoginFailuresRepository } from './login-failures.repository';

/** The login throttle's storage alone, for the maintenance worker, which serves no logins. */
@Module({
  imports: [TypeOrmModule.forFeature([LoginFailure])],
  providers: [LoginFailuresRepository],
  exports: [LoginFailuresRepository],
})
export class LoginFailuresModule {}
