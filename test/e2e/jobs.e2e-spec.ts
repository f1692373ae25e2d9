import { randomUUID } from 'node:crypto';
import { JOB_QUEUE, JOB_SCHEDULES, JobName, QueueName } from '../../src/jobs/job-names';
import { seedUsers } from '../utils/auth';
import { backendsUnderTest, createTestApp, TestApp, waitForJob } from '../utils/test-app';

describe.each(backendsUnderTest())('Background jobs on the %s backend', (backend) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ backend });
    await seedUsers(t);
  });
  afterAll(() => t.close());

  async function insertFamily(opts: { expiresIn: string; idleIn: string; used?: boolean }): Promise<string> {
    const familyId = randomUUID();
    await t.dataSource.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, idle_expires_at, used_at)
       SELECT id, $1, encode(sha256(gen_random_uuid()::text::bytea), 'hex'), now() + $2::interval, now() + $3::interval, $4
         FROM users WHERE username = 'caseworker'`,
      [familyId, opts.expiresIn, opts.idleIn, opts.used ? new Date() : null],
    );
    return familyId;
  }
  const familyRows = async (familyId: string) =>
    Number(
      (
        await t.dataSource.query(`SELECT count(*)::int AS n FROM refresh_tokens WHERE family_id = $1`, [
          familyId,
        ])
      )[0].n,
    );

  it('should run an enqueued maintenance job and purge only dead sessions', async () => {
    const expired = await insertFamily({ expiresIn: '-1 hour', idleIn: '-2 hours' });
    const idle = await insertFamily({ expiresIn: '5 hours', idleIn: '-2 days' });
    const live = await insertFamily({ expiresIn: '5 hours', idleIn: '20 minutes' });
    // A used token of a live family must stay: it is what reveals a replayed refresh token.
    await t.dataSource.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, idle_expires_at, used_at)
       SELECT id, $1, encode(sha256('used-token'::bytea), 'hex'), now() + interval '5 hours', now() - interval '3 days', now() - interval '3 days'
         FROM users WHERE username = 'caseworker'`,
      [live],
    );

    const id = await t.jobs.enqueue(JobName.PurgeExpiredRefreshTokens, {});
    const result = await waitForJob(t.jobs, QueueName.Maintenance, id!);

    expect(result).toMatchObject({ state: 'completed', returnvalue: { deleted: 2 } });
    expect(await familyRows(expired)).toBe(0);
    expect(await familyRows(idle)).toBe(0);
    expect(await familyRows(live)).toBe(2);
  });

  it('should do nothing more when the same job runs twice', async () => {
    const first = await waitForJob(
      t.jobs,
      QueueName.Maintenance,
      (await t.jobs.enqueue(JobName.PurgeExpiredRefreshTokens, {}))!,
    );
    const second = await waitForJob(
      t.jobs,
      QueueName.Maintenance,
      (await t.jobs.enqueue(JobName.PurgeExpiredRefreshTokens, {}))!,
    );
    expect(first.state).toBe('completed');
    expect(second).toMatchObject({ state: 'completed', returnvalue: { deleted: 0 } });
  });

  it('should register each maintenance schedule once', async () => {
    const schedulers = await t.jobs.queue(QueueName.Maintenance).getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([
      'purge-expired-refresh-tokens',
      'purge-login-failures',
    ]);
  });

  it('should report the database and this queue backend as up', async () => {
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body.info).toEqual({ database: { status: 'up' }, queue: { status: 'up', backend } });
  });

  it('should expose job counts and HTTP latency to Prometheus', async () => {
    await t.http().get('/health');
    const res = await t.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/queue_jobs\{queue="maintenance",state="completed"\} [1-9]/);
    expect(res.text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/health",status_code="200"\}/,
    );
  });
});

describe.each(backendsUnderTest())('Several worker replicas on the %s backend', (backend) => {
  it('should keep one schedule per job when two workers start on the same queues', async () => {
    const a = await createTestApp({ backend });
    const b = await createTestApp({ backend, database: a.database, queuePrefix: a.queuePrefix });
    try {
      const schedulers = await b.jobs.queue(QueueName.Maintenance).getJobSchedulers();
      expect(schedulers).toHaveLength(
        JOB_SCHEDULES.filter((s) => JOB_QUEUE[s.job] === QueueName.Maintenance).length,
      );
      const delayed = await b.jobs.queue(QueueName.Maintenance).getDelayed();
      expect(delayed.filter((j) => j.name === String(JobName.PurgeExpiredRefreshTokens))).toHaveLength(1);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
