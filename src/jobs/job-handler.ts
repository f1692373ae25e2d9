import { Processor, WorkerHost } from '@nestjs/bullmq';
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { JobName, JobPayloads, QueueName } from './job-names';

const HANDLERS = Symbol('job-handlers');
export const PROCESSOR_QUEUE = 'sukom:processor-queue';

type HandlerTable = Map<string, string | symbol>;

/** Marks a class as the consumer of one queue; its `@OnJob` methods handle that queue's jobs. */
export function QueueProcessor(queue: QueueName): ClassDecorator {
  return applyDecorators(Processor(queue), SetMetadata(PROCESSOR_QUEUE, queue));
}

/**
 * Marks the method that handles one job name. It must be idempotent: BullMQ delivers at least
 * once, so a job can run twice (after a crash, a stall, or a retry).
 */
export function OnJob<N extends JobName>(name: N) {
  return <F extends (payload: JobPayloads[N], job: Job) => Promise<unknown>>(
    target: object,
    key: string | symbol,
    _d: TypedPropertyDescriptor<F>,
  ) => {
    // Own metadata, copied: a subclass must not add handlers to its parent's table.
    const table: HandlerTable = new Map(
      (Reflect.getOwnMetadata(HANDLERS, target) as HandlerTable | undefined) ?? [],
    );
    table.set(name, key);
    Reflect.defineMetadata(HANDLERS, table, target);
  };
}

export function handlersOf(processor: object): HandlerTable {
  return (
    (Reflect.getMetadata(HANDLERS, Object.getPrototypeOf(processor) as object) as HandlerTable | undefined) ??
    new Map<string, string | symbol>()
  );
}

/** Dispatches each job to the `@OnJob` method for its name. */
export abstract class JobProcessor extends WorkerHost {
  async process(job: Job): Promise<unknown> {
    const key = handlersOf(this).get(job.name);
    if (!key) throw new UnrecoverableError(`No handler for job ${job.name} on queue ${job.queueName}`);
    const handler = (this as unknown as Record<string | symbol, (p: unknown, j: Job) => Promise<unknown>>)[
      key
    ];
    return handler.call(this, job.data, job);
  }
}
