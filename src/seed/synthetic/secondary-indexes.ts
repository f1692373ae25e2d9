import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type ClientBase } from 'pg';

/**
 * Dropping and recreating the non-unique indexes of the tables a large load writes to. Building an
 * index once over all rows is much cheaper than updating it row by row (above all the GIN indexes
 * of the array columns), but a database left without them is slow: they are recreated in a
 * `finally`, on Ctrl-C too, and their definitions are written to a file first so that a run killed
 * outright (`kill -9`) can be repaired by the next one. Unique indexes and constraints stay: they
 * check the data while it loads.
 */

export interface IndexDefinition {
  name: string;
  table: string;
  definition: string;
}

/** Non-unique, non-constraint indexes of the tables, as `CREATE INDEX` statements. */
export async function secondaryIndexes(
  client: ClientBase,
  tables: readonly string[],
): Promise<IndexDefinition[]> {
  const { rows } = await client.query<IndexDefinition>(
    `SELECT i.relname AS name, t.relname AS "table", pg_get_indexdef(i.oid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema()
        AND t.relname = ANY($1::text[])
        AND NOT x.indisunique AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      ORDER BY t.relname, i.relname`,
    [tables],
  );
  return rows;
}

/** Where the definitions of dropped indexes wait, one file per database. */
export function recoveryFile(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const key = `${url.hostname}-${url.port || '5432'}-${url.pathname.slice(1)}`.replace(
    /[^A-Za-z0-9_.-]/g,
    '_',
  );
  return join(tmpdir(), `sukom-seed-synthetic-indexes-${key}.json`);
}

export async function dropIndexes(
  client: ClientBase,
  indexes: readonly IndexDefinition[],
  file: string,
): Promise<void> {
  writeFileSync(file, JSON.stringify(indexes, null, 2));
  for (const index of indexes) await client.query(`DROP INDEX IF EXISTS "${index.name}"`);
}

/**
 * Recreates the indexes that are missing, two at a time (this machine has two cores; each build
 * is mostly one core's work), with generous maintenance memory. Removes the recovery file when all
 * exist again.
 */
export async function recreateIndexes(
  databaseUrl: string,
  indexes: readonly IndexDefinition[],
  file: string | null,
  log: (message: string) => void,
): Promise<void> {
  const queue = [...indexes];
  const worker = async () => {
    const client = new Client({ connectionString: databaseUrl, application_name: 'sukom-seed-synthetic' });
    await client.connect();
    try {
      await client.query(`SET maintenance_work_mem = '512MB'`);
      for (let index = queue.shift(); index; index = queue.shift()) {
        const present = await client.query<{ present: boolean }>(
          `SELECT to_regclass(quote_ident($1)) IS NOT NULL AS present`,
          [index.name],
        );
        if (present.rows[0].present) continue;
        const started = Date.now();
        await client.query(index.definition);
        log(
          `recreated index ${index.name} on ${index.table} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all([worker(), worker()]);
  if (file) rmSync(file, { force: true });
}

/** Indexes a previous run dropped and could not recreate (it was killed), if any. */
export function pendingRecovery(file: string): IndexDefinition[] | null {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as IndexDefinition[];
}
