import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { documentNumberProblem } from '../../src/beneficiaries/documents/document-number';
import { DocumentType } from '../../src/beneficiaries/documents/document-type';
import { NAME_FAMILIES } from '../../src/beneficiaries/names/name-families';
import { nameKeysOf } from '../../src/beneficiaries/names/name-matching';
import { buildDataSourceOptions } from '../../src/database/typeorm.options';
import { seedDemoData } from '../../src/seed/demo-seed';
import { NameSpeller } from '../../src/seed/synthetic/speller';
import { withDatabase } from '../setup/global-setup';
import { testState } from '../setup/test-state';
import { seedUsers, tokenFor } from '../utils/auth';
import { asUser } from '../utils/admin';
import { createTestApp, createTestDatabase, dropTestDatabase, TestApp } from '../utils/test-app';

const ROOT = resolve(__dirname, '..', '..');
/** What `npm run seed:synthetic` runs. */
const SOURCE = resolve(ROOT, 'src', 'cli', 'seed-synthetic.ts');
const AS_OF = '2026-03-01';
const PEOPLE = 300;
const CLI_TIMEOUT = 180_000;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command as an operator would: its own process and environment. */
function seedSynthetic(args: string[], env: Record<string, string>): Promise<Result> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', SOURCE, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

const SEED_ARGS = ['--beneficiaries', String(PEOPLE), '--seed', '42', '--as-of', AS_OF];

/**
 * One fingerprint per table of what the seed generated, with units and users by name (their ids
 * differ between two databases seeded with the same demo set-up).
 */
const FINGERPRINTS: Record<string, string> = {
  beneficiaries: `SELECT md5(string_agg(concat_ws('|', b.id, b.given_name, b.family_name, b.father_name,
      b.mother_name, b.name_arabic, b.name_keys::text, b.sex, b.date_of_birth, b.birth_date_precision,
      b.nationality, b.languages::text, b.phones::text, b.district, b.neighbourhood, b.legal_status,
      b.vulnerabilities::text, b.arrival_date, b.created_at, u.name, r.username), ',' ORDER BY b.id))
    FROM beneficiaries b JOIN service_units u ON u.id = b.registered_unit_id JOIN users r ON r.id = b.registered_by_user_id`,
  memberships: `SELECT md5(string_agg(concat_ws('|', id, household_id, beneficiary_id, relationship, started_on, ended_on),
      ',' ORDER BY id)) FROM household_memberships`,
  documents: `SELECT md5(string_agg(concat_ws('|', id, beneficiary_id, type, number, issued_on, expires_on), ',' ORDER BY id))
    FROM identity_documents`,
  cases: `SELECT md5(string_agg(concat_ws('|', c.id, c.beneficiary_id, c.household_id, c.type, c.status,
      c.closure_reason, c.risk_level, c.opened_at, u.name, a.username), ',' ORDER BY c.id))
    FROM case_files c JOIN service_units u ON u.id = c.unit_id LEFT JOIN users a ON a.id = c.assigned_user_id`,
  history: `SELECT md5(string_agg(concat_ws('|', case_id, from_status, to_status, closure_reason, changed_at),
      ',' ORDER BY case_id, changed_at, to_status)) FROM case_status_changes`,
  deliveries: `SELECT md5(string_agg(concat_ws('|', d.id, d.beneficiary_id, d.case_id, t.name, d.delivered_on), ',' ORDER BY d.id))
    FROM service_deliveries d JOIN service_types t ON t.id = d.service_type_id`,
};

async function fingerprints(db: Client): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const [name, sql] of Object.entries(FINGERPRINTS)) {
    result[name] = (await db.query<{ md5: string }>(sql)).rows[0].md5;
  }
  return result;
}

