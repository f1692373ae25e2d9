import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { AccessModule } from '../../auth/access/access.module';
import { AidCatalogueModule } from '../catalogue/aid-catalogue.module';
import { RoundsController } from './rounds.controller';
import { RoundsRepository } from './rounds.repository';
import { RoundsService } from './rounds.service';

/**
 * Distribution rounds with their items' entitlement rules and totals. Exports RoundsRepository
 * (`findRoundItem`) for recording distributions.
 */
@Module({
  imports: [AccessModule, AuditModule, AidCatalogueModule],
  controllers: [RoundsController],
  providers: [RoundsRepository, RoundsService],
  exports: [RoundsRepository, RoundsService],
})
export class DistributionRoundsModule {}
