import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { LOOPBACK_HOSTS, Refused, runBenchmark, stats, UsageError, wholeNumber } from './bench-common';
import { AppModule } from '../src/app.module';
import { exitOnConfigError } from '../src/bootstrap/exit-on-config-error';
import { configureHttpApp } from '../src/bootstrap/http-app';
import { AppConfig } from '../src/config/app-config';
import { ConfigError, validateEnv } from '../src/config/env.validation';
import { DuplicateAidScanService } from '../src/distributions/duplicate-aid/duplicate-aid-scan.service';
import { DEMO_PASSWORD } from '../src/seed/demo-seed';

/**
 * `npm run bench:distributions`: boots the real API in this process against DATABASE_URL (a
 * database filled with `npm run seed:synthetic -- --beneficiaries N --distributions M`), logs in as
 * the demo distribution officer and measures, over HTTP on loopback:
 * - recording one distribution (`POST /distributions` with an Idempotency-Key, including the rule
 *   check over the household's history), one request at a time: p50/p95/p99/max;
 * - the throughput of 10 parallel clients recording for different households;
 * and, in this process, the duplicate-aid scan: a full run, then an incremental run over 10,000
 * new records (inserted by the script, a share of them breaking a rule).
 * Prints each figure with its target from issue 6 and whether it is met. Not a test: the figures
 * depend on the machine and on what else runs on it (the load average is printed).
 *
 * It adds to the database: one round ("Bench ..."), the distributions it records and the 10,000
 * scan records (imported, copies of existing receipts a few days later), and the scan's flags.
 *
 * Exit codes: 0 measured (targets met or not), 1 refused or failed, 64 wrong usage, 78 wrong
 * configuration.
 */

const USAGE = `usage: npm run bench:distributions -- [--min-records N] [--requests N] [--parallel-requests N] [--scan-records N]

Needs DATABASE_URL on a loopback address, migrated, with the demo users and filled by
npm run seed:synthetic -- --beneficiaries 1000000 --distributions 10000000. Refuses a database with
fewer than --min-records distribution records (default 10000000; lower it for a smoke run).`;

const TARGETS = { recordP95: 10, throughput: 300, incrementalScanS: 5, fullScanS: 60 };
const CLIENTS = 10;
const WARMUP = 20;

interface Options {
  minRecords: number;
  requests: number;
  parallelRequests: number;
  scanRecords: number;
}

function parseOptions(argv: string[]): Options {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'min-records': { type: 'string' },
        requests: { type: 'string' },
        'parallel-requests': { type: 'string' },
        'scan-records': { type: 'string' },
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
  const int = (name: string, fallback: number, min: number, max: number) =>
    wholeNumber(values, name, fallback, min, max);
  return {
    minRecords: int('min-records', 10_000_000, 0, 1_000_000_000),
    requests: int('requests', 500, 50, 20_000),
    parallelRequests: int('parallel-requests', 3000, 100, 100_000),
    scanRecords: int('scan-records', 10_000, 100, 1_000_000),
  };
}

// --- statistics ----------------------------------------------------------------------------------------

const fixed = (x: number) => x.toFixed(1).padStart(8);

// --- HTTP ------------------------------------------------------------------------------------------------

interface Timed {
  ms: number;
  status: number;
  body: { code?: string; accessToken?: string } | null;
}

