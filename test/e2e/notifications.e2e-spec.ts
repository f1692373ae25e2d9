import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { JobName, QueueName } from '../../src/jobs/job-names';
import { MemoryInbox } from '../../src/notifications/mail/memory-inbox';
import { NotificationKind, NotificationSubject } from '../../src/notifications/notification-codes';
import { NewNotification } from '../../src/notifications/notifications.repository';
import { notificationEmailJobId, NotificationsService } from '../../src/notifications/notifications.service';
import { DEMO_HOST } from '../../src/seed/demo-seed';
import { answer, refer, referralTestContext, ReferralTestContext } from '../factories/referrals';
import {
  API,
  Api,
  asUser,
  expectError,
  expectStatus,
  MISSING,
  organisationIdByName,
  strongPassword,
  uniqueSuffix,
  UUID,
} from '../utils/admin';
import { login, seedUsers, tokenFor } from '../utils/auth';
import { backendsUnderTest, createTestApp, TestApp, waitForJob } from '../utils/test-app';

/** A staff member made for a test, logged in, with an e-mail address or none. */
interface Member {
  id: string;
  api: Api;
  email: string | null;
}

/** Creates a caseworker of the host's Protection unit through the API, with the given e-mail. */
async function member(t: TestApp, admin: Api, email?: string): Promise<Member> {
  const organisationId = await organisationIdByName(t, DEMO_HOST);
  const [unit] = await t.dataSource.query(
    `SELECT id FROM service_units WHERE organisation_id = $1 AND name = 'Protection'`,
    [organisationId],
  );
  const username = `reader.${uniqueSuffix()}`;
  const password = strongPassword();
  const res = await admin.post('/users', {
    organisationId,
    username,
    displayName: `Reader ${uniqueSuffix()}`,
    role: 'caseworker',
    unitIds: [unit.id],
    password,
    ...(email ? { email } : {}),
  });
  expectStatus(res, 201);
  const tokens = await login(t, username, password);
  return { id: res.body.id, api: asUser(t, tokens.accessToken), email: res.body.email };
}

/** Every page of a list, following nextCursor. */
async function everyPage(api: Api, path: string): Promise<Array<{ items: any[]; nextCursor?: string }>> {
  const pages: Array<{ items: any[]; nextCursor?: string }> = [];
  let cursor: string | undefined;
  do {
    const res = await api.get(cursor ? `${path}${path.includes('?') ? '&' : '?'}cursor=${cursor}` : path);
    expectStatus(res, 200);
    pages.push(res.body);
    cursor = res.body.nextCursor;
  } while (cursor && pages.length < 100);
  return pages;
}

/** A notification of a referral that need not exist: the notifications table names it, no more. */
function notificationFor(userId: string, data: Record<string, string | null> = {}): NewNotification {
  const referralId = randomUUID();
  return {
    userId,
    kind: NotificationKind.ReferralReceived,
    subjectType: NotificationSubject.Referral,
    subjectId: referralId,
    data: {
      receiverUnitName: 'Legal counselling',
      receiverOrganisationName: DEMO_HOST,
      senderOrganisationName: DEMO_HOST,
      urgency: 'urgent',
      dueAt: '2026-11-25T14:00:00.000Z',
      ...data,
    },
    dedupeKey: `referral_received:${referralId}:${userId}`,
  };
}

/** Raises the notifications in one transaction, as a feature does; returns the ids created. */
function raise(t: TestApp, items: NewNotification[]): Promise<string[]> {
  const service = t.app.get(NotificationsService);
  return t.dataSource.transaction((em) => service.create(em, items));
}

/**
 * The job once it has finished, read again: waitForJob reads the job before its state, so a job
 * that completes in between comes back completed but without its return value yet.
 */
async function finished(t: TestApp, jobId: string) {
  const { state } = await waitForJob(t.jobs, QueueName.Notifications, jobId);
  const job = (await t.jobs.queue(QueueName.Notifications).getJob(jobId))!;
  return { state, returnvalue: job.returnvalue as unknown, failedReason: job.failedReason };
}

