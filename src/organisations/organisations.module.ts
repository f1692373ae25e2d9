import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AccessModule } from '../auth/access/access.module';
import { RefreshTokensModule } from '../auth/refresh-tokens.module';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';
import { ServiceUnitsController } from './service-units.controller';
import { ServiceUnitsService } from './service-units.service';

/** Organisations and their service units: the structure users and records belong to. */
@Module({
  imports: [AccessModule, AuditModule, RefreshTokensModule],
  controllers: [OrganisationsController, ServiceUnitsController],
  providers: [OrganisationsRepository, OrganisationsService, ServiceUnitsService],
  exports: [OrganisationsRepository, OrganisationsService],
})
export class OrganisationsModule {}
