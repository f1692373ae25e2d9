import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AccessModule } from '../auth/access/access.module';
import { ServiceDeliveriesController } from './service-deliveries.controller';
import { ServiceDeliveriesRepository } from './service-deliveries.repository';
import { ServiceDeliveriesService } from './service-deliveries.service';
import { ServiceTypesController } from './service-types.controller';
import { ServiceTypesRepository } from './service-types.repository';
import { ServiceTypesService } from './service-types.service';

/**
 * The units' service types and the services delivered. It sits below beneficiaries and cases in
 * the module graph: it imports neither, and reads the few facts it checks about them with SQL.
 */
@Module({
  imports: [AccessModule, AuditModule],
  controllers: [ServiceTypesController, ServiceDeliveriesController],
  providers: [
    ServiceTypesRepository,
    ServiceTypesService,
    ServiceDeliveriesRepository,
    ServiceDeliveriesService,
  ],
  exports: [ServiceTypesService, ServiceDeliveriesService],
})
export class ServiceCatalogueModule {}
