import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { NAME_FAMILIES } from '../beneficiaries/names/name-families';
import { nameKeysOf } from '../beneficiaries/names/name-matching';
import { exitOnConfigError } from '../bootstrap/exit-on-config-error';
import { ConfigError, validateEnv } from '../config/env.validation';
import { buildDataSourceOptions } from '../database/typeorm.options';
import { dayFromIso, isoDate } from '../seed/synthetic/dates';
import { SeedContextError } from '../seed/synthetic/organisation-context';
import { DropIndexesMode, SeedRefused, seedSynthetic } from '../seed/synthetic/seed-synthetic';

/**
 * `npm run seed:synthetic -- --beneficiaries N`: fills the database with realistic synthetic people,
 * households, documents, consents, cases and services for demos and load tests. Never real people.
 * See docs/synthetic-data.md.
 *
 * Exit codes: 0 done, 1 refused or failed, 64 wrong usage, 78 wrong configuration, 130 stopped
 * with Ctrl-C (the batches loaded so far stay).
 */

const EXIT_FAILURE = 1;
const EXIT_USAGE = 64; // EX_USAGE
const EXIT_INTERRUPTED = 130;
const MAX_BENEFICIARIES = 20_000_000;
const MAX_DISTRIBUTIONS = 200_000_000;

const USAGE = `usage: npm run seed:synthetic -- --beneficiaries <N> [--distributions <M>] [options]

Fills the host organisation (or --organisation) with N synthetic beneficiaries in households,
with documents, consents, cases, notes, follow-ups and services, and then M distribution records
over all of its people. Needs DATABASE_URL and a migrated database whose organisation has active
units and users.

options:
  --beneficiaries <N>      how many people (0 to ${MAX_BENEFICIARIES}; 0 with --distributions)
  --distributions <M>      how many distribution records (default 0), in the aid items and rounds
                           of the two years before --as-of (created where missing)
  --seed <S>               the same seed (and set-up) gives the same data; default: random, printed
  --organisation <name>    the organisation to fill; default: the host organisation
  --as-of <YYYY-MM-DD>     generate as of this day (ages, overdue follow-ups); default: today (UTC)
  --batch-size <N>         people per COPY transaction; default 10000
  --drop-indexes <mode>    auto (default: for loads of 100000 or more that at least double the
                           table), always or never: drop the non-unique indexes during the load
                           and rebuild them after`;

class UsageError extends Error {}

interface CliOptions {
  beneficiaries: number;
  distributions: number;
  seed: string;
  organisation?: string;
  asOfDay: number;
  batchSize: number;
  dropIndexes: DropIndexesMode;
}

const integer = (name: string, raw: string, min: number, max: number): number => {
  if (!/^[0-9]+$/.test(raw.replace(/_/g, ''))) throw new UsageError(`${name} must be a whole number`);
  const value = Number(raw.replace(/_/g, ''));
  if (value < min || value > max) throw new UsageError(`${name} must be between ${min} and ${max}`);
  return value;
};

function parseOptions(argv: string[]): CliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        beneficiaries: { type: 'string' },
        distributions: { type: 'string' },
        seed: { type: 'string' },
        organisation: { type: 'string' },
        'as-of': { type: 'string' },
        'batch-size': { type: 'string' },
        'drop-indexes': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const str = (name: string) => values[name] as string | undefined;
  if (str('beneficiaries') === undefined) throw new UsageError('missing --beneficiaries');
  const today = dayFromIso(new Date().toISOString().slice(0, 10));
  let asOfDay = today;
  const asOf = str('as-of');
  if (asOf !== undefined) {
    asOfDay = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(asOf) ? dayFromIso(asOf) : NaN;
    if (!Number.isFinite(asOfDay) || isoDate(asOfDay) !== asOf)
      throw new UsageError('--as-of must be a date YYYY-MM-DD');
    if (asOfDay > today || asOfDay < dayFromIso('2020-01-01')) {
      throw new UsageError('--as-of must be between 2020-01-01 and today');
    }
  }
  const mode = str('drop-indexes') ?? 'auto';
  if (mode !== 'auto' && mode !== 'always' && mode !== 'never') {
    throw new UsageError('--drop-indexes must be auto, always or never');
  }
  const seed = str('seed') ?? randomBytes(4).toString('hex');
  if (!/^[\p{L}\p{N}_.:-]{1,64}$/u.test(seed)) {
    throw new UsageError('--seed must be 1 to 64 letters, digits, _ . : or -');
  }
  const distributions = integer('--distributions', str('distributions') ?? '0', 0, MAX_DISTRIBUTIONS);
  const beneficiaries = integer(
    '--beneficiaries',
    str('beneficiaries')!,
    distributions ? 0 : 1,
    MAX_BENEFICIARIES,
  );
  return {
    beneficiaries,
    distributions,
    seed,
    organisation: str('organisation'),
    asOfDay,
    batchSize: integer('--batch-size', str('batch-size') ?? '10000', 100, 200_000),
    dropIndexes: mode,
  };
}

