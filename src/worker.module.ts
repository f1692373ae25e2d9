import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { DuplicateAidWorkerModule } from './distributions/duplicate-aid/duplicate-aid-worker.module';
import { JobWorkersModule } from './jobs/job-workers.module';
import { MaintenanceWorkerModule } from './maintenance/maintenance-worker.module';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { ReferralsWorkerModule } from './referrals/referrals-worker.module';

/** The worker process: every queue processor, registered here and nowhere else. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config),
        JobWorkersModule,
        MaintenanceWorkerModule,
        NotificationsWorkerModule,
        ReferralsWorkerModule,
        DuplicateAidWorkerModule,
      ],
    };
  }
}
