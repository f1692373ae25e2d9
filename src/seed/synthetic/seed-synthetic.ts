import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { NameFamily } from '../../beneficiaries/names/name-families';
import { DocumentRegistry } from './document-registry';
import {
  DISTRIBUTION_TABLES,
  type DistributionLoadResult,
  ensureDistributionCatalogue,
  loadDistributions,
} from './distribution-loader';
import { HouseholdGenerator, NameKeysFn } from './household-generator';
import { loadSynthetic, LoadResult } from './loader';
import { loadSeedContext } from './organisation-context';
import { progressReporter } from './progress';
import { Random } from './random';
import {
  dropIndexes,
  IndexDefinition,
  pendingRecovery,
  recoveryFile,
  recreateIndexes,
  secondaryIndexes,
} from './secondary-indexes';
import type { SeedContext } from './seed-context';
import { NameSpeller } from './speller';
import { CopyBatch } from './tables';

export type DropIndexesMode = 'auto' | 'always' | 'never';

export interface SeedOptions {
  databaseUrl: string;
  beneficiaries: number;
  seed: string;
  organisation?: string;
  /** Distribution records to add over the organisation's people (after the new ones, if any). */
  distributions: number;
  /** Days since 1970-01-01: the data is generated as of this day (events up to the day before). */
  asOfDay: number;
  batchSize: number;
  dropIndexes: DropIndexesMode;
}

export interface SeedDeps {
  nameKeys: NameKeysFn;
  families: readonly NameFamily[];
  log: (message: string) => void;
  progressStream?: NodeJS.WriteStream;
  stopRequested: () => boolean;
}

export interface SeedReport extends LoadResult {
  organisation: string;
  elapsedMs: number;
  loadMs: number;
  indexMs: number;
  droppedIndexes: number;
  createdServiceTypes: number;
  /** Distribution records and voids loaded, and the rounds they belong to. */
  distributions: DistributionLoadResult;
}

/** A refusal the command reports as it is (exit 1), without a stack trace. */
export class SeedRefused extends Error {}

/** Loads of at least this many people skip foreign-key checks and may rebuild the indexes. */
const LARGE_LOAD = 100_000;

/** Distribution records per COPY transaction. */
const DISTRIBUTION_BATCH = 50_000;

/**
 * Fills an organisation with synthetic people, households, cases and services. See
 * docs/synthetic-data.md for what it generates and how fast.
 */
export async function seedSynthetic(options: SeedOptions, deps: SeedDeps): Promise<SeedReport> {
  const started = Date.now();
  const client = new Client({
    connectionString: options.databaseUrl,
    application_name: 'sukom-seed-synthetic',
  });
  await client.connect();
  try {
    // Each batch commits on its own; losing the last ones in a server crash only loses synthetic rows.
    await client.query(`SET synchronous_commit = off`);

    const recovery = recoveryFile(options.databaseUrl);
    const pending = pendingRecovery(recovery);
    if (pending) {
      deps.log(`recreating ${pending.length} index(es) a previous interrupted run had dropped`);
      await recreateIndexes(options.databaseUrl, pending, recovery, deps.log);
    }

    const { context, organisationName, createdServiceTypes } = await loadSeedContext(client, {
      organisationName: options.organisation,
      asOfDay: options.asOfDay,
    });
    if (createdServiceTypes) {
      deps.log(`created ${createdServiceTypes} service types: the organisation had no service catalogue`);
    }

    const people =
      options.beneficiaries > 0
        ? await loadPeople(client, options, deps, context, organisationName, recovery)
        : { ...EMPTY_LOAD, loadMs: 0, indexMs: 0, droppedIndexes: 0 };
    const distributions = await loadDistributionRecords(client, options, deps, context, recovery);
    const result = {
      ...people,
      rows: people.rows + distributions.records + distributions.voids,
      rowsPerTable: {
        ...people.rowsPerTable,
        ...(options.distributions > 0
          ? { distribution_records: distributions.records, distribution_voids: distributions.voids }
          : {}),
      },
      interrupted: people.interrupted || distributions.interrupted,
    };
    const loadMs = people.loadMs + distributions.loadMs;
    const indexMs = people.indexMs + distributions.indexMs;
    return {
      beneficiaries: result.beneficiaries,
      rows: result.rows,
      rowsPerTable: result.rowsPerTable,
      interrupted: result.interrupted,
      organisation: organisationName,
      elapsedMs: Date.now() - started,
      loadMs,
      indexMs,
      droppedIndexes: people.droppedIndexes + distributions.droppedIndexes,
      createdServiceTypes,
      distributions: {
        records: distributions.records,
        voids: distributions.voids,
        rounds: distributions.rounds,
      },
    };
  } finally {
    await client.end();
  }
}