async function emailState(
  t: TestApp,
  id: string,
): Promise<{ email_status: string; email_sent_at: Date | null }> {
  const rows = await t.dataSource.query(
    `SELECT email_status, email_sent_at FROM notifications WHERE id = $1`,
    [id],
  );
  return rows[0];
}

describe('Notifications: the list and read marks', () => {
  let t: TestApp;
  let admin: Api;
  let reader: Member;
  let other: Member;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    admin = asUser(t, await tokenFor(t, 'admin'));
    reader = await member(t, admin);
    other = await member(t, admin);
  }, 60_000);
  afterAll(() => t.close());

  it("lists the caller's own notifications, newest first, with their parameters", async () => {
    const [older] = await raise(t, [notificationFor(reader.id, { urgency: 'low' })]);
    const [newer] = await raise(t, [notificationFor(reader.id, { urgency: 'high' })]);
    const [theirs] = await raise(t, [notificationFor(other.id)]);

    const res = await reader.api.get('/notifications');
    expectStatus(res, 200);
    const ids = res.body.items.map((n: { id: string }) => n.id);
    expect(ids.slice(0, 2)).toEqual([newer, older]);
    expect(ids).not.toContain(theirs);
    expect(res.body.items[0]).toEqual({
      id: newer,
      kind: 'referral_received',
      subjectType: 'referral',
      subjectId: expect.stringMatching(UUID),
      data: {
        receiverUnitName: 'Legal counselling',
        receiverOrganisationName: DEMO_HOST,
        senderOrganisationName: DEMO_HOST,
        urgency: 'high',
        dueAt: '2026-11-25T14:00:00.000Z',
      },
      createdAt: expect.any(String),
      readAt: null,
    });
    const mine = await other.api.get('/notifications');
    expect(mine.body.items.map((n: { id: string }) => n.id)).toEqual([theirs]);
  });

  it('pages through every notification once, also those made in the same transaction', async () => {
    await raise(t, [notificationFor(reader.id), notificationFor(reader.id), notificationFor(reader.id)]);
    await raise(t, [notificationFor(reader.id), notificationFor(reader.id)]);
    const expected: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC`,
      [reader.id],
    );
    const pages = await everyPage(reader.api, '/notifications?limit=2');
    expect(pages.length).toBe(Math.ceil(expected.length / 2));
    expect(pages.flatMap((p) => p.items.map((n: { id: string }) => n.id))).toEqual(expected.map((r) => r.id));
  });

  it('marks one read, and reading it again keeps the first time', async () => {
    const [id] = await raise(t, [notificationFor(reader.id)]);
    const first = await reader.api.post(`/notifications/${id}/read`);
    expectStatus(first, 200);
    expect(first.body).toMatchObject({ id, readAt: expect.any(String) });
    const again = await reader.api.post(`/notifications/${id}/read`);
    expectStatus(again, 200);
    expect(again.body.readAt).toBe(first.body.readAt);
  });

  it('filters by unread and read', async () => {
    const [read, unread] = await raise(t, [notificationFor(reader.id), notificationFor(reader.id)]);
    expectStatus(await reader.api.post(`/notifications/${read}/read`), 200);
    const unreadIds = (await everyPage(reader.api, '/notifications?unread=true')).flatMap((p) =>
      p.items.map((n: { id: string; readAt: string | null }) => {
        expect(n.readAt).toBeNull();
        return n.id;
      }),
    );
    expect(unreadIds).toContain(unread);
    expect(unreadIds).not.toContain(read);
    const readIds = (await everyPage(reader.api, '/notifications?unread=false')).flatMap((p) =>
      p.items.map((n: { id: string }) => n.id),
    );
    expect(readIds).toContain(read);
    expect(readIds).not.toContain(unread);
  });

  it("answers 404 for someone else's notification and one that does not exist, and leaves it unread", async () => {
    const [theirs] = await raise(t, [notificationFor(other.id)]);
    expectError(await reader.api.post(`/notifications/${theirs}/read`), 404, 'NOT_FOUND');
    expectError(await reader.api.post(`/notifications/${MISSING}/read`), 404, 'NOT_FOUND');
    const [row] = await t.dataSource.query(`SELECT read_at FROM notifications WHERE id = $1`, [theirs]);
    expect(row.read_at).toBeNull();
  });

  it('marks all read and says how many it marked', async () => {
    const before = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [reader.id],
    );
    expect(before[0].n).toBeGreaterThan(0);
    const [theirs] = await raise(t, [notificationFor(other.id)]);
    const res = await reader.api.post('/notifications/read-all');
    expectStatus(res, 200);
    expect(res.body).toEqual({ count: before[0].n });
    expect((await reader.api.post('/notifications/read-all')).body).toEqual({ count: 0 });
    expect((await reader.api.get('/notifications?unread=true')).body.items).toEqual([]);
    // Nobody else's.
    const [row] = await t.dataSource.query(`SELECT read_at FROM notifications WHERE id = $1`, [theirs]);
    expect(row.read_at).toBeNull();
  });

  it('raises an event once: a second notification with the same key is not created', async () => {
    const item = notificationFor(reader.id);
    const first = await raise(t, [item, { ...item }]);
    const second = await raise(t, [item]);
    expect(first).toHaveLength(1);
    expect(second).toEqual([]);
    const rows = await t.dataSource.query(`SELECT id FROM notifications WHERE dedupe_key = $1`, [
      item.dedupeKey,
    ]);
    expect(rows).toEqual([{ id: first[0] }]);
  });

  it('refuses bad input with 400 naming the field and the rule', async () => {
    expectError(await reader.api.post('/notifications/not-a-uuid/read'), 400, 'VALIDATION_FAILED', {
      id: ['isUuid'],
    });
    expectError(await reader.api.get('/notifications?unread=maybe'), 400, 'VALIDATION_FAILED', {
      unread: ['isBoolean'],
    });
    expectError(await reader.api.get('/notifications?limit=0'), 400, 'VALIDATION_FAILED', {
      limit: ['min'],
    });
    expectError(await reader.api.get('/notifications?limit=101'), 400, 'VALIDATION_FAILED', {
      limit: ['max'],
    });
    const foreign = Buffer.from(JSON.stringify(['not-an-id'])).toString('base64url');
    expectError(await reader.api.get(`/notifications?cursor=${foreign}`), 400, 'VALIDATION_FAILED', {
      cursor: ['invalid'],
    });
    expectError(await reader.api.get('/notifications?userId=' + other.id), 400, 'VALIDATION_FAILED', {
      userId: ['whitelistValidation'],
    });
  });

  it('needs a login', async () => {
    expectError(await t.http().get(`${API}/notifications`), 401, 'UNAUTHENTICATED');
    expectError(await t.http().post(`${API}/notifications/read-all`), 401, 'UNAUTHENTICATED');
  });
});

describe('User e-mail addresses', () => {
  let t: TestApp;
  let admin: Api;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    admin = asUser(t, await tokenFor(t, 'admin'));
  }, 60_000);
  afterAll(() => t.close());

  it('stores the address lower-case, shows it, changes and removes it', async () => {
    const user = await member(t, admin, '  Amira.Testperson@Example.ORG ');
    expect(user.email).toBe('amira.testperson@example.org');
    const changed = await admin.patch(`/users/${user.id}`, { email: 'Other.Address@example.org' });
    expectStatus(changed, 200);
    expect(changed.body.email).toBe('other.address@example.org');
    const removed = await admin.patch(`/users/${user.id}`, { email: null });
    expectStatus(removed, 200);
    expect(removed.body.email).toBeNull();
    expect((await admin.get(`/users/${user.id}`)).body.email).toBeNull();
    // The audit names the field, never the address.
    const audit = await t.dataSource.query(
      `SELECT changes FROM audit_events WHERE entity_id = $1 AND action = 'user.updated' ORDER BY id`,
      [user.id],
    );
    expect(audit.map((a: { changes: object }) => a.changes)).toEqual([{ email: {} }, { email: {} }]);
  });

  it('refuses a malformed address with 400', async () => {
    const user = await member(t, admin);
    expectError(
      await admin.patch(`/users/${user.id}`, { email: 'not-an-address' }),
      400,
      'VALIDATION_FAILED',
      {
        email: ['isEmail'],
      },
    );
  });
});

describe.each(backendsUnderTest())('Notification e-mails on the %s backend', (backend) => {
  let t: TestApp;
  let admin: Api;
  let inbox: MemoryInbox;
  let withEmail: Member;
  let withoutEmail: Member;

  beforeAll(async () => {
    t = await createTestApp({
      backend,
      env: { MAIL_TRANSPORT: 'memory', APP_PUBLIC_URL: 'https://sukom.test' },
    });
    await seedUsers(t);
    admin = asUser(t, await tokenFor(t, 'admin'));
    inbox = t.app.get(MemoryInbox);
    withEmail = await member(t, admin, `reader.${uniqueSuffix()}@example.org`);
    withoutEmail = await member(t, admin);
  }, 60_000);
  afterAll(() => t.close());

  const queue = () => t.jobs.queue(QueueName.Notifications);

  async function waitForState(id: string, state: string): Promise<Job> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const job = await queue().getJob(id);
      if (job && (await job.getState()) === state) return job;
      if (Date.now() > deadline) throw new Error(`job ${id} never became ${state}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('relays lost e-mails every minute, from a schedule registered once', async () => {
    const schedulers = await queue().getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern])).toEqual([['relay-notification-emails', '* * * * *']]);
    // From here on the tests run the relay themselves.
    await queue().removeJobScheduler('relay-notification-emails');
  });

  it('sends one e-mail without personal data, with a Message-ID from the notification', async () => {
    const [id] = await raise(t, [notificationFor(withEmail.id)]);
    expect((await emailState(t, id)).email_status).toBe('pending');
    await t.app.get(NotificationsService).sendEmails([id]);
    const job = await finished(t, notificationEmailJobId(id));
    expect(job).toMatchObject({ state: 'completed', returnvalue: { delivery: 'sent' } });

    const [mail] = inbox.of(id);
    expect(inbox.of(id)).toHaveLength(1);
    expect(mail).toMatchObject({
      to: withEmail.email,
      userId: withEmail.id,
      subject: 'New referral for Legal counselling, urgency urgent, due 2026-11-25 14:00 UTC',
      messageId: `<notification.${id}@sukom.test>`,
    });
    expect(mail.raw).toContain(`Message-ID: <notification.${id}@sukom.test>`);
    expect(mail.text).toContain('https://sukom.test/referrals/');
    const [user] = await t.dataSource.query(`SELECT username, display_name FROM users WHERE id = $1`, [
      withEmail.id,
    ]);
    expect(mail.raw).not.toContain(user.display_name);
    expect(mail.raw).not.toContain(user.username);
    const state = await emailState(t, id);
    expect(state.email_status).toBe('sent');
    expect(state.email_sent_at).not.toBeNull();
  });

  it('sends exactly one e-mail when the job runs twice, one after the other or at once', async () => {
    const [id] = await raise(t, [notificationFor(withEmail.id)]);
    const service = t.app.get(NotificationsService);
    await service.sendEmails([id]);
    await service.sendEmails([id]);
    expect((await finished(t, notificationEmailJobId(id))).state).toBe('completed');
    // A second job for the same notification, as after a crash between sending and finishing.
    const again = await t.jobs.enqueue(JobName.SendNotificationEmail, { notificationId: id });
    expect(await finished(t, again!)).toMatchObject({
      state: 'completed',
      returnvalue: { delivery: 'not_pending' },
    });
    expect(inbox.of(id)).toHaveLength(1);

    const [id2] = await raise(t, [notificationFor(withEmail.id)]);
    const twins = await Promise.all([
      t.jobs.enqueue(JobName.SendNotificationEmail, { notificationId: id2 }),
      t.jobs.enqueue(JobName.SendNotificationEmail, { notificationId: id2 }),
    ]);
    const results = await Promise.all(twins.map((j) => finished(t, j!)));
    expect(results.map((r) => (r.returnvalue as { delivery: string }).delivery).sort()).toEqual([
      'not_pending',
      'sent',
    ]);
    expect(inbox.of(id2)).toHaveLength(1);
  });

  it('retries a transport failure and then sends once', async () => {
    const [id] = await raise(t, [notificationFor(withEmail.id)]);
    inbox.failNext(1);
    await t.app.get(NotificationsService).sendEmails([id]);
    const delayed = await waitForState(notificationEmailJobId(id), 'delayed');
    expect(delayed.failedReason).toBe('E-mail transport failed (ECONNECTION)');
    expect((await emailState(t, id)).email_status).toBe('pending');
    expect(inbox.of(id)).toEqual([]);
    // Skip the backoff wait.
    await delayed.promote();
    const done = await finished(t, notificationEmailJobId(id));
    expect(done).toMatchObject({ state: 'completed', returnvalue: { delivery: 'sent' } });
    expect((await queue().getJob(notificationEmailJobId(id)))!.attemptsMade).toBe(2);
    expect(inbox.of(id)).toHaveLength(1);
    expect((await emailState(t, id)).email_status).toBe('sent');
  });

  it('marks the e-mail failed when the last attempt fails', async () => {
    const [id] = await raise(t, [notificationFor(withEmail.id)]);
    inbox.failNext(1);
    const jobId = await t.jobs.enqueue(
      JobName.SendNotificationEmail,
      { notificationId: id },
      { attempts: 1 },
    );
    expect((await finished(t, jobId!)).state).toBe('failed');
    expect((await emailState(t, id)).email_status).toBe('failed');
    expect(inbox.of(id)).toEqual([]);
  });

  it('makes no e-mail for a user without an address, and none for an account deactivated since', async () => {
    const [none] = await raise(t, [notificationFor(withoutEmail.id)]);
    expect((await emailState(t, none)).email_status).toBe('not_applicable');
    await t.app.get(NotificationsService).sendEmails([none]);
    expect(await queue().getJob(notificationEmailJobId(none))).toBeFalsy();

    const leaving = await member(t, admin, `leaving.${uniqueSuffix()}@example.org`);
    const [id] = await raise(t, [notificationFor(leaving.id)]);
    expectStatus(await admin.patch(`/users/${leaving.id}`, { isActive: false }), 200);
    await t.app.get(NotificationsService).sendEmails([id]);
    expect(await finished(t, notificationEmailJobId(id))).toMatchObject({
      state: 'completed',
      returnvalue: { delivery: 'not_applicable' },
    });
    expect((await emailState(t, id)).email_status).toBe('not_applicable');
    expect(inbox.of(id)).toEqual([]);
  });

  it('relays an e-mail whose enqueue was lost, and leaves the recent ones to their own job', async () => {
    const [lost, recent] = await raise(t, [notificationFor(withEmail.id), notificationFor(withEmail.id)]);
    await t.dataSource.query(
      `UPDATE notifications SET created_at = now() - interval '2 minutes' WHERE id = $1`,
      [lost],
    );
    const relay = await t.jobs.enqueue(JobName.RelayNotificationEmails, {});
    expect(await finished(t, relay!)).toMatchObject({
      state: 'completed',
      returnvalue: { pending: 1 },
    });
    expect(await finished(t, notificationEmailJobId(lost))).toMatchObject({
      state: 'completed',
      returnvalue: { delivery: 'sent' },
    });
    expect(inbox.of(lost)).toHaveLength(1);
    expect(await queue().getJob(notificationEmailJobId(recent))).toBeFalsy();
    expect((await emailState(t, recent)).email_status).toBe('pending');
  });
});

