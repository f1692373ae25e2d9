import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '../config/app-config';
import { JobQueueService } from '../jobs/job-queue.service';

const TIMEOUT_MS = 2000;

@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly jobs: JobQueueService,
    private readonly config: AppConfig,
  ) {}

  /** Reads job counts from every queue: a round trip to the backend (Redis or PostgreSQL). */
  async check(key: string): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    const backend = this.config.queue.backend;
    try {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS);
      });
      await Promise.race([
        Promise.all(this.jobs.allQueues().map((q) => q.getJobCounts('waiting'))),
        timeout,
      ]).finally(() => clearTimeout(timer));
      return check.up({ backend });
    } catch {
      return check.down({ backend, message: 'queue backend unreachable' });
    }
  }
}
