import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig } from '../../src/config/app-config';
import { validateEnv } from '../../src/config/env.validation';
import { migrateDatabase } from '../../src/database/migrate';
import {
  DEFAULT_TEST_DATABASE_URL,
  DEFAULT_TEST_REDIS_URL,
  postgresAnswers,
  redisAnswers,
  startEmbeddedTestPostgres,
  startLocalRedis,
} from './test-servers';
import { TestState } from './test-state';

/**
 * Once per `jest` run: find (or start) PostgreSQL and Redis, build the template database from the
 * real migrations (schema and BullMQ's PostgreSQL schema), and build the app (the embedded-mode
 * test runs the compiled entry point). Each test file then clones the template.
 */
export default async function globalSetup(): Promise<void> {
  const state: TestState = {
    serverUrl: process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL,
    template: `sukom_test_template_${process.pid}`,
  };
  if (!(await postgresAnswers(state.serverUrl))) {
    process.stdout.write(`\nNo PostgreSQL at TEST_DATABASE_URL; starting an embedded one for the tests.\n`);
    const pg = await startEmbeddedTestPostgres();
    state.serverUrl = pg.url;
    (globalThis as { __sukomStopPg?: () => Promise<void> }).__sukomStopPg = pg.stop;
  }
  const redisUrl = process.env.REDIS_URL ?? DEFAULT_TEST_REDIS_URL;
  if (await redisAnswers(redisUrl)) {
    state.redisUrl = redisUrl;
  } else {
    const local = await startLocalRedis();
    if (local) {
      state.redisUrl = local.url;
      state.redisPid = local.pid;
    } else {
      process.stdout.write(
        '\nNo Redis reachable and redis-server is not installed: the Redis-backend tests will be skipped.\n',
      );
    }
  }

  const admin = new Client({ connectionString: state.serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${state.template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${state.template}`);
  } finally {
    await admin.end();
  }
  const templateUrl = withDatabase(state.serverUrl, state.template);
  await migrateDatabase(
    new AppConfig(validateEnv({ QUEUE_BACKEND: 'postgres' }), { databaseUrl: templateUrl, jwtSecret: '' }),
  );

  execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], {
    cwd: join(__dirname, '..', '..'),
    stdio: 'inherit',
  });

  // Jest starts its workers after this, and they inherit the environment.
  process.env.SUKOM_TEST_STATE = JSON.stringify(state);
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