describe('npm run seed:synthetic (synthetic people, households, cases and services)', () => {
  let t: TestApp;
  let url: string;
  let db: Client;
  let first: Result;

  const count = async (sql: string): Promise<number> =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0].n;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    url = withDatabase(testState().serverUrl, t.database);
    db = new Client({ connectionString: url });
    await db.connect();
    first = await seedSynthetic(SEED_ARGS, { DATABASE_URL: url });
  }, CLI_TIMEOUT);

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('should load the people asked for into the host organisation and report its speed', () => {
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`done: ${PEOPLE} beneficiaries`);
    expect(first.stdout).toContain('"Demo Refugee Association" (seed 42)');
    expect(first.stdout).toMatch(/elapsed [0-9.]+ s: .*[0-9]+ rows\/s/);
  });

  it('should create households, documents, consents, cases with their history, and services', async () => {
    expect(
      await count(`beneficiaries b JOIN organisations o ON o.id = b.organisation_id WHERE o.kind = 'host'`),
    ).toBe(PEOPLE);
    expect(await count('household_memberships')).toBe(PEOPLE);
    expect(await count('households')).toBeGreaterThan(PEOPLE / 8);
    expect(await count('households')).toBeLessThan(PEOPLE / 2);
    expect(await count('identity_documents')).toBeGreaterThan(PEOPLE * 0.7);
    expect(await count('consents')).toBeGreaterThan(0);
    expect(await count('case_files')).toBeGreaterThan(0);
    expect(await count('case_status_changes')).toBeGreaterThanOrEqual(await count('case_files'));
    expect(await count('case_notes WHERE is_sensitive')).toBeGreaterThan(0);
    expect(await count('case_follow_ups')).toBeGreaterThan(0);
    expect(await count('service_deliveries')).toBeGreaterThan(0);
  });

  it('should spread the records over the organisation’s units and users', async () => {
    expect(await count('(SELECT DISTINCT registered_unit_id FROM beneficiaries) x')).toBeGreaterThan(3);
    expect(await count('(SELECT DISTINCT registered_by_user_id FROM beneficiaries) x')).toBeGreaterThan(1);
  });

  it('should issue document numbers that pass their check digits', async () => {
    const { rows } = await db.query<{ type: DocumentType; number: string }>(
      `SELECT type, number FROM identity_documents`,
    );
    expect(rows.some((r) => r.type === DocumentType.TrForeignerId)).toBe(true);
    expect(rows.filter((r) => documentNumberProblem(r.type, r.number) !== null)).toEqual([]);
  });

  it('should give every household exactly one current head', async () => {
    const { rows } = await db.query<{ heads: number }>(
      `SELECT count(*) FILTER (WHERE m.relationship = 'head' AND m.ended_on IS NULL)::int AS heads
         FROM households h JOIN household_memberships m ON m.household_id = h.id GROUP BY h.id`,
    );
    expect(rows.length).toBe(await count('households'));
    expect(rows.every((r) => r.heads === 1)).toBe(true);
  });

  it('should store the name keys of nameKeysOf', async () => {
    const { rows } = await db.query(
      `SELECT given_name AS "givenName", family_name AS "familyName", father_name AS "fatherName",
              mother_name AS "motherName", name_arabic AS "nameArabic", name_keys AS "nameKeys"
         FROM beneficiaries ORDER BY id LIMIT 60`,
    );
    for (const { nameKeys, ...parts } of rows) expect(nameKeys).toEqual(nameKeysOf(parts));
  });

  it('should let a search through the API find a seeded person by another spelling of the name', async () => {
    const speller = new NameSpeller(NAME_FAMILIES);
    const { rows } = await db.query<{ id: string; given_name: string; family_name: string }>(
      `SELECT id, given_name, family_name FROM beneficiaries
        WHERE family_name IS NOT NULL AND family_name !~ '\\s' ORDER BY id`,
    );
    // Someone whose given name has a spelling family: search for another spelling of it.
    const person = rows.find((r) => (speller.familyOf(r.given_name)?.variants.length ?? 0) > 2)!;
    expect(person).toBeDefined();
    const family = speller.familyOf(person.given_name)!;
    const variant = family.variants.find(
      (v) => v.toLowerCase() !== person.given_name.toLowerCase() && v.length > 2 && /^[a-z]+$/.test(v),
    )!;
    const api = asUser(t, await tokenFor(t, 'supervisor'));
    for (const q of [`${variant} ${person.family_name}`, `${person.family_name} ${variant}`]) {
      const res = await api.get(`/beneficiaries?q=${encodeURIComponent(q)}&limit=100`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).toContain(person.id);
    }
  });

  it(
    'should generate the same data from the same seed',
    async () => {
      const other = await createTestDatabase();
      const otherUrl = withDatabase(testState().serverUrl, other);
      const dataSource = new DataSource({
        ...buildDataSourceOptions({ url: otherUrl, poolSize: 1 }),
        logging: false,
      });
      const otherDb = new Client({ connectionString: otherUrl });
      try {
        await dataSource.initialize();
        await seedDemoData(dataSource);
        await dataSource.destroy();
        const again = await seedSynthetic(SEED_ARGS, { DATABASE_URL: otherUrl });
        expect(again.code).toBe(0);
        await otherDb.connect();
        expect(await fingerprints(otherDb)).toEqual(await fingerprints(db));
      } finally {
        await otherDb.end().catch(() => undefined);
        if (dataSource.isInitialized) await dataSource.destroy();
        await dropTestDatabase(other);
      }
    },
    CLI_TIMEOUT,
  );

  it(
    'should refuse to load the same seed twice into one database',
    async () => {
      const res = await seedSynthetic(SEED_ARGS, { DATABASE_URL: url });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('already been loaded');
      expect(await count('beneficiaries')).toBe(PEOPLE);
    },
    CLI_TIMEOUT,
  );

  it(
    'should rebuild every index it drops around a load',
    async () => {
      const indexes = async () =>
        (
          await db.query<{ indexdef: string }>(
            `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`,
          )
        ).rows.map((r) => r.indexdef);
      const before = await indexes();
      const res = await seedSynthetic(
        ['--beneficiaries', '50', '--seed', 'indexes', '--as-of', AS_OF, '--drop-indexes', 'always'],
        { DATABASE_URL: url },
      );
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/dropping [0-9]+ secondary indexes/);
      expect(res.stdout).toContain('recreated index ix_beneficiaries_name_keys');
      expect(await indexes()).toEqual(before);
      expect(await count('beneficiaries')).toBe(PEOPLE + 50);
    },
    CLI_TIMEOUT,
  );

  it(
    'should refuse an organisation without units or users, saying so',
    async () => {
      const name = `Empty NGO ${randomBytes(3).toString('hex')}`;
      await db.query(`INSERT INTO organisations (name, kind) VALUES ($1, 'partner_ngo')`, [name]);
      const res = await seedSynthetic(['--beneficiaries', '10', '--organisation', name], {
        DATABASE_URL: url,
      });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('has no active service units and no active users');
      expect(res.stderr).not.toMatch(/\n\s+at /);
    },
    CLI_TIMEOUT,
  );

  it(
    'should refuse an unknown organisation',
    async () => {
      const res = await seedSynthetic(['--beneficiaries', '10', '--organisation', 'Nobody'], {
        DATABASE_URL: url,
      });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('there is no organisation named "Nobody"');
    },
    CLI_TIMEOUT,
  );

  it(
    'should refuse to start without DATABASE_URL, naming it',
    async () => {
      const res = await seedSynthetic(['--beneficiaries', '10'], {});
      expect(res.code).toBe(78);
      expect(res.stderr).toContain('DATABASE_URL');
    },
    CLI_TIMEOUT,
  );

  it(
    'should refuse wrong usage with the usage text',
    async () => {
      for (const args of [
        [],
        ['--beneficiaries', 'many'],
        ['--beneficiaries', '10', '--as-of', '2026-02-30'],
      ]) {
        const res = await seedSynthetic(args, { DATABASE_URL: url });
        expect(res.code).toBe(64);
        expect(res.stderr).toContain('usage: npm run seed:synthetic');
      }
    },
    CLI_TIMEOUT,
  );

  it(
    'should ask for the migrations on a database without the schema',
    async () => {
      const empty = `sukom_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      const admin = new Client({ connectionString: testState().serverUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${empty}`);
      } finally {
        await admin.end();
      }
      try {
        const res = await seedSynthetic(['--beneficiaries', '10'], {
          DATABASE_URL: withDatabase(testState().serverUrl, empty),
        });
        expect(res.code).toBe(1);
        expect(res.stderr).toContain('run npm run migration:run first');
        expect(res.stderr).not.toMatch(/\n\s+at /);
      } finally {
        await dropTestDatabase(empty);
      }
    },
    CLI_TIMEOUT,
  );
});
