import { Logger } from '@nestjs/common';
import { RefreshTokensRepository } from '../auth/refresh-tokens.repository';
import { OnJob, JobProcessor, QueueProcessor } from '../jobs/job-handler';
import { JobName, NoPayload, QueueName } from '../jobs/job-names';

/** Housekeeping jobs, run on schedules (see JOB_SCHEDULES). Each is safe to run twice. */
@QueueProcessor(QueueName.Maintenance)
export class MaintenanceProcessor extends JobProcessor {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(private readonly refreshTokens: RefreshTokensRepository) {
    super();
  }

  @OnJob(JobName.PurgeExpiredRefreshTokens)
  async purgeExpiredRefreshTokens(_payload: NoPayload): Promise<{ deleted: number }> {
    const deleted = await this.refreshTokens.purgeDeadFamilies();
    this.logger.log({ deleted }, 'Purged expired refresh tokens');
    return { deleted };
  }
}
