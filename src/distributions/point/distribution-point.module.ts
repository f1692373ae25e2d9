import { Module } from '@nestjs/common';
import { DistributionRoundsModule } from '../rounds/rounds.module';
import { AuditModule } from '../../audit/audit.module';
import { AccessModule } from '../../auth/access/access.module';
import { BeneficiariesModule } from '../../beneficiaries/beneficiaries.module';
import { HouseholdsModule } from '../../beneficiaries/households/households.module';
import { DistributionsModule } from '../distributions.module';
import { DistributionListController, DistributionPointController } from './distribution-point.controller';
import { DistributionListService } from './distribution-list.service';
import { DistributionPointRepository } from './distribution-point.repository';
import { DistributionPointService } from './distribution-point.service';

/**
 * The distribution point: the lookup that tells a distribution officer who is entitled, and the
 * distribution list of a round for the field. Reads only; recording is DistributionsModule's.
 */
@Module({
  imports: [
    AccessModule,
    AuditModule,
    BeneficiariesModule,
    HouseholdsModule,
    DistributionsModule,
    DistributionRoundsModule,
  ],
  controllers: [DistributionPointController, DistributionListController],
  providers: [DistributionPointRepository, DistributionPointService, DistributionListService],
})
export class DistributionPointModule {}
