import 'reflect-metadata';
import { exitOnConfigError } from '../bootstrap/exit-on-config-error';
import { validateEnv, ConfigError } from '../config/env.validation';
import { AppConfig } from '../config/app-config';
import { migrateDatabase } from '../database/migrate';

/**
 * `npm run migration:run` and the compose `migrate` service: the explicit schema step of server
 * mode. Needs DATABASE_URL (and QUEUE_BACKEND / REDIS_URL to know whether BullMQ's PostgreSQL
 * schema is needed); no JWT_SECRET, since it signs nothing.
 */
async function main(): Promise<void> {
  const config = exitOnConfigError(() => {
    const vars = validateEnv(process.env);
    if (!vars.DATABASE_URL) throw new ConfigError(['DATABASE_URL is required to run migrations']);
    return new AppConfig(vars, { databaseUrl: vars.DATABASE_URL, jwtSecret: '' });
  });
  await migrateDatabase(config, (m) => process.stdout.write(`${m}\n`));
}

main().catch((err: unknown) => {
  process.stderr.write(`migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
