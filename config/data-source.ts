import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/typeorm.options';

/**
 * The TypeORM CLI's data source (migration:generate, migration:revert). It reuses the
 * application's options, so the CLI and the app see the same entities and migrations.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write(
    'DATABASE_URL is required for the migration CLI (for example postgres://postgres@127.0.0.1:5432/sukom_dev)\n',
  );
  process.exit(78);
}

export default new DataSource(buildDataSourceOptions({ url, poolSize: 2, applicationName: 'sukom-cli' }));