/** One request, timed from sending to the last byte of the answer, on a keep-alive connection. */
function timed(
  agent: Agent,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<Timed> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const elapsed = performance.now() - started;
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolvePromise({
            ms: elapsed,
            status: res.statusCode ?? 0,
            body: (text ? JSON.parse(text) : null) as Timed['body'],
          });
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

// --- the material -------------------------------------------------------------------------------------

interface BenchRound {
  roundId: string;
  aidItemId: string;
}

/**
 * A round of today with the synthetic food parcel under a household rule (30 days apart), so
 * that every request checks a household's real history of that item, from the synthetic rounds.
 */
async function benchRound(db: Client, organisationId: string, today: string): Promise<BenchRound> {
  const item = await db.query<{ id: string }>(
    `SELECT id FROM aid_items WHERE organisation_id = $1 AND name = 'Food parcel'`,
    [organisationId],
  );
  if (!item.rows[0]) throw new Refused('no synthetic "Food parcel" item: seed with --distributions first');
  const creator = await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'supervisor'`);
  const round = await db.query<{ id: string }>(
    `INSERT INTO distribution_rounds (organisation_id, name, starts_on, ends_on, locations, created_by_user_id)
     VALUES ($1, $2, $3::date - 60, $3::date, '{Bench point}', $4) RETURNING id`,
    [organisationId, `Bench ${today} ${randomBytes(3).toString('hex')}`, today, creator.rows[0].id],
  );
  await db.query(
    `INSERT INTO distribution_round_items (round_id, organisation_id, aid_item_id, counted_per, quantity_per_receipt,
                                           min_days_between)
     VALUES ($1, $2, $3, 'household', 1, 30)`,
    [round.rows[0].id, organisationId, item.rows[0].id],
  );
  return { roundId: round.rows[0].id, aidItemId: item.rows[0].id };
}

/**
 * People of distinct households (heads, or people in no household) whose household has had no
 * food parcel in the last 30 days, so that most requests record (the rule check runs either way).
 */
async function entitledPeople(db: Client, organisationId: string, aidItemId: string, count: number) {
  const total = Number(
    (
      await db.query<{ n: string }>(`SELECT count(*) AS n FROM beneficiaries WHERE organisation_id = $1`, [
        organisationId,
      ])
    ).rows[0].n,
  );
  // About one person in five heads a household and most households are entitled: sample 8 times over.
  const percent = Math.min(100, Math.max(0.01, (100 * 8 * count) / Math.max(total, 1)));
  const rows = await db.query<{ id: string }>(
    `SELECT b.id FROM beneficiaries b TABLESAMPLE SYSTEM ($4) REPEATABLE (7)
       LEFT JOIN household_memberships m ON m.beneficiary_id = b.id AND m.ended_on IS NULL
      WHERE b.organisation_id = $1 AND (m.id IS NULL OR m.relationship = 'head')
        AND NOT EXISTS (
          SELECT 1 FROM household_memberships hm
            JOIN distribution_records r ON r.beneficiary_id = hm.beneficiary_id AND r.aid_item_id = $2
                 AND r.distributed_on > current_date - 30
           WHERE hm.household_id = m.household_id OR (m.id IS NULL AND hm.beneficiary_id = b.id))
      LIMIT $3`,
    [organisationId, aidItemId, count, percent],
  );
  if (rows.rows.length < count) {
    throw new Refused(
      `only ${rows.rows.length} entitled households found, ${count} needed: seed more people`,
    );
  }
  return rows.rows.map((r) => r.id);
}

/**
 * New records for the incremental scan: copies of existing receipts, imported, a few days later
 * (many break a minimum-days rule with the original), as a partner's list would bring them.
 */
async function insertScanRecords(db: Client, count: number, records: number): Promise<void> {
  const percent = Math.min(100, (100 * 3 * count) / Math.max(records, 1));
  await db.query(
    `INSERT INTO distribution_records (organisation_id, round_id, round_item_id, aid_item_id, beneficiary_id,
                                       household_id, quantity, unit_value, currency, distributed_on, location,
                                       source, recorded_by_user_id)
     SELECT organisation_id, round_id, round_item_id, aid_item_id, beneficiary_id, household_id, quantity,
            unit_value, currency, least(distributed_on + 3, current_date), NULL, 'imported', recorded_by_user_id
       FROM distribution_records TABLESAMPLE SYSTEM ($2) REPEATABLE (11)
      WHERE source = 'live'
      LIMIT $1`,
    [count, percent],
  );
}

// --- main -----------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const databaseUrl = exitOnConfigError(() => {
    const vars = validateEnv(process.env);
    if (!vars.DATABASE_URL) throw new ConfigError(['DATABASE_URL is required to run the benchmark']);
    return vars.DATABASE_URL;
  });
  if (!LOOPBACK_HOSTS.test(new URL(databaseUrl).hostname)) {
    throw new Refused('the benchmark only runs against a database on this machine (a loopback address)');
  }

  const db = new Client({ connectionString: databaseUrl, application_name: 'sukom-bench' });
  await db.connect();
  try {
    const count = async (table: string) =>
      Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    const records = await count('distribution_records');
    const people = await count('beneficiaries');
    if (records < options.minRecords) {
      throw new Refused(
        `the database has ${records} distribution records, fewer than --min-records ${options.minRecords}: ` +
          'fill it with npm run seed:synthetic -- --distributions N first (or lower --min-records for a smoke run)',
      );
    }
    const pgVersion = (await db.query<{ server_version: string }>(`SHOW server_version`)).rows[0]
      .server_version;
    const host = await db.query<{ id: string }>(`SELECT id FROM organisations WHERE kind = 'host'`);
    if (!host.rows[0]) throw new Refused('no host organisation: seed the demo data');
    const today = new Date().toISOString().slice(0, 10);
    const round = await benchRound(db, host.rows[0].id, today);
    const needed = WARMUP + options.requests + options.parallelRequests;
    process.stderr.write(`finding ${needed} entitled households ...\n`);
    const subjects = await entitledPeople(db, host.rows[0].id, round.aidItemId, needed);

    const before = loadavg()[0];
    const config = new AppConfig(
      validateEnv({
        DATABASE_URL: databaseUrl,
        QUEUE_BACKEND: 'postgres',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'production',
        DATABASE_POOL_SIZE: String(CLIENTS + 2),
      }),
      { databaseUrl, jwtSecret: randomBytes(32).toString('hex') },
    );
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
      bodyParser: false,
      logger: false,
      abortOnError: false,
    });
    configureHttpApp(app, config);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/v1`;
    const agents = Array.from({ length: CLIENTS }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    try {
      const login = await timed(agents[0], `${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'distribution', password: DEMO_PASSWORD }),
      });
      if (login.status !== 200 || !login.body?.accessToken) {
        throw new Refused(
          `cannot log in as the demo distribution officer (${login.status}): seed the demo data`,
        );
      }
      const authorization = `Bearer ${login.body.accessToken}`;
      const statuses = new Map<string, number>();
      const record = async (agent: Agent, beneficiaryId: string) => {
        const res = await timed(agent, `${base}/distributions`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({ ...round, beneficiaryId, distributedOn: today }),
        });
        const key = res.status === 201 ? '201' : `${res.status} ${res.body?.code ?? ''}`.trim();
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (res.status !== 201 && res.status !== 409 && res.status !== 422) {
          throw new Error(`POST /distributions answered ${res.status}: ${JSON.stringify(res.body)}`);
        }
        return res;
      };

      process.stderr.write('measuring single recordings ...\n');
      const latency: number[] = [];
      for (const [i, id] of subjects.slice(0, WARMUP + options.requests).entries()) {
        const res = await record(agents[0], id);
        if (i >= WARMUP) latency.push(res.ms);
      }

      process.stderr.write(`measuring ${CLIENTS} parallel clients ...\n`);
      const queue = subjects.slice(WARMUP + options.requests);
      let recorded = 0;
      const started = performance.now();
      await Promise.all(
        agents.map(async (agent) => {
          for (let id = queue.shift(); id; id = queue.shift()) {
            if ((await record(agent, id)).status === 201) recorded++;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const throughput = recorded / seconds;

      const scan = app.get(DuplicateAidScanService);
      process.stderr.write('measuring a full duplicate-aid scan ...\n');
      const full = await scan.run('full');
      process.stderr.write(`inserting ${options.scanRecords} new records and scanning them ...\n`);
      await insertScanRecords(db, options.scanRecords, records);
      const incremental = await scan.run('incremental');

      const after = loadavg()[0];
      const s = stats(latency);
      const cpu = cpus();
      const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
      const lines = [
        '',
        `SUKOM distribution benchmark on ${people} beneficiaries and ${records} distribution records (HTTP on loopback, times in ms)`,
        `machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM; ` +
          `Node ${process.version}; PostgreSQL ${pgVersion}; load average ${before.toFixed(2)} before, ${after.toFixed(2)} after`,
        `answers: ${[...statuses.entries()].map(([k, v]) => `${k}: ${v}`).join(', ')}`,
        '',
        `${'operation'.padEnd(46)}${'n'.padStart(6)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}  target`,
        `${'record one distribution (POST, rule check)'.padEnd(46)}${String(s.n).padStart(6)}${fixed(s.p50)}${fixed(s.p95)}${fixed(s.p99)}${fixed(s.max)}  p95 <= ${TARGETS.recordP95} ms: ${met(s.p95 <= TARGETS.recordP95)}`,
        `${`${CLIENTS} parallel clients`.padEnd(46)}${recorded} recorded in ${seconds.toFixed(1)} s = ${throughput.toFixed(0)}/s  target >= ${TARGETS.throughput}/s: ${met(throughput >= TARGETS.throughput)}`,
        `${'full duplicate-aid scan'.padEnd(46)}${full.recordsChecked} records, ${full.flagsRaised} flags in ${(full.durationMs / 1000).toFixed(1)} s  target <= ${TARGETS.fullScanS} s: ${met(full.durationMs / 1000 <= TARGETS.fullScanS)}`,
        `${'incremental scan of the new records'.padEnd(46)}${incremental.recordsChecked} records, ${incremental.flagsRaised} flags in ${(incremental.durationMs / 1000).toFixed(1)} s  target <= ${TARGETS.incrementalScanS} s: ${met(incremental.durationMs / 1000 <= TARGETS.incrementalScanS)}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      agents.forEach((a) => a.destroy());
      await app.close();
    }
  } finally {
    await db.end();
  }
}

runBenchmark(main, USAGE);
