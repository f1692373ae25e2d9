import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { LOOPBACK_HOSTS, Refused, runBenchmark, Stats, stats, UsageError, wholeNumber } from './bench-common';
import { AppModule } from '../src/app.module';
import { NAME_FAMILIES } from '../src/beneficiaries/names/name-families';
import { nameKeysOf } from '../src/beneficiaries/names/name-matching';
import { exitOnConfigError } from '../src/bootstrap/exit-on-config-error';
import { configureHttpApp } from '../src/bootstrap/http-app';
import { AppConfig } from '../src/config/app-config';
import { ConfigError, validateEnv } from '../src/config/env.validation';
import { DEMO_PASSWORD } from '../src/seed/demo-seed';
import { dayFromIso } from '../src/seed/synthetic/dates';
import { DocumentRegistry } from '../src/seed/synthetic/document-registry';
import { HouseholdGenerator } from '../src/seed/synthetic/household-generator';
import { Random } from '../src/seed/synthetic/random';
import { SeedContext } from '../src/seed/synthetic/seed-context';
import { NameSpeller } from '../src/seed/synthetic/speller';
import type {
  BeneficiaryRow,
  DocumentRow,
  HouseholdRow,
  MembershipRow,
  RowSink,
} from '../src/seed/synthetic/tables';

/**
 * `npm run bench:search`: boots the real API in this process against DATABASE_URL (a database filled
 * with `npm run seed:synthetic`), logs in as the demo supervisor and caseworker, and measures over
 * HTTP on loopback: the first page of name searches (realistic queries: other spellings, swapped
 * order, father's name, Arabic script), document-number lookups, and registrations. Prints
 * p50/p95/p99/max per operation, the machine, and whether each target of issue 4 is met. Not a
 * test: numbers depend on the machine and on what else runs on it (the load average is printed).
 *
 * Exit codes: 0 measured (targets met or not), 1 refused or failed, 64 wrong usage, 78 wrong
 * configuration.
 */

const USAGE = `usage: npm run bench:search -- [--min-beneficiaries N] [--queries N] [--lookups N] [--registrations N] [--seed S]

Needs DATABASE_URL on a loopback address, migrated and filled with the demo organisations and
npm run seed:synthetic. Refuses a database with fewer than --min-beneficiaries people
(default 1000000; lower it for a smoke run).`;

const TARGETS = { nameSearchP95: 50, documentLookupP95: 5, registrationP95: 30 };

interface Options {
  minBeneficiaries: number;
  queries: number;
  lookups: number;
  registrations: number;
  warmup: number;
  seed: string;
}

function parseOptions(argv: string[]): Options {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'min-beneficiaries': { type: 'string' },
        queries: { type: 'string' },
        lookups: { type: 'string' },
        registrations: { type: 'string' },
        warmup: { type: 'string' },
        seed: { type: 'string' },
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
    minBeneficiaries: int('min-beneficiaries', 1_000_000, 0, 1_000_000_000),
    queries: int('queries', 300, 200, 10_000),
    lookups: int('lookups', 300, 20, 10_000),
    registrations: int('registrations', 200, 20, 5_000),
    warmup: int('warmup', 50, 0, 1_000),
    seed: (values.seed as string | undefined) ?? 'bench',
  };
}

// --- statistics and output --------------------------------------------------------------------------

const ms = (x: number) => x.toFixed(1).padStart(7);

// --- HTTP ---------------------------------------------------------------------------------------------

interface Timed<T> {
  ms: number;
  status: number;
  body: T;
}

