import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayloads, QUEUE_NAMES, QueueName } from './job-names';

/**
 * The one way to put work on a queue. Call it after the transaction that produced the work has
 * committed; pass a `jobId` where running the same work twice must be avoided.
 */
@Injectable()
export class JobQueueService implements OnModuleInit {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly logger = new Logger(JobQueueService.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  /** Queue providers are built asynchronously (they wait for the connection config). */
  onModuleInit(): void {
    for (const name of QUEUE_NAMES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      // Connection errors are retried by the client; log them once each instead of to the console.
      queue.on('error', (err: Error) =>
        this.logger.warn({ queue: name, error: err.message }, 'queue backend error'),
      );
      this.queues.set(name, queue);
    }
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    opts?: JobsOptions,
  ): Promise<string | undefined> {
    const job = await this.queue(JOB_QUEUE[name]).add(name, payload, opts);
    return job.id;
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Queue ${name} is not registered`);
    return queue;
  }

  allQueues(): Queue[] {
    return [...this.queues.values()];
  }
}
