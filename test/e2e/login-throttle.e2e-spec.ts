import { createHash } from 'node:crypto';
import passport from 'passport';
import type { Response } from 'supertest';
import { LoginThrottleService } from '../../src/auth/login-throttle/login-throttle.service';
import { LocalStrategy } from '../../src/auth/strategies/local.strategy';
import { JobName, QueueName } from '../../src/jobs/job-names';
import { DEMO_PASSWORD, seedUsers } from '../utils/auth';
import { createTestApp, TestApp, waitForJob } from '../utils/test-app';

const LOGIN = '/api/v1/auth/login';
const WRONG = 'not-the-password';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One login from `ip` (the apps trust one proxy hop, so X-Forwarded-For is the client address).
 * Passport keeps its strategies in one registry per process, where the app created last would
 * serve the logins of every app in this file: make the addressed app's own strategy current.
 */
function attempt(t: TestApp, username: string, password: string, ip: string): Promise<Response> {
  passport.use('local', t.app.get(LocalStrategy));
  return t.http().post(LOGIN).set('X-Forwarded-For', ip).send({ username, password });
}

async function statuses(
  t: TestApp,
  n: number,
  username: string,
  password: string,
  ip: string,
): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < n; i++) result.push((await attempt(t, username, password, ip)).status);
  return result;
}

const sixTimes = (status: number) => Array<number>(6).fill(status);
const withoutRequestId = (body: Record<string, unknown>) => ({ ...body, requestId: '' });

function expectThrottled(res: Response, windowSeconds = 900): number {
  expect(res.status).toBe(429);
  expect(res.body.code).toBe('TOO_MANY_REQUESTS');
  const header = String(res.headers['retry-after']);
  expect(header).toMatch(/^\d+$/);
  const retryAfter = Number(header);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(res.body.details).toEqual({ retryAfterSeconds: retryAfter });
  return retryAfter;
}

