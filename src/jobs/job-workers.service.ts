import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { handlersOf, JobProcessor, PROCESSOR_QUEUE } from './job-handler';
import { JOB_QUEUE, JOB_SCHEDULES, QueueName } from './job-names';
import { JobQueueService } from './job-queue.service';
import { checkJobHandlers } from './job-registry';

/**
 * Worker-side lifecycle of the queues: refuses to start when a job has no handler (or two),
 * registers the job schedulers, and on shutdown lets running jobs finish before anything else
 * (database, queue connections) closes.
 */
@Injectable()
export class JobWorkersService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobWorkersService.name);
  private processors: JobProcessor[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly jobs: JobQueueService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.processors = this.discovery
      .getProviders()
      .map((w) => w.instance as unknown)
      .filter((i): i is JobProcessor => i instanceof JobProcessor);
    const problems = checkJobHandlers(
      this.processors.map((p) => ({
        processor: p.constructor.name,
        queue: Reflect.getMetadata(PROCESSOR_QUEUE, p.constructor) as QueueName | undefined,
        jobs: [...handlersOf(p).keys()],
      })),
    );
    if (problems.length) throw new Error(`Job handlers are incomplete:\n  - ${problems.join('\n  - ')}`);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const p of this.processors) p.worker.concurrency = this.config.queue.concurrency;
    // Upserting the same scheduler id from every replica keeps one schedule: BullMQ creates each
    // iteration's job once, so replicas never run the same occurrence twice.
    for (const s of JOB_SCHEDULES) {
      await this.jobs
        .queue(JOB_QUEUE[s.job])
        .upsertJobScheduler(s.id, { pattern: s.pattern, tz: 'UTC' }, { name: s.job, data: s.payload });
    }
    this.logger.log(
      { processors: this.processors.length, schedules: JOB_SCHEDULES.length },
      'Job workers started',
    );
  }

  /** Stops taking new jobs and waits for the running ones, while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.processors.map((p) => p.worker.close()));
  }
}
