import { runMigrations as runQueueMigrations } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './typeorm.options';

/**
 * Brings a database up to date: the application's TypeORM migrations, then, when BullMQ runs on
 * PostgreSQL, BullMQ's own schema. Both are idempotent (BullMQ's also takes an advisory lock), but
 * TypeORM's runner takes no lock: run this as one explicit step, never from every replica.
 */
export async function migrateDatabase(
  config: AppConfig,
  log: (m: string) => void = () => undefined,
): Promise<void> {
  const dataSource = new DataSource({
    ...buildDataSourceOptions({ url: config.database.url, poolSize: 2, applicationName: 'sukom-migrate' }),
    logging: ['error'],
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    log(
      applied.length
        ? `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`
        : 'database schema is up to date',
    );
  } finally {
    await dataSource.destroy();
  }
  if (config.queue.backend === 'postgres') {
    const client = new Client({ connectionString: config.database.url, application_name: 'sukom-migrate' });
    await client.connect();
    try {
      const version = await runQueueMigrations(client, config.queue.postgresSchema);
      log(`queue schema "${config.queue.postgresSchema}" at version ${version}`);
    } finally {
      await client.end();
    }
  }
}
