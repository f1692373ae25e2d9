import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { JobsModule } from './jobs/jobs.module';
import { LoggerModule } from './logging/logger.module';

/** What both processes need: configuration, logs, the database and the queues. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forRoot(config), LoggerModule, DatabaseModule, JobsModule],
      exports: [ConfigModule, LoggerModule, DatabaseModule, JobsModule],
    };
  }
}