describe('Referral notifications, through the referral API', () => {
  let t: TestApp;
  let ctx: ReferralTestContext;
  let inbox: MemoryInbox;

  beforeAll(async () => {
    t = await createTestApp({ env: { MAIL_TRANSPORT: 'memory' } });
    await seedUsers(t);
    ctx = await referralTestContext(t);
    inbox = t.app.get(MemoryInbox);
  }, 60_000);
  afterAll(() => t.close());

  const notificationsOf = (referralId: string, kind: string) =>
    t.dataSource.query<Array<{ id: string; user_id: string; data: Record<string, string | null> }>>(
      `SELECT id, user_id, data FROM notifications WHERE subject_id = $1 AND kind = $2 ORDER BY user_id`,
      [referralId, kind],
    );

  it('tells every active user of the receiving unit, not the sender, and e-mails those with an address', async () => {
    const legalUnitMembers: Array<{ id: string }> = await t.dataSource.query(
      `SELECT u.id FROM users u JOIN user_units uu ON uu.user_id = u.id WHERE uu.unit_id = $1 AND u.is_active`,
      [ctx.ids.legal],
    );
    expect(legalUnitMembers.map((u) => u.id)).toEqual(
      expect.arrayContaining([ctx.ids.supervisorId, ctx.legalCaseworker.id]),
    );
    expectStatus(
      await ctx.admin.patch(`/users/${ctx.legalCaseworker.id}`, { email: 'legal.caseworker@example.org' }),
      200,
    );
    const { beneficiaryId, caseId } = await ctx.personWithCase();
    const referral = await refer(ctx.caseworker, {
      beneficiaryId,
      caseId,
      toUnitId: ctx.ids.legal,
      serviceTypeId: ctx.legalService,
      urgency: 'urgent',
      reason: 'Needs advice on the residence permit renewal',
    });

    const received = await notificationsOf(referral.id, 'referral_received');
    expect(received.map((n) => n.user_id)).toEqual(legalUnitMembers.map((u) => u.id).sort());
    expect(received.map((n) => n.user_id)).not.toContain(ctx.ids.caseworkerId);
    expect(received[0].data).toEqual({
      receiverUnitName: 'Legal counselling',
      receiverOrganisationName: DEMO_HOST,
      senderOrganisationName: DEMO_HOST,
      urgency: 'urgent',
      dueAt: referral.responseDueAt,
    });
    const inApp = await ctx.legalCaseworker.api.get('/notifications');
    expect(inApp.body.items[0]).toMatchObject({ kind: 'referral_received', subjectId: referral.id });

    const mine = received.find((n) => n.user_id === ctx.legalCaseworker.id)!;
    await finished(t, notificationEmailJobId(mine.id));
    const [mail] = inbox.of(mine.id);
    expect(mail.to).toBe('legal.caseworker@example.org');
    expect(mail.subject).toMatch(/^New referral for Legal counselling, urgency urgent, due /);
    const [person] = await t.dataSource.query(`SELECT given_name FROM beneficiaries WHERE id = $1`, [
      beneficiaryId,
    ]);
    expect(mail.raw).not.toContain(person.given_name);
    expect(mail.raw).not.toContain('residence permit');
    // The demo supervisor has no address: in-app only.
    const supervisors = received.filter((n) => n.user_id === ctx.ids.supervisorId);
    expect((await emailState(t, supervisors[0].id)).email_status).toBe('not_applicable');
  });

  it('tells the sender each answer, with the status and outcome, and nobody of their own moves', async () => {
    const { beneficiaryId, caseId } = await ctx.personWithCase();
    const referral = await refer(ctx.caseworker, {
      beneficiaryId,
      caseId,
      toUnitId: ctx.ids.legal,
      serviceTypeId: ctx.legalService,
    });
    await answer(ctx.legalCaseworker.api, referral.id, 'accepted');
    await answer(ctx.legalCaseworker.api, referral.id, 'in_progress');
    await answer(ctx.legalCaseworker.api, referral.id, 'completed', { outcome: 'service_delivered' });

    const answered = await notificationsOf(referral.id, 'referral_answered');
    expect(answered.map((n) => n.user_id)).toEqual([ctx.ids.caseworkerId, ctx.ids.caseworkerId]);
    expect(answered.map((n) => [n.data.status, n.data.outcome]).sort()).toEqual([
      ['accepted', null],
      ['completed', 'service_delivered'],
    ]);
    const senderSees = await everyPage(ctx.caseworker, '/notifications?unread=true');
    const kinds = senderSees
      .flatMap((p) => p.items)
      .filter((n: { subjectId: string }) => n.subjectId === referral.id)
      .map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(['referral_answered', 'referral_answered']);

    // A withdrawal is the sender's own move: nobody is told.
    const other = await refer(ctx.caseworker, {
      beneficiaryId,
      caseId,
      toUnitId: ctx.ids.legal,
      serviceTypeId: ctx.legalService,
    });
    await answer(ctx.caseworker, other.id, 'withdrawn', { reason: 'Solved meanwhile' });
    expect(await notificationsOf(other.id, 'referral_answered')).toEqual([]);
  });
});
