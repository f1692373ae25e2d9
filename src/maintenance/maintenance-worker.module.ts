import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MaintenanceProcessor } from './maintenance.processor';

@Module({
  imports: [AuthModule],
  providers: [MaintenanceProcessor],
})
export class MaintenanceWorkerModule {}
