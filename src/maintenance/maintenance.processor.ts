import { Logger } from '@nestjs/common';
import { LoginFailuresRepository } from '../auth/login-throttle/login-failures.repository';
import { RefreshTokensRepository } from '../auth/refresh-tokens.repository';
import { AppConfig } from '../config/app-config';
import { OnJob, JobProcessor, QueueProcessor } from '../jobs/job-handler';
import { JobName, NoPayload, QueueName } from '../jobs/job-names';

/** Housekeeping jobs, run on schedules (see JOB_SCHEDULES). Each is safe to run twice. */
@QueueProcessor(QueueName.Maintenance)
export class MaintenanceProcessor extends JobProcessor {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly loginFailures: LoginFailuresRepository,
    private readonly config: AppConfig,
  ) {
    super();
  }

  @OnJob(JobName.PurgeExpiredRefreshTokens)
  async purgeExpiredRefreshTokens(_payload: NoPayload): Promise<{ deleted: number }> {
    const deleted = await this.refreshTokens.purgeDeadFamilies();
    this.logger.log({ deleted }, 'Purged expired refresh tokens');
    return { deleted };
  }

  /** Failed logins older than the throttle window no longer count (see LoginThrottleService). */
  @OnJob(JobName.PurgeLoginFailures)
  async purgeLoginFailures(_payload: NoPayload): Promise<{ deleted: number }> {
    const deleted = await this.loginFailures.purgeOlderThan(this.config.auth.login.windowSeconds);
    this.logger.log({ deleted }, 'Purged old login failures');
    return { deleted };
  }
}