const EMPTY_LOAD: LoadResult = { beneficiaries: 0, rows: 0, rowsPerTable: {}, interrupted: false };

interface TimedLoad {
  loadMs: number;
  indexMs: number;
  droppedIndexes: number;
}

/** The people, households and their records (see docs/synthetic-data.md). */
async function loadPeople(
  client: Client,
  options: SeedOptions,
  deps: SeedDeps,
  context: SeedContext,
  organisationName: string,
  recovery: string,
): Promise<LoadResult & TimedLoad> {
  const ids = Random.derive(options.seed, 'ids');
  const firstId = Random.derive(options.seed, 'ids').uuid();
  const seen = await client.query(`SELECT 1 FROM households WHERE id = $1`, [firstId]);
  if (seen.rowCount) {
    throw new SeedRefused(
      `the seed "${options.seed}" has already been loaded into this database: use another --seed`,
    );
  }

  const documents = new DocumentRegistry();
  const existingDocuments = await registerExistingDocuments(client, context.organisationId, documents);
  const generator = new HouseholdGenerator({
    context,
    random: Random.derive(options.seed, 'data'),
    ids,
    speller: new NameSpeller(deps.families),
    nameKeys: deps.nameKeys,
    documents,
  });

  const tables = new CopyBatch(context.organisationId).tables;
  const existing = await client.query<{ n: string }>(`SELECT count(*) AS n FROM beneficiaries`);
  const existingPeople = Number(existing.rows[0].n);
  // A large load skips the row-by-row foreign-key checks (the main cost of COPY here) and, in
  // `auto` mode, rebuilds the secondary indexes once instead of updating them row by row when the
  // load at least doubles the table.
  const large = options.beneficiaries >= LARGE_LOAD;
  const drop =
    options.dropIndexes === 'always' ||
    (options.dropIndexes === 'auto' && large && options.beneficiaries >= existingPeople);
  let dropped: IndexDefinition[] = [];
  if (drop) {
    dropped = await secondaryIndexes(client, tables);
    deps.log(
      `dropping ${dropped.length} secondary indexes for the load (${existingPeople} beneficiaries already ` +
        `there); they are rebuilt at the end, and by the next run if this one is killed (${recovery})`,
    );
    await dropIndexes(client, dropped, recovery);
  }
  const skippedForeignKeyChecks = large && (await skipForeignKeyChecks(client));
  if (large) {
    deps.log(
      skippedForeignKeyChecks
        ? 'foreign keys are not checked row by row during the load (as pg_restore --disable-triggers does): the generator builds consistent references'
        : 'foreign keys are checked row by row: skipping the checks needs a superuser',
    );
  }

  deps.log(
    `seeding ${options.beneficiaries} beneficiaries into "${organisationName}" (seed ${options.seed}, ` +
      `${context.units.length} units, ${context.users.length} users, ${existingDocuments} existing documents)`,
  );
  const loadStarted = Date.now();
  let result: LoadResult;
  let indexMs = 0;
  const progress = progressReporter(options.beneficiaries, deps.progressStream);
  try {
    result = await loadSynthetic({
      client,
      generator,
      organisationId: context.organisationId,
      total: options.beneficiaries,
      batchSize: options.batchSize,
      progress,
      stopRequested: deps.stopRequested,
    });
  } finally {
    progress.stop();
    if (skippedForeignKeyChecks) await client.query(`RESET session_replication_role`).catch(() => undefined);
    if (dropped.length) {
      const indexStarted = Date.now();
      deps.log(`rebuilding ${dropped.length} indexes`);
      await recreateIndexes(options.databaseUrl, dropped, recovery, deps.log);
      indexMs = Date.now() - indexStarted;
    }
  }
  const loadMs = Date.now() - loadStarted;

  // Fresh statistics, so that the planner knows the new sizes at once.
  for (const table of tables) await client.query(`ANALYZE "${table}"`);
  return { ...result, loadMs, indexMs, droppedIndexes: dropped.length };
}

/**
 * Distribution records over the organisation's people, with the aid items and rounds they need.
 * Large loads drop and rebuild the records' secondary indexes and skip the row-by-row foreign-key
 * checks, as the people's load does.
 */
