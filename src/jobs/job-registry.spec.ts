import { JOB_NAMES, JOB_QUEUE, JobName, QUEUE_NAMES, QueueName } from './job-names';
import { checkJobHandlers, ProcessorDeclaration } from './job-registry';

/** A queue that is not in the job table. */
const OTHER_QUEUE = 'reports' as QueueName;

const jobsOf = (queue: QueueName): string[] => JOB_NAMES.filter((job) => JOB_QUEUE[job] === queue);
const MAINTENANCE_JOBS = jobsOf(QueueName.Maintenance);

const maintenance = (overrides: Partial<ProcessorDeclaration> = {}): ProcessorDeclaration => ({
  processor: 'MaintenanceProcessor',
  queue: QueueName.Maintenance,
  jobs: [...MAINTENANCE_JOBS],
  ...overrides,
});

/** Complete processors for every other queue, so that each case is about the maintenance queue. */
const others = (): ProcessorDeclaration[] =>
  QUEUE_NAMES.filter((q) => q !== QueueName.Maintenance).map((queue) => ({
    processor: `${queue}-processor`,
    queue,
    jobs: jobsOf(queue),
  }));

describe(checkJobHandlers.name, () => {
  it('accepts one handler per job, on the queue the job goes to', () => {
    expect(checkJobHandlers([maintenance(), ...others()])).toEqual([]);
  });

  it('reports a job with no handler', () => {
    expect(checkJobHandlers([maintenance({ jobs: [JobName.PurgeLoginFailures] }), ...others()])).toEqual([
      `Job ${JobName.PurgeExpiredRefreshTokens} has no handler`,
    ]);
  });

  it('reports a job with no handler when there is no processor at all', () => {
    expect(checkJobHandlers([])).toEqual(JOB_NAMES.map((job) => `Job ${job} has no handler`));
  });

  it('reports a job with two handlers', () => {
    const problems = checkJobHandlers([
      maintenance(),
      maintenance({ processor: 'OtherProcessor', queue: OTHER_QUEUE }),
      ...others(),
    ]);
    expect(problems).toContain(
      `Job ${JobName.PurgeExpiredRefreshTokens} has 2 handlers: MaintenanceProcessor, OtherProcessor`,
    );
  });

  it('reports two processors on one queue', () => {
    const problems = checkJobHandlers([
      maintenance(),
      maintenance({ processor: 'SecondProcessor', jobs: [] }),
      ...others(),
    ]);
    expect(problems).toEqual([
      `Queue ${QueueName.Maintenance} has two processors: MaintenanceProcessor and SecondProcessor`,
    ]);
  });

  it('reports a handler on the wrong queue', () => {
    const problems = checkJobHandlers([
      maintenance({ processor: 'ReportsProcessor', queue: OTHER_QUEUE }),
      ...others(),
    ]);
    expect(problems).toEqual(
      MAINTENANCE_JOBS.map(
        (job) =>
          `ReportsProcessor handles ${job}, which goes to queue ${QueueName.Maintenance}, not ${OTHER_QUEUE}`,
      ),
    );
  });

  it('reports a handler for a job name that does not exist', () => {
    const problems = checkJobHandlers([
      maintenance({ jobs: [...MAINTENANCE_JOBS, 'send_newsletter'] }),
      ...others(),
    ]);
    expect(problems).toEqual(['MaintenanceProcessor handles unknown job send_newsletter']);
  });

  it('reports a processor without a queue', () => {
    const problems = checkJobHandlers([
      maintenance(),
      maintenance({ processor: 'StrayProcessor', queue: undefined }),
      ...others(),
    ]);
    expect(problems).toEqual(['StrayProcessor has no queue (use @QueueProcessor)']);
  });
});
