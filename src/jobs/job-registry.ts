import { JOB_NAMES, JOB_QUEUE, JobName, QueueName } from './job-names';

export interface ProcessorDeclaration {
  processor: string;
  queue: QueueName | undefined;
  jobs: string[];
}

/**
 * Every job name must have exactly one handler, on the processor of the queue the job goes to.
 * Returns the problems found; the worker refuses to start if there are any.
 */
export function checkJobHandlers(processors: ProcessorDeclaration[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string[]>();
  const queues = new Map<QueueName, string>();
  for (const p of processors) {
    if (!p.queue) {
      problems.push(`${p.processor} has no queue (use @QueueProcessor)`);
      continue;
    }
    const other = queues.get(p.queue);
    if (other) problems.push(`Queue ${p.queue} has two processors: ${other} and ${p.processor}`);
    queues.set(p.queue, p.processor);
    for (const job of p.jobs) {
      if (!(JOB_NAMES as readonly string[]).includes(job))
        problems.push(`${p.processor} handles unknown job ${job}`);
      else {
        const expected: string = JOB_QUEUE[job as JobName];
        if (expected !== String(p.queue))
          problems.push(`${p.processor} handles ${job}, which goes to queue ${expected}, not ${p.queue}`);
      }
      seen.set(job, [...(seen.get(job) ?? []), p.processor]);
    }
  }
  for (const job of JOB_NAMES) {
    const handlers = seen.get(job) ?? [];
    if (handlers.length === 0) problems.push(`Job ${job} has no handler`);
    if (handlers.length > 1)
      problems.push(`Job ${job} has ${handlers.length} handlers: ${handlers.join(', ')}`);
  }
  return problems;
}
