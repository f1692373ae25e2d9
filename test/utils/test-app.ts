import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/bootstrap/http-app';
import { AppConfig, QueueBackend } from '../../src/config/app-config';
import { validateEnv } from '../../src/config/env.validation';
import { EmbeddedModule } from '../../src/embedded.module';
import { JobQueueService } from '../../src/jobs/job-queue.service';
import { withDatabase } from '../setup/global-setup';
import { testState } from '../setup/test-state';

export interface TestAppOptions {
  backend?: QueueBackend;
  /** Run the queue processors in the same app (embedded mode). Default true. */
  workers?: boolean;
  /** Reuse an existing test database (for a second replica); by default each app gets a fresh clone. */
  database?: string;
  /** Reuse a queue prefix (Redis), to make two apps share queues. */
  queuePrefix?: string;
  env?: Record<string, string>;
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  database: string;
  queuePrefix: string;
  dataSource: DataSource;
  jobs: JobQueueService;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** True when the e2e setup found (or started) a Redis; Redis suites use `describeRedis`. */
export const redisAvailable = (): boolean => Boolean(testState().redisUrl);

/**
 * Without Redis the Redis-backend suites cannot run. Locally they are skipped with a notice from
 * the setup; under CI a missing Redis fails the run instead (see .ci/run).
 */
export const backendsUnderTest = (): QueueBackend[] => {
  if (redisAvailable()) return ['postgres', 'redis'];
  if (process.env.CI) throw new Error('CI requires Redis for the Redis-backend tests');
  return ['postgres'];
};

export async function createTestDatabase(): Promise<string> {
  const state = testState();
  const name = `sukom_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: state.serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${state.template}`);
  } finally {
    await admin.end();
  }
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: testState().serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export function testConfig(opts: {
  database: string;
  backend: QueueBackend;
  queuePrefix: string;
  env?: Record<string, string>;
}): AppConfig {
  const state = testState();
  const databaseUrl = withDatabase(state.serverUrl, opts.database);
  const vars = validateEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    QUEUE_BACKEND: opts.backend,
    QUEUE_PREFIX: opts.queuePrefix,
    ...(opts.backend === 'redis' ? { REDIS_URL: state.redisUrl ?? '' } : {}),
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    SHUTDOWN_TIMEOUT_MS: '10000',
    ...opts.env,
  });
  return new AppConfig(vars, { databaseUrl, jwtSecret: randomBytes(32).toString('hex') });
}

/** Boots the real app (HTTP surface, guards, pipes, filters, database, queues) on a fresh database. */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const backend = opts.backend ?? 'postgres';
  const database = opts.database ?? (await createTestDatabase());
  const queuePrefix = opts.queuePrefix ?? `test_${randomBytes(4).toString('hex')}`;
  const config = testConfig({ database, backend, queuePrefix, env: opts.env });
  const module = opts.workers === false ? AppModule.forRoot(config) : EmbeddedModule.forRoot(config);
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bodyParser: false,
    logger: false,
    abortOnError: false,
  });
  configureHttpApp(app, config);
  await app.init();
  const ownsDatabase = !opts.database;
  return {
    app,
    config,
    database,
    queuePrefix,
    dataSource: app.get(DataSource),
    jobs: app.get(JobQueueService),
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      if (backend === 'redis' && !opts.queuePrefix) await deleteRedisKeys(queuePrefix);
      if (ownsDatabase) await dropTestDatabase(database);
    },
  };
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(testState().redisUrl!);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Polls until the job reaches a final state; fails with its state and reason otherwise. */
export async function waitForJob(
  jobs: JobQueueService,
  queue: string,
  id: string,
  timeoutMs = 15000,
): Promise<{ state: string; returnvalue: unknown; failedReason?: string }> {
  const q = jobs.allQueues().find((x) => x.name === queue)!;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await q.getJob(id);
    const state = found ? await found.getState() : 'missing';
    if (found && (state === 'completed' || state === 'failed')) {
      // Read again: the job may have finished between the first read and the state, and then the
      // first copy lacks its return value.
      const job = (await q.getJob(id)) ?? found;
      return { state, returnvalue: job.returnvalue, failedReason: job.failedReason };
    }
    if (Date.now() > deadline) throw new Error(`job ${id} still ${state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
