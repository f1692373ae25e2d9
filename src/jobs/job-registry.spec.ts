import { JOB_NAMES, JobName, QueueName } from './job-names';
import { checkJobHandlers, ProcessorDeclaration } from './job-registry';

/** A queue that is not in the job table. */
const OTHER_QUEUE = 'reports' as QueueName;

const maintenance = (overrides: Partial<ProcessorDeclaration> = {}): ProcessorDeclaration => ({
  processor: 'MaintenanceProcessor',
  queue: QueueName.Maintenance,
  jobs: [...JOB_NAMES],
  ...overrides,
});

describe(checkJobHandlers.name, () => {
  it('accepts one handler per job, on the queue the job goes to', () => {
    expect(checkJobHandlers([maintenance()])).toEqual([]);
  });

  it('reports a job with no handler', () => {
    expect(checkJobHandlers([maintenance({ jobs: [JobName.PurgeLoginFailures] })])).toEqual([
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
    ]);
    expect(problems).toContain(
      `Job ${JobName.PurgeExpiredRefreshTokens} has 2 handlers: MaintenanceProcessor, OtherProcessor`,
    );
  });

  it('reports two processors on one queue', () => {
    const problems = checkJobHandlers([
      maintenance(),
      maintenance({ processor: 'SecondProcessor', jobs: [] }),
    ]);
    expect(problems).toEqual([
      `Queue ${QueueName.Maintenance} has two processors: MaintenanceProcessor and SecondProcessor`,
    ]);
  });

  it('reports a handler on the wrong queue', () => {
    const problems = checkJobHandlers([maintenance({ processor: 'ReportsProcessor', queue: OTHER_QUEUE })]);
    expect(problems).toEqual(
      JOB_NAMES.map(
        (job) =>
          `ReportsProcessor handles ${job}, which goes to queue ${QueueName.Maintenance}, not ${OTHER_QUEUE}`,
      ),
    );
  });

  it('reports a handler for a job name that does not exist', () => {
    const problems = checkJobHandlers([maintenance({ jobs: [...JOB_NAMES, 'send_newsletter'] })]);
    expect(problems).toEqual(['MaintenanceProcessor handles unknown job send_newsletter']);
  });

  it('reports a processor without a queue', () => {
    const problems = checkJobHandlers([
      maintenance(),
      maintenance({ processor: 'StrayProcessor', queue: undefined }),
    ]);
    expect(problems).toEqual(['StrayProcessor has no queue (use @QueueProcessor)']);
  });
});
