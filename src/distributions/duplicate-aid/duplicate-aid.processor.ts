import { JobProcessor, OnJob, QueueProcessor } from '../../jobs/job-handler';
import { JobName, JobPayloads, QueueName } from '../../jobs/job-names';
import { DuplicateAidScanService, ScanResult } from './duplicate-aid-scan.service';

/** The duplicate-aid scan, on its schedules (JOB_SCHEDULES) or queued on demand. */
@QueueProcessor(QueueName.DuplicateAid)
export class DuplicateAidProcessor extends JobProcessor {
  constructor(private readonly scans: DuplicateAidScanService) {
    super();
  }

  /** Safe to run twice: a conflict already flagged is not flagged again, and runs take turns. */
  @OnJob(JobName.ScanDuplicateAid)
  scanDuplicateAid(payload: JobPayloads[JobName.ScanDuplicateAid]): Promise<ScanResult> {
    return this.scans.run(payload.mode === 'full' ? 'full' : 'incremental');
  }
}
