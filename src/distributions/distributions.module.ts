import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AccessModule } from '../auth/access/access.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { DistributionRoundsModule } from './rounds/rounds.module';
import { DistributionRecordsController } from './records/distribution-records.controller';
import { DistributionRecordsRepository } from './records/distribution-records.repository';
import { DistributionRecordsService } from './records/distribution-records.service';
import { EntitlementService } from './records/entitlement.service';

/** Recording aid: the live rule check, idempotency, voids. */
@Module({
  imports: [AccessModule, AuditModule, IdempotencyModule, DistributionRoundsModule],
  controllers: [DistributionRecordsController],
  providers: [DistributionRecordsRepository, DistributionRecordsService, EntitlementService],
  exports: [EntitlementService, DistributionRecordsRepository],
})
export class DistributionsModule {}
