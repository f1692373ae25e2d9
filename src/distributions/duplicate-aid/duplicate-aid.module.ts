import { Module } from '@nestjs/common';
import { AccessModule } from '../../auth/access/access.module';
import { AuditModule } from '../../audit/audit.module';
import { DuplicateAidFlagsController } from './duplicate-aid-flags.controller';
import { DuplicateAidFlagsRepository } from './duplicate-aid-flags.repository';
import { DuplicateAidFlagsService } from './duplicate-aid-flags.service';
import { DuplicateAidScanRepository } from './duplicate-aid-scan.repository';
import { DuplicateAidScanService } from './duplicate-aid-scan.service';
import { DuplicateAidScansController } from './duplicate-aid-scans.controller';

/** Duplicate-aid flags and their review, and the scan's runs (queued here, run by the worker). */
@Module({
  imports: [AccessModule, AuditModule],
  controllers: [DuplicateAidFlagsController, DuplicateAidScansController],
  providers: [
    DuplicateAidFlagsRepository,
    DuplicateAidFlagsService,
    DuplicateAidScanRepository,
    DuplicateAidScanService,
  ],
  exports: [DuplicateAidScanService],
})
export class DuplicateAidModule {}