async function loadDistributionRecords(
  client: Client,
  options: SeedOptions,
  deps: SeedDeps,
  context: SeedContext,
  recovery: string,
): Promise<DistributionLoadResult & TimedLoad & { interrupted: boolean }> {
  const none = {
    records: 0,
    voids: 0,
    rounds: 0,
    interrupted: false,
    loadMs: 0,
    indexMs: 0,
    droppedIndexes: 0,
  };
  if (options.distributions <= 0) return none;
  const firstId = Random.derive(options.seed, 'distribution-ids').uuid();
  const seen = await client.query(`SELECT 1 FROM distribution_records WHERE id = $1`, [firstId]);
  if (seen.rowCount) {
    throw new SeedRefused(
      `the seed "${options.seed}" has already loaded distributions into this database: use another --seed`,
    );
  }
  const rounds = await ensureDistributionCatalogue(client, context);
  const existing = Number(
    (await client.query<{ n: string }>(`SELECT count(*) AS n FROM distribution_records`)).rows[0].n,
  );
  const large = options.distributions >= LARGE_LOAD;
  let dropped: IndexDefinition[] = [];
  if (
    options.dropIndexes === 'always' ||
    (options.dropIndexes === 'auto' && large && options.distributions >= existing)
  ) {
    dropped = await secondaryIndexes(client, DISTRIBUTION_TABLES);
    deps.log(`dropping ${dropped.length} secondary indexes of the distribution tables for the load`);
    await dropIndexes(client, dropped, recovery);
  }
  // The households are read on a connection of their own while this one writes.
  const reader = new Client({
    connectionString: options.databaseUrl,
    application_name: 'sukom-seed-synthetic',
  });
  await reader.connect();
  const skipped = large && (await skipForeignKeyChecks(client));
  deps.log(
    `seeding ${options.distributions} distribution records in ${rounds.length} rounds over the organisation's people`,
  );
  const started = Date.now();
  const progress = progressReporter(options.distributions, deps.progressStream, 5000, 'distribution records');
  let indexMs = 0;
  let result: DistributionLoadResult & { interrupted: boolean };
  try {
    result = await loadDistributions({
      reader,
      writer: client,
      context,
      rounds,
      total: options.distributions,
      seed: options.seed,
      batchSize: DISTRIBUTION_BATCH,
      progress: { update: (records) => progress.update(records, records) },
      stopRequested: deps.stopRequested,
    });
  } finally {
    progress.stop();
    await reader.end().catch(() => undefined);
    if (skipped) await client.query(`RESET session_replication_role`).catch(() => undefined);
    if (dropped.length) {
      const indexStarted = Date.now();
      deps.log(`rebuilding ${dropped.length} indexes`);
      await recreateIndexes(options.databaseUrl, dropped, recovery, deps.log);
      indexMs = Date.now() - indexStarted;
    }
    for (const table of DISTRIBUTION_TABLES) await client.query(`ANALYZE "${table}"`);
    deps.log(
      `distribution records loaded in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        (indexMs ? ` (of which rebuilding indexes ${(indexMs / 1000).toFixed(1)} s)` : ''),
    );
  }
  return { ...result, loadMs: Date.now() - started, indexMs, droppedIndexes: dropped.length };
}

/**
 * Foreign keys are checked by triggers, one lookup and one row lock per inserted row. In the
 * `replica` session role PostgreSQL skips them, the standard way bulk restores load consistent
 * data; only a superuser may set it, and otherwise the checks simply stay.
 */
async function skipForeignKeyChecks(client: Client): Promise<boolean> {
  try {
    await client.query(`SET session_replication_role = replica`);
    return true;
  } catch {
    return false;
  }
}

/** Registers the organisation's document numbers, streamed with COPY TO so memory stays flat. */
async function registerExistingDocuments(
  client: Client,
  organisationId: string,
  registry: DocumentRegistry,
): Promise<number> {
  if (!/^[0-9a-f-]{36}$/i.test(organisationId)) throw new Error('unexpected organisation id');
  const stream = client.query(
    copyTo(
      `COPY (SELECT type, number FROM identity_documents WHERE organisation_id = '${organisationId}') TO STDOUT`,
    ),
  );
  let count = 0;
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const tab = line.indexOf('\t');
      if (tab > 0) {
        registry.claim(line.slice(0, tab), line.slice(tab + 1));
        count++;
      }
    }
  }
  return count;
}
