import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { UsersModule } from '../users/users.module';

/**
 * For one-shot commands that change data through the services: configuration, the database and
 * the services with their audit. Not CoreModule: no queues (no Redis or BullMQ connection), no
 * pino, no HTTP, no workers or schedulers.
 */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, AuditModule, OrganisationsModule, UsersModule],
    };
  }
}