/** Refuses a database whose schema is missing or behind, naming the command that fixes it. */
async function assertSchemaUpToDate(databaseUrl: string): Promise<void> {
  const dataSource = new DataSource({
    ...buildDataSourceOptions({ url: databaseUrl, poolSize: 1, applicationName: 'sukom-seed-synthetic' }),
    logging: false,
  });
  try {
    await dataSource.initialize();
  } catch (err) {
    throw new SeedRefused(`cannot open the database: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const table = dataSource.options.migrationsTableName ?? 'migrations';
    const [{ present }] = await dataSource.query<Array<{ present: boolean }>>(
      `SELECT to_regclass($1) IS NOT NULL AS present`,
      [table],
    );
    const applied = present
      ? new Set(
          (await dataSource.query<Array<{ name: string }>>(`SELECT name FROM "${table}"`)).map((r) => r.name),
        )
      : new Set<string>();
    const pending = dataSource.migrations.filter((m) => !applied.has(m.name ?? m.constructor.name));
    if (pending.length) {
      throw new SeedRefused(
        `the database has ${present ? `${pending.length} pending migration(s)` : 'no schema yet'}: ` +
          'run npm run migration:run first',
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const databaseUrl = exitOnConfigError(() => {
    const vars = validateEnv(process.env);
    if (!vars.DATABASE_URL) throw new ConfigError(['DATABASE_URL is required to seed synthetic data']);
    return vars.DATABASE_URL;
  });
  await assertSchemaUpToDate(databaseUrl);

  let stop = false;
  const onSignal = () => {
    if (stop) {
      process.stderr.write('\nstill stopping: the indexes are being rebuilt, please wait\n');
      return;
    }
    stop = true;
    process.stderr.write('\nstopping after the current batch (the batches loaded so far stay)\n');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const log = (message: string) => process.stdout.write(`${message}\n`);
  const report = await seedSynthetic(
    { databaseUrl, ...options },
    { nameKeys: nameKeysOf, families: NAME_FAMILIES, log, stopRequested: () => stop },
  );
  const perSecond = (count: number) => Math.round(count / Math.max(report.loadMs / 1000, 0.001));
  log(
    [
      `${report.interrupted ? 'stopped' : 'done'}: ${report.beneficiaries} beneficiaries, ` +
        `${report.distributions.records} distribution records and ${report.rows} rows in all ` +
        `into "${report.organisation}" (seed ${options.seed})`,
      ...Object.entries(report.rowsPerTable).map(([table, rows]) => `  ${table.padEnd(22)} ${rows}`),
      `elapsed ${seconds(report.elapsedMs)}: load ${seconds(report.loadMs)}` +
        (report.droppedIndexes
          ? ` (of which rebuilding ${report.droppedIndexes} indexes ${seconds(report.indexMs)})`
          : '') +
        `; ${perSecond(report.rows)} rows/s, ${perSecond(report.beneficiaries)} beneficiaries/s`,
    ].join('\n'),
  );
  return report.interrupted ? EXIT_INTERRUPTED : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n${USAGE}\n`);
      process.exit(EXIT_USAGE);
    }
    if (err instanceof SeedRefused || err instanceof SeedContextError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exit(EXIT_FAILURE);
    }
    process.stderr.write(`error: seeding failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(EXIT_FAILURE);
  },
);
