import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule } from '../../src/core.module';
import { JobWorkersModule } from '../../src/jobs/job-workers.module';
import { JobName, QueueName } from '../../src/jobs/job-names';
import { MaintenanceProcessor } from '../../src/maintenance/maintenance.processor';
import {
  backendsUnderTest,
  createTestApp,
  createTestDatabase,
  dropTestDatabase,
  testConfig,
  waitForJob,
} from '../utils/test-app';

describe('Worker start-up', () => {
  it('should refuse to start when a job name has no processor', async () => {
    const database = await createTestDatabase();
    const config = testConfig({ database, backend: 'postgres', queuePrefix: 'nohandler' });
    // The job workers without the maintenance processor: purge_expired_refresh_tokens has no handler.
    @Module({ imports: [CoreModule.forRoot(config), JobWorkersModule] })
    class IncompleteWorkerModule {}
    try {
      await expect(
        NestFactory.createApplicationContext(IncompleteWorkerModule, { logger: false, abortOnError: false }),
      ).rejects.toThrow(`Job ${JobName.PurgeExpiredRefreshTokens} has no handler`);
    } finally {
      await dropTestDatabase(database);
    }
  });
});

describe.each(backendsUnderTest())('Shutdown during a job on the %s backend', (backend) => {
  afterEach(() => jest.restoreAllMocks());

  it('should let the running job finish before the database closes', async () => {
    const t = await createTestApp({ backend });
    const original = MaintenanceProcessor.prototype.purgeExpiredRefreshTokens;
    let started!: () => void;
    const jobStarted = new Promise<void>((r) => (started = r));
    jest
      .spyOn(MaintenanceProcessor.prototype, 'purgeExpiredRefreshTokens')
      .mockImplementation(async function (this: MaintenanceProcessor, payload) {
        started();
        await new Promise((r) => setTimeout(r, 1500));
        // Still able to use the database: the shutdown waits for running jobs before closing it.
        return original.call(this, payload);
      });
    const id = (await t.jobs.enqueue(JobName.PurgeExpiredRefreshTokens, {}))!;
    await jobStarted;

    const database = t.database;
    const closing = t.app.close();
    await closing;

    // Reopen on the same database and queues: the job completed, once, and is not run again.
    const again = await createTestApp({ backend, database, queuePrefix: t.queuePrefix, workers: false });
    try {
      const result = await waitForJob(again.jobs, QueueName.Maintenance, id, 3000);
      expect(result).toMatchObject({ state: 'completed', returnvalue: { deleted: 0 } });
    } finally {
      await again.close();
      await dropTestDatabase(database);
    }
  });
});
