import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { withDatabase } from '../setup/global-setup';
import { testState } from '../setup/test-state';
import { createTestApp, createTestDatabase, dropTestDatabase } from '../utils/test-app';

const ROOT = resolve(__dirname, '..', '..');
/** What the image runs; the global setup has just built it. */
const COMPILED = resolve(ROOT, 'dist', 'src', 'cli', 'create-admin.js');
/** What `npm run admin:create` runs. */
const SOURCE = resolve(ROOT, 'src', 'cli', 'create-admin.ts');

const PASSWORD = 'lantern orchard seventeen';
const SECOND_PASSWORD = 'quiet harbour of tin boats';
const WEAK_PASSWORD = 'short';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

const outputs: string[] = [];

/** Runs the command as an operator would: its own process, its own environment, stdin a pipe. */
function createAdmin(
  args: string[],
  opts: { env: Record<string, string>; stdin?: string; source?: boolean },
): Promise<Result> {
  const entry = opts.source ? ['-r', 'ts-node/register/transpile-only', SOURCE] : [COMPILED];
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(opts.stdin ?? '');
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => {
      outputs.push(stdout, stderr);
      done({ code, stdout, stderr });
    });
  });
}

describe('npm run admin:create (first administrator in server mode)', () => {
  let database: string;
  let db: Client;
  let url: string;

  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
    return rows[0].n;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    url = withDatabase(testState().serverUrl, database);
    db = new Client({ connectionString: url });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await dropTestDatabase(database);
  });

  it('should refuse to start without DATABASE_URL, naming it', async () => {
    const res = await createAdmin(['--username', 'root', '--display-name', 'Root'], {
      env: { SUKOM_ADMIN_PASSWORD: PASSWORD },
    });
    expect(res.code).toBe(78);
    expect(res.stderr).toContain('DATABASE_URL');
  });

  it('should ask for the migrations on a database without the schema', async () => {
    const empty = `sukom_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: testState().serverUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${empty}`);
    } finally {
      await admin.end();
    }
    try {
      const res = await createAdmin(
        ['--username', 'root', '--display-name', 'Root', '--organisation', 'Host'],
        {
          env: { DATABASE_URL: withDatabase(testState().serverUrl, empty), SUKOM_ADMIN_PASSWORD: PASSWORD },
        },
      );
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('run npm run migration:run first');
      expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      await dropTestDatabase(empty);
    }
  });

  it('should refuse a weak password and leave no organisation behind', async () => {
    const res = await createAdmin(
      ['--username', 'root', '--display-name', 'Root Admin', '--organisation', 'Refugee Support Host'],
      { env: { DATABASE_URL: url, SUKOM_ADMIN_PASSWORD: WEAK_PASSWORD } },
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('(WEAK_PASSWORD)');
    expect(res.stderr).toContain('password: minLength');
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(await count('organisations')).toBe(0);
    expect(await count('users')).toBe(0);
    expect(await count('audit_events')).toBe(0);
  });

  it('should require --organisation while there is no host organisation', async () => {
    const res = await createAdmin(['--username', 'root', '--display-name', 'Root Admin'], {
      env: { DATABASE_URL: url, SUKOM_ADMIN_PASSWORD: PASSWORD },
    });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('--organisation');
    expect(await count('organisations')).toBe(0);
  });

  it('should create the host organisation and an administrator who can log in', async () => {
    const res = await createAdmin(
      ['--username', 'Root', '--display-name', 'Root Admin', '--organisation', 'Refugee Support Host'],
      { env: { DATABASE_URL: url, SUKOM_ADMIN_PASSWORD: PASSWORD } },
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const { rows } = await db.query<{ id: string; organisation_id: string }>(
      `SELECT id, organisation_id FROM users WHERE username = 'root'`,
    );
    expect(rows).toHaveLength(1);
    expect(res.stdout).toContain(rows[0].id);
    expect(res.stdout).toContain(rows[0].organisation_id);
    expect(res.stdout).toContain('"Refugee Support Host"');

    const t = await createTestApp({ database, workers: false });
    try {
      const login = await t.http().post('/api/v1/auth/login').send({ username: 'root', password: PASSWORD });
      expect(login.status).toBe(200);
      const me = await t
        .http()
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${login.body.accessToken}`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        username: 'root',
        displayName: 'Root Admin',
        role: 'admin',
        organisation: { name: 'Refugee Support Host', kind: 'host' },
      });
    } finally {
      await t.close();
    }
  }, 60_000);

  it('should add a second administrator to the host, password piped through stdin (npm script)', async () => {
    const res = await createAdmin(['--username', 'second', '--display-name', 'Second Admin'], {
      env: { DATABASE_URL: url },
      stdin: `${SECOND_PASSWORD}\n`,
      source: true,
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(await count('organisations')).toBe(1);
    expect(
      await count(
        `users u JOIN organisations o ON o.id = u.organisation_id WHERE o.kind = 'host' AND u.role = 'admin'`,
      ),
    ).toBe(2);

    const t = await createTestApp({ database, workers: false });
    try {
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'second', password: SECOND_PASSWORD });
      expect(login.status).toBe(200);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('should refuse a taken username and another organisation name', async () => {
    const taken = await createAdmin(['--username', 'root', '--display-name', 'Root Again'], {
      env: { DATABASE_URL: url, SUKOM_ADMIN_PASSWORD: SECOND_PASSWORD },
    });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('(USERNAME_TAKEN)');

    const otherHost = await createAdmin(
      ['--username', 'third', '--display-name', 'Third', '--organisation', 'Another Host'],
      { env: { DATABASE_URL: url, SUKOM_ADMIN_PASSWORD: SECOND_PASSWORD } },
    );
    expect(otherHost.code).toBe(1);
    expect(otherHost.stderr).toContain('the host organisation is "Refugee Support Host"');
    expect(await count('users')).toBe(2);
    expect(await count('organisations')).toBe(1);
  });

  it('should never take the password from the command line', async () => {
    const res = await createAdmin(
      ['--username', 'third', '--display-name', 'Third', `--password=${PASSWORD}`],
      {
        env: { DATABASE_URL: url },
      },
    );
    expect(res.code).toBe(64);
    expect(res.stderr).toContain('SUKOM_ADMIN_PASSWORD');
  });

  it('should have audited both creations as the system, and printed no password', async () => {
    expect(
      await count(
        `audit_events WHERE action = 'user.created' AND actor_role = 'system' AND actor_user_id IS NULL`,
      ),
    ).toBe(2);
    expect(
      await count(
        `audit_events a JOIN organisations o ON o.id = a.entity_id
          WHERE a.action = 'organisation.created' AND a.entity_type = 'organisation' AND a.actor_role = 'system'`,
      ),
    ).toBe(1);
    const all = outputs.join('\n');
    for (const secret of [PASSWORD, SECOND_PASSWORD, WEAK_PASSWORD]) expect(all).not.toContain(secret);
  });
});
