import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { DistributionImportsController } from './distribution-imports.controller';
import { DistributionImportsRepository } from './distribution-imports.repository';
import { DistributionImportsService } from './distribution-imports.service';

/** POST /distributions/imports: lists of past distributions, checked later by the duplicate-aid scan. */
@Module({
  imports: [AuditModule],
  controllers: [DistributionImportsController],
  providers: [DistributionImportsRepository, DistributionImportsService],
})
export class DistributionImportsModule {}
