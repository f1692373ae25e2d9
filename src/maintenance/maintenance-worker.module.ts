import { Module } from '@nestjs/common';
import { RefreshTokensModule } from '../auth/refresh-tokens.module';
import { MaintenanceProcessor } from './maintenance.processor';

@Module({
  imports: [RefreshTokensModule],
  providers: [MaintenanceProcessor],
})
export class MaintenanceWorkerModule {}
