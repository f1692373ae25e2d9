import { Module } from '@nestjs/common';
import { DuplicateAidScanRepository } from './duplicate-aid-scan.repository';
import { DuplicateAidScanService } from './duplicate-aid-scan.service';
import { DuplicateAidProcessor } from './duplicate-aid.processor';

/** Worker side of duplicate aid: the scan. */
@Module({
  providers: [DuplicateAidScanRepository, DuplicateAidScanService, DuplicateAidProcessor],
  exports: [DuplicateAidScanService],
})
export class DuplicateAidWorkerModule {}
