import { Module } from '@nestjs/common';
import { LoginFailuresModule } from '../auth/login-throttle/login-failures.module';
import { RefreshTokensModule } from '../auth/refresh-tokens.module';
import { MaintenanceProcessor } from './maintenance.processor';

@Module({
  imports: [RefreshTokensModule, LoginFailuresModule],
  providers: [MaintenanceProcessor],
})
export class MaintenanceWorkerModule {}