/** Keep-alive connections: a client at a desk reuses its connection, and fetch's extra work would be measured too. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One request, timed from sending to the last byte of the answer. */
function timed<T>(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<Timed<T>> {
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
            body: (text ? JSON.parse(text) : null) as T,
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

// --- query building -----------------------------------------------------------------------------------

interface SampledName {
  id: string;
  given_name: string;
  family_name: string | null;
  father_name: string | null;
  name_arabic: string | null;
}

const ARTICLE = /^(al|el)[- ]?(?=\p{Lu})|^(al|el)-/iu;

/**
 * A query someone at a desk might type for this person: another spelling of the names (as another
 * registrar transliterated them), swapped order, with the father's name, or in Arabic script.
 */
function queryFor(person: SampledName, speller: NameSpeller, random: Random): string {
  const given = speller.spell(person.given_name, random);
  const familyRoot = person.family_name?.replace(ARTICLE, '') ?? null;
  const family =
    familyRoot === null
      ? null
      : ARTICLE.test(person.family_name!)
        ? speller.spellFamilyName(`Al-${familyRoot}`, random)
        : speller.spell(familyRoot, random);
  const form = random.next();
  if (form < 0.12 && person.name_arabic) return person.name_arabic;
  if (!family) return person.father_name ? `${given} ${speller.spell(person.father_name, random)}` : given;
  if (form < 0.45) return `${given} ${family}`;
  if (form < 0.7) return `${family} ${given}`;
  if (form < 0.85 && person.father_name)
    return `${given} ${speller.spell(person.father_name, random)} ${family}`;
  return `${person.given_name} ${person.family_name}`;
}

// --- registrations ---------------------------------------------------------------------------------

class Collector implements RowSink {
  people: BeneficiaryRow[] = [];
  documents: DocumentRow[] = [];
  household = (_r: HouseholdRow) => undefined;
  beneficiary = (r: BeneficiaryRow) => void this.people.push(r);
  membership = (_r: MembershipRow) => undefined;
  document = (r: DocumentRow) => void this.documents.push(r);
  consent = () => undefined;
  caseFile = () => undefined;
  statusChange = () => undefined;
  assignment = () => undefined;
  note = () => undefined;
  followUp = () => undefined;
  delivery = () => undefined;
}

/** Registration bodies of synthetic people whose document numbers are not in the database yet. */
async function registrationBodies(db: Client, count: number, seed: string): Promise<object[]> {
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const staff = { id: id(1), username: 'x', role: 'caseworker', unitIds: [id(2)] };
  const context: SeedContext = {
    organisationId: id(0),
    units: [
      {
        id: id(2),
        name: 'Protection',
        staff: [staff],
        caseStaff: [staff],
        supervisors: [],
        serviceTypes: [],
      },
    ],
    users: [staff],
    supervisors: [],
    partnerOrganisationIds: [],
    asOfDay: dayFromIso(new Date().toISOString().slice(0, 10)),
  };
  const generator = new HouseholdGenerator({
    context,
    random: Random.derive(`${seed}-${randomBytes(4).toString('hex')}`, 'data'),
    ids: Random.derive(seed, 'bench-ids'),
    speller: new NameSpeller(NAME_FAMILIES),
    nameKeys: nameKeysOf,
    documents: new DocumentRegistry(),
  });
  const bodies: object[] = [];
  while (bodies.length < count) {
    const sink = new Collector();
    generator.generate(sink, 6);
    const numbers = sink.documents.map((d) => d.number);
    const taken = new Set(
      (
        await db.query<{ number: string }>(
          `SELECT number FROM identity_documents WHERE number = ANY($1::text[])`,
          [numbers],
        )
      ).rows.map((r) => r.number),
    );
    for (const p of sink.people) {
      const documents = sink.documents.filter((d) => d.beneficiaryId === p.id);
      if (documents.some((d) => taken.has(d.number)) || bodies.length >= count) continue;
      bodies.push({
        givenName: p.givenName,
        familyName: p.familyName,
        fatherName: p.fatherName,
        motherName: p.motherName,
        nameArabic: p.nameArabic,
        sex: p.sex,
        dateOfBirth: p.dateOfBirth,
        birthDatePrecision: p.birthDatePrecision,
        nationality: p.nationality,
        languages: p.languages,
        phones: p.phones,
        addressLine: p.addressLine,
        neighbourhood: p.neighbourhood,
        district: p.district,
        province: p.province,
        arrivalDate: p.arrivalDate,
        legalStatus: p.legalStatus,
        vulnerabilities: p.vulnerabilities,
        documents: documents.map((d) => ({
          type: d.type,
          number: d.number,
          issuingCountry: d.issuingCountry,
          issuedOn: d.issuedOn,
          expiresOn: d.expiresOn,
        })),
      });
    }
  }
  return bodies;
}

// --- main -----------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const databaseUrl = exitOnConfigError(() => {
    const vars = validateEnv(process.env);
    if (!vars.DATABASE_URL) throw new ConfigError(['DATABASE_URL is required to run the benchmark']);
    return vars.DATABASE_URL;
  });
  const dbHost = new URL(databaseUrl).hostname;
  if (!LOOPBACK_HOSTS.test(dbHost)) {
    throw new Refused('the benchmark only runs against a database on this machine (a loopback address)');
  }

  const db = new Client({ connectionString: databaseUrl, application_name: 'sukom-bench' });
  await db.connect();
  try {
    const people = Number(
      (await db.query<{ n: string }>(`SELECT count(*) AS n FROM beneficiaries`)).rows[0].n,
    );
    if (people < options.minBeneficiaries) {
      throw new Refused(
        `the database has ${people} beneficiaries, fewer than --min-beneficiaries ${options.minBeneficiaries}: ` +
          'fill it with npm run seed:synthetic first (or lower --min-beneficiaries for a smoke run)',
      );
    }
    const pgVersion = (await db.query<{ server_version: string }>(`SHOW server_version`)).rows[0]
      .server_version;
    const random = Random.derive(options.seed, 'queries');
    const speller = new NameSpeller(NAME_FAMILIES);

    // The material: real rows of the synthetic database, sampled by page (repeatable with the seed).
    const sampleSeed = random.int(1, 1_000_000);
    /** A TABLESAMPLE percentage that gives about `wanted` rows (several times over) of `total`. */
    const percent = (wanted: number, total: number) =>
      Math.min(100, Math.max(0.01, (400 * wanted) / Math.max(total, 1)));
    // Supervisors search the whole organisation; the caseworker's queries are about people of
    // their own units, whom they can see.
    const sample = async (where: string, share: number) =>
      (
        await db.query<SampledName>(
          `SELECT id, given_name, family_name, father_name, name_arabic
             FROM beneficiaries b TABLESAMPLE SYSTEM ($2) REPEATABLE ($3) WHERE ${where} LIMIT $1`,
          [
            (options.queries + options.warmup) * 3,
            percent(((options.queries + options.warmup) * 3) / share, people),
            sampleSeed,
          ],
        )
      ).rows;
    const queriesFrom = (sampled: SampledName[]) => {
      if (!sampled.length) throw new Refused('no beneficiaries to build queries from');
      return Array.from({ length: options.queries + options.warmup }, () => {
        const person = random.pick(sampled);
        return { q: queryFor(person, speller, random), id: person.id };
      });
    };
    const supervisorQueries = queriesFrom(await sample('true', 1));
    const caseworkerQueries = queriesFrom(
      await sample(
        `b.registered_unit_id IN (SELECT uu.unit_id FROM user_units uu JOIN users u ON u.id = uu.user_id
                     WHERE u.username = 'caseworker')`,
        0.1,
      ),
    );
    const numbers = (
      await db.query<{ number: string }>(
        `SELECT number FROM identity_documents TABLESAMPLE SYSTEM ($2) REPEATABLE ($3)
          WHERE type = 'tr_foreigner_id' LIMIT $1`,
        [options.lookups + options.warmup, percent(options.lookups + options.warmup, people), sampleSeed],
      )
    ).rows.map((r) => r.number);
    if (numbers.length <= options.warmup) throw new Refused('too few foreigner identity numbers to look up');
    const bodies = await registrationBodies(db, options.registrations + 10, options.seed);

    const before = loadavg()[0];
    const config = new AppConfig(
      validateEnv({
        DATABASE_URL: databaseUrl,
        QUEUE_BACKEND: 'postgres',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'production',
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
    try {
      const login = async (username: string) => {
        const res = await timed<{ accessToken: string }>(`${base}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: DEMO_PASSWORD }),
        });
        if (res.status !== 200)
          throw new Refused(`cannot log in as the demo ${username} (${res.status}): seed the demo data`);
        return { authorization: `Bearer ${res.body.accessToken}` };
      };
      const supervisor = await login('supervisor');
      const caseworker = await login('caseworker');

      interface Page {
        items: { id: string }[];
      }
      const search = async (
        headers: Record<string, string>,
        queries: { q: string; id: string }[],
        label: string,
      ) => {
        const samples: number[] = [];
        let found = 0;
        for (const [i, { q, id }] of queries.entries()) {
          const res = await timed<Page>(`${base}/beneficiaries?q=${encodeURIComponent(q)}`, { headers });
          if (res.status !== 200) throw new Error(`${label}: search answered ${res.status}`);
          if (i < options.warmup) continue;
          samples.push(res.ms);
          if (res.body.items.some((item) => item.id === id)) found++;
        }
        return { stats: stats(samples), recall: found / samples.length };
      };
      process.stderr.write('measuring name search (supervisor) ...\n');
      const supervisorSearch = await search(supervisor, supervisorQueries, 'supervisor');
      process.stderr.write('measuring name search (caseworker) ...\n');
      const caseworkerSearch = await search(caseworker, caseworkerQueries, 'caseworker');

      process.stderr.write('measuring document lookups ...\n');
      const lookupSamples: number[] = [];
      for (const [i, number] of numbers.entries()) {
        const res = await timed<Page>(`${base}/beneficiaries?q=${number}`, { headers: supervisor });
        if (res.status !== 200 || res.body.items.length === 0) {
          throw new Error(
            `document lookup answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`,
          );
        }
        if (i >= options.warmup) lookupSamples.push(res.ms);
      }

      // What every request costs before it does any work of its own: the caller's account is
      // re-read, permissions checked, the answer serialised. The lookups above pay it too.
      process.stderr.write('measuring the authenticated baseline ...\n');
      const baselineSamples: number[] = [];
      for (let i = 0; i < options.lookups + options.warmup; i++) {
        const res = await timed<unknown>(`${base}/auth/me`, { headers: supervisor });
        if (res.status !== 200) throw new Error(`GET /auth/me answered ${res.status}`);
        if (i >= options.warmup) baselineSamples.push(res.ms);
      }

      process.stderr.write('measuring registrations ...\n');
      const registrationSamples: number[] = [];
      for (const [i, body] of bodies.entries()) {
        const res = await timed<unknown>(`${base}/beneficiaries`, {
          method: 'POST',
          headers: { ...caseworker, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.status !== 201)
          throw new Error(`registration answered ${res.status}: ${JSON.stringify(res.body)}`);
        if (i >= 10) registrationSamples.push(res.ms);
      }

      const after = loadavg()[0];
      const rows: [string, Stats, number, number | null][] = [
        [
          'name search, first page (supervisor)',
          supervisorSearch.stats,
          TARGETS.nameSearchP95,
          supervisorSearch.recall,
        ],
        [
          'name search, first page (caseworker)',
          caseworkerSearch.stats,
          TARGETS.nameSearchP95,
          caseworkerSearch.recall,
        ],
        ['document-number lookup', stats(lookupSamples), TARGETS.documentLookupP95, null],
        ['registration (POST, with documents)', stats(registrationSamples), TARGETS.registrationP95, null],
      ];
      const cpu = cpus();
      const lines = [
        '',
        `SUKOM search benchmark on ${people} beneficiaries (HTTP on loopback, one request at a time, times in ms)`,
        `machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM; ` +
          `Node ${process.version}; PostgreSQL ${pgVersion}; load average ${before.toFixed(2)} before, ${after.toFixed(2)} after`,
        '',
        `${'operation'.padEnd(40)}${'n'.padStart(6)}${'p50'.padStart(7)}${'p95'.padStart(7)}${'p99'.padStart(7)}${'max'.padStart(7)}  target        result`,
        ...rows.map(([label, s, target, recall]) => {
          const met = s.p95 <= target ? 'met' : 'NOT met';
          const extra =
            recall === null ? '' : `  (person sought on the first page: ${(recall * 100).toFixed(0)}%)`;
          return `${label.padEnd(40)}${String(s.n).padStart(6)}${ms(s.p50)}${ms(s.p95)}${ms(s.p99)}${ms(s.max)}  p95 <= ${String(target).padEnd(4)}  ${met}${extra}`;
        }),
        (() => {
          const b = stats(baselineSamples);
          return `${'baseline: GET /auth/me (no target)'.padEnd(40)}${String(b.n).padStart(6)}${ms(b.p50)}${ms(b.p95)}${ms(b.p99)}${ms(b.max)}`;
        })(),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      agent.destroy();
      await app.close();
    }
  } finally {
    await db.end();
  }
}

runBenchmark(main, USAGE);
