import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The repository root, from both `src/database` (ts-node, jest) and `dist/src/database` (build). */
const ROOT = __dirname.includes(`${join('dist', 'src')}`)
  ? join(__dirname, '..', '..', '..')
  : join(__dirname, '..', '..');

/** Migrations are loaded from the folder: `.ts` under ts-node and jest, `.js` from the build. */
export const MIGRATIONS_GLOB = __dirname.includes(join('dist', 'src'))
  ? join(ROOT, 'dist', 'migrations', '*.js')
  : join(ROOT, 'migrations', '*.ts');

/**
 * The one description of the database connection, shared by the application, the migration CLI
 * (config/data-source.ts) and the test setup. Never `synchronize`: the schema changes only
 * through migrations.
 */
export function buildDataSourceOptions(opts: {
  url: string;
  poolSize?: number;
  applicationName?: string;
}): DataSourceOptions {
  return {
    type: 'postgres',
    url: opts.url,
    entities: ENTITIES,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+; extensions are created by migrations only.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName: opts.applicationName ?? 'sukom',
    poolSize: opts.poolSize ?? 10,
    extra: { connectionTimeoutMillis: 5000 },
  };
}