describe('Login throttling', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY_HOPS: '1' } });
    await seedUsers(t);
    // Listening for real, so that concurrent requests share one server instead of each binding one.
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  it('should refuse the 7th login after 6 wrong passwords with 429 and Retry-After, even with the right password', async () => {
    // Any spelling of the username counts against the same account.
    const wrong: number[] = [];
    for (const username of [
      'caseworker',
      'CASEWORKER',
      'CaseWorker',
      'caseworker',
      'caseWORKER',
      'caseworker',
    ]) {
      const res = await attempt(t, username, WRONG, '198.51.100.1');
      wrong.push(res.status);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    }
    expect(wrong).toEqual(sixTimes(401));

    expectThrottled(await attempt(t, 'caseworker', DEMO_PASSWORD, '198.51.100.1'));
    // The username's limit holds from any address.
    expectThrottled(await attempt(t, 'caseworker', DEMO_PASSWORD, '198.51.100.99'));
  });

  it('should answer an unknown username with the same 401s and then the same 429', async () => {
    const wrongPassword = await attempt(t, 'admin', WRONG, '198.51.100.2');
    expect(wrongPassword.status).toBe(401);
    for (let i = 0; i < 6; i++) {
      const res = await attempt(t, 'nobody-here', WRONG, '198.51.100.3');
      expect(res.status).toBe(401);
      expect(withoutRequestId(res.body)).toEqual(withoutRequestId(wrongPassword.body));
    }
    const unknown = await attempt(t, 'nobody-here', WRONG, '198.51.100.3');
    const known = await attempt(t, 'caseworker', WRONG, '198.51.100.2');
    expectThrottled(unknown);
    expectThrottled(known);
    // Apart from the seconds to wait, nothing tells the two apart.
    expect({ ...withoutRequestId(unknown.body), details: {} }).toEqual({
      ...withoutRequestId(known.body),
      details: {},
    });
  });

  it('should reset the username counter on a successful login', async () => {
    expect(await statuses(t, 5, 'supervisor', WRONG, '198.51.100.4')).toEqual(Array(5).fill(401));
    expect((await attempt(t, 'supervisor', DEMO_PASSWORD, '198.51.100.4')).status).toBe(200);
    // Six more wrong passwords are answered 401: the five before the success no longer count.
    expect(await statuses(t, 6, 'supervisor', WRONG, '198.51.100.4')).toEqual(sixTimes(401));
    expectThrottled(await attempt(t, 'supervisor', DEMO_PASSWORD, '198.51.100.4'));
  });

  it('should let exactly 6 of 20 concurrent wrong passwords through to the password check', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => attempt(t, 'dpo', WRONG, '198.51.100.5')),
    );
    const count = (status: number) => responses.filter((r) => r.status === status).length;
    expect({ 401: count(401), 429: count(429) }).toEqual({ 401: 6, 429: 14 });
    for (const res of responses.filter((r) => r.status === 429)) expectThrottled(res);
  });

  it('should share the counters between two API instances on the same database', async () => {
    const other = await createTestApp({
      workers: false,
      database: t.database,
      env: { TRUST_PROXY_HOPS: '1' },
    });
    try {
      // Two apps, each with its own throttle and its own connection pool: only the database is shared.
      expect(other.app.get(LoginThrottleService)).not.toBe(t.app.get(LoginThrottleService));
      expect(other.dataSource).not.toBe(t.dataSource);
      expect(await statuses(t, 3, 'partner', WRONG, '198.51.100.6')).toEqual([401, 401, 401]);
      expect(await statuses(other, 3, 'partner', WRONG, '198.51.100.7')).toEqual([401, 401, 401]);
      expectThrottled(await attempt(other, 'partner', DEMO_PASSWORD, '198.51.100.7'));
      expectThrottled(await attempt(t, 'partner', DEMO_PASSWORD, '198.51.100.6'));
    } finally {
      await other.close();
    }
  });

  describe('per client address', () => {
    let small: TestApp;

    beforeAll(async () => {
      small = await createTestApp({
        workers: false,
        database: t.database,
        env: { TRUST_PROXY_HOPS: '1', LOGIN_MAX_FAILURES_PER_IP: '3' },
      });
    });
    afterAll(() => small.close());

    it('should refuse any username from an address that reached its limit, and no other address', async () => {
      const ip = '203.0.113.10';
      expect((await attempt(small, 'ghost-1', WRONG, ip)).status).toBe(401);
      expect((await attempt(small, 'ghost-2', WRONG, ip)).status).toBe(401);
      expect((await attempt(small, 'ghost-3', WRONG, ip)).status).toBe(401);
      expectThrottled(await attempt(small, 'admin', DEMO_PASSWORD, ip));
      expectThrottled(await attempt(small, 'ghost-4', WRONG, ip));

      expect((await attempt(small, 'admin', DEMO_PASSWORD, '203.0.113.11')).status).toBe(200);
      expect((await attempt(small, 'ghost-5', WRONG, '203.0.113.11')).status).toBe(401);
    });

    it('should not forget an address’s failures when someone logs in from it', async () => {
      const ip = '203.0.113.20';
      expect((await attempt(small, 'ghost-6', WRONG, ip)).status).toBe(401);
      expect((await attempt(small, 'ghost-7', WRONG, ip)).status).toBe(401);
      expect((await attempt(small, 'admin', DEMO_PASSWORD, ip)).status).toBe(200);
      expect((await attempt(small, 'ghost-8', WRONG, ip)).status).toBe(401);
      expectThrottled(await attempt(small, 'admin', DEMO_PASSWORD, ip));
    });

    it('should count an IPv6 client per /64', async () => {
      expect((await attempt(small, 'ghost-9', WRONG, '2001:db8:1:2::1')).status).toBe(401);
      expect((await attempt(small, 'ghost-10', WRONG, '2001:db8:1:2::2')).status).toBe(401);
      expect((await attempt(small, 'ghost-11', WRONG, '2001:db8:1:2:aaaa::3')).status).toBe(401);
      expectThrottled(await attempt(small, 'ghost-12', WRONG, '2001:db8:1:2::4'));
      expect((await attempt(small, 'ghost-12', WRONG, '2001:db8:1:3::4')).status).toBe(401);
    });
  });

  it('should let the user in again once the window has passed', async () => {
    const short = await createTestApp({
      workers: false,
      database: t.database,
      env: { TRUST_PROXY_HOPS: '1', LOGIN_FAILURE_WINDOW_SECONDS: '2' },
    });
    try {
      expect(await statuses(short, 6, 'distribution', WRONG, '198.51.100.8')).toEqual(sixTimes(401));
      const retryAfter = expectThrottled(
        await attempt(short, 'distribution', DEMO_PASSWORD, '198.51.100.8'),
        2,
      );
      // Retry-After is when the oldest failure leaves the window: then one more attempt is allowed.
      await sleep(retryAfter * 1000 + 100);
      expect((await attempt(short, 'distribution', DEMO_PASSWORD, '198.51.100.8')).status).toBe(200);
    } finally {
      await short.close();
    }
  });

  it('should purge the failures older than the window, and only those', async () => {
    await t.dataSource.query(
      `INSERT INTO login_failures (key_hash, failed_at)
       VALUES (encode(sha256('old-1'), 'hex'), now() - interval '16 minutes'),
              (encode(sha256('old-2'), 'hex'), now() - interval '2 days')`,
    );
    const before = await rowCount();

    const id = await t.jobs.enqueue(JobName.PurgeLoginFailures, {});
    const result = await waitForJob(t.jobs, QueueName.Maintenance, id!);

    expect(result).toMatchObject({ state: 'completed', returnvalue: { deleted: 2 } });
    expect(await rowCount()).toBe(before - 2);
    // The counts are intact: caseworker is still refused.
    expectThrottled(await attempt(t, 'caseworker', DEMO_PASSWORD, '198.51.100.1'));
  });

  it('should store only hashes of the usernames and addresses', async () => {
    const columns: Array<{ column_name: string }> = await t.dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'login_failures' ORDER BY 1`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['failed_at', 'id', 'key_hash']);

    const rows: Array<{ key_hash: string }> = await t.dataSource.query(
      `SELECT DISTINCT key_hash FROM login_failures`,
    );
    const hashes = rows.map((r) => r.key_hash);
    expect(hashes.length).toBeGreaterThan(0);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const clear = ['caseworker', 'nobody-here', 'dpo', '198.51.100.1', '203.0.113.10', '2001:db8:1:2::1'];
    expect(hashes.filter((h) => clear.some((c) => h.includes(c)))).toEqual([]);
    // The keys are the hashes of the lower-cased username and of the address, nothing else.
    expect(hashes).toEqual(
      expect.arrayContaining([
        sha256('username:caseworker'),
        sha256('ip:198.51.100.1'),
        sha256('username:dpo'),
      ]),
    );
  });

  async function rowCount(): Promise<number> {
    return Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM login_failures`))[0].n);
  }
});
