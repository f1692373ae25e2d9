import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { AccessModule } from '../../auth/access/access.module';
import { OrganisationsModule } from '../../organisations/organisations.module';
import { HouseholdMembershipsController } from './household-memberships.controller';
import { HouseholdsController } from './households.controller';
import { HouseholdsRepository } from './households.repository';
import { HouseholdsService } from './households.service';

/**
 * Households and their members over time. Exports `HouseholdsRepository` for the features that
 * ask who belonged to a household on a date (`membersOn`, `householdOf`).
 */
@Module({
  imports: [AccessModule, AuditModule, OrganisationsModule],
  controllers: [HouseholdsController, HouseholdMembershipsController],
  providers: [HouseholdsRepository, HouseholdsService],
  exports: [HouseholdsRepository],
})
export class HouseholdsModule {}
