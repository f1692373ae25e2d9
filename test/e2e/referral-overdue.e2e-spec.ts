import { JobName, QueueName } from '../../src/jobs/job-names';
import { MemoryInbox } from '../../src/notifications/mail/memory-inbox';
import { notificationEmailJobId } from '../../src/notifications/notifications.service';
import { OverdueScan, ReferralOverdueService } from '../../src/referrals/referral-overdue.service';
import { DEMO_HOST } from '../../src/seed/demo-seed';
import {
  answer,
  refer,
  referralTestContext,
  ReferralTestContext,
  serviceTypeOf,
} from '../factories/referrals';
import { createUser, expectStatus } from '../utils/admin';
import { seedUsers } from '../utils/auth';
import { backendsUnderTest, createTestApp, TestApp, waitForJob } from '../utils/test-app';

interface OverdueNotification {
  id: string;
  user_id: string;
  data: Record<string, string | null>;
  dedupe_key: string;
}

describe.each(backendsUnderTest())('The overdue referral scan on the %s backend', (backend) => {
  let t: TestApp;
  let ctx: ReferralTestContext;
  let inbox: MemoryInbox;

  beforeAll(async () => {
    t = await createTestApp({ backend, env: { MAIL_TRANSPORT: 'memory' } });
    await seedUsers(t);
    ctx = await referralTestContext(t);
    inbox = t.app.get(MemoryInbox);
  }, 60_000);
  afterAll(() => t.close());

  /** Runs the scan as a job, as the schedule does, and returns what it did. */
  async function scan(): Promise<OverdueScan> {
    const id = (await t.jobs.enqueue(JobName.MarkOverdueReferrals, {}))!;
    const { state, failedReason } = await waitForJob(t.jobs, QueueName.Referrals, id);
    expect({ state, failedReason }).toEqual({ state: 'completed', failedReason: undefined });
    // Read again: waitForJob may have read the job just before it finished.
    return (await t.jobs.queue(QueueName.Referrals).getJob(id))!.returnvalue as OverdueScan;
  }

  /** A referral from the demo caseworker's Protection case to a unit of the host. */
  async function referTo(unitId: string, serviceTypeId: string): Promise<{ id: string }> {
    const { beneficiaryId, caseId } = await ctx.personWithCase();
    return refer(ctx.caseworker, { beneficiaryId, caseId, toUnitId: unitId, serviceTypeId });
  }
  const referToLegal = () => referTo(ctx.ids.legal, ctx.legalService);

  /** Moves a due date an hour into the past; returns it as stored. */
  async function pastDue(
    referralId: string,
    column: 'response_due_at' | 'completion_due_at',
  ): Promise<string> {
    await t.dataSource.query(`UPDATE referrals SET ${column} = now() - interval '1 hour' WHERE id = $1`, [
      referralId,
    ]);
    const [row] = await t.dataSource.query(`SELECT ${column} AS due FROM referrals WHERE id = $1`, [
      referralId,
    ]);
    return (row.due as Date).toISOString();
  }

  const overdueNotifications = (referralId: string): Promise<OverdueNotification[]> =>
    t.dataSource.query(
      `SELECT id, user_id, data, dedupe_key FROM notifications
        WHERE subject_id = $1 AND kind = 'referral_overdue' ORDER BY data->>'phase', user_id`,
      [referralId],
    );

  const stamps = async (referralId: string) =>
    (
      await t.dataSource.query(
        `SELECT response_overdue_at IS NOT NULL AS response, completion_overdue_at IS NOT NULL AS completion
           FROM referrals WHERE id = $1`,
        [referralId],
      )
    )[0] as { response: boolean; completion: boolean };

  it('runs every five minutes from one schedule', async () => {
    const schedulers = await t.jobs.queue(QueueName.Referrals).getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern])).toEqual([['mark-overdue-referrals', '*/5 * * * *']]);
    // From here on the tests run the scan themselves.
    await t.jobs.queue(QueueName.Referrals).removeJobScheduler('mark-overdue-referrals');
  });

  it("marks an unanswered referral once and tells the unit's supervisors and the sender, even when run twice", async () => {
    expectStatus(
      await ctx.admin.patch(`/users/${ctx.ids.supervisorId}`, { email: 'supervisor@example.org' }),
      200,
    );
    const late = await referToLegal();
    const notYet = await referToLegal();
    const dueAt = await pastDue(late.id, 'response_due_at');

    expect(await scan()).toEqual({ response: 1, completion: 0, notifications: 2 });
    expect(await scan()).toEqual({ response: 0, completion: 0, notifications: 0 });

    const notified = await overdueNotifications(late.id);
    // The Legal counselling unit's supervisor and the sender; not its caseworkers.
    expect(notified.map((n) => n.user_id)).toEqual([ctx.ids.supervisorId, ctx.ids.caseworkerId].sort());
    expect(notified.map((n) => n.user_id)).not.toContain(ctx.legalCaseworker.id);
    for (const n of notified) {
      expect(n.data).toEqual({
        phase: 'response',
        receiverUnitName: 'Legal counselling',
        receiverOrganisationName: DEMO_HOST,
        senderOrganisationName: DEMO_HOST,
        urgency: 'normal',
        dueAt,
      });
      expect(n.dedupe_key).toBe(`referral_overdue:${late.id}:response:${n.user_id}`);
    }
    expect(await stamps(late.id)).toEqual({ response: true, completion: false });
    expect(await stamps(notYet.id)).toEqual({ response: false, completion: false });
    expect(await overdueNotifications(notYet.id)).toEqual([]);

    const inApp = await ctx.supervisor.get('/notifications?unread=true');
    expect(inApp.body.items).toContainEqual(
      expect.objectContaining({ kind: 'referral_overdue', subjectId: late.id }),
    );
    const forSupervisor = notified.find((n) => n.user_id === ctx.ids.supervisorId)!;
    await waitForJob(t.jobs, QueueName.Notifications, notificationEmailJobId(forSupervisor.id));
    expect(inbox.of(forSupervisor.id).map((m) => [m.to, m.subject])).toEqual([
      [
        'supervisor@example.org',
        `Overdue referral to Legal counselling: not answered by ${dueAt.slice(0, 16).replace('T', ' ')} UTC`,
      ],
    ]);
  });

  it('tells every active user of a unit that has no supervisor', async () => {
    const humanitarianService = await serviceTypeOf(t, DEMO_HOST, 'Humanitarian aid');
    const active = await createUser(ctx.admin, {
      organisationId: ctx.ids.hostId,
      role: 'caseworker',
      unitIds: [ctx.ids.humanitarian],
    });
    const gone = await createUser(ctx.admin, {
      organisationId: ctx.ids.hostId,
      role: 'caseworker',
      unitIds: [ctx.ids.humanitarian],
    });
    expectStatus(await ctx.admin.patch(`/users/${gone.id}`, { isActive: false }), 200);
    const members: Array<{ id: string }> = await t.dataSource.query(
      `SELECT u.id FROM users u JOIN user_units uu ON uu.user_id = u.id
        WHERE uu.unit_id = $1 AND u.is_active AND u.role <> 'supervisor'`,
      [ctx.ids.humanitarian],
    );
    expect(members.map((m) => m.id)).toContain(active.id);
    const referral = await referTo(ctx.ids.humanitarian, humanitarianService);
    await pastDue(referral.id, 'response_due_at');

    expect(await scan()).toMatchObject({ response: 1, completion: 0 });
    const notified = (await overdueNotifications(referral.id)).map((n) => n.user_id);
    expect(notified).toEqual([...members.map((m) => m.id), ctx.ids.caseworkerId].sort());
    expect(notified).not.toContain(gone.id);
  });

  it('marks the completion phase on its own once the referral is accepted', async () => {
    const referral = await referToLegal();
    await pastDue(referral.id, 'response_due_at');
    expect(await scan()).toMatchObject({ response: 1, completion: 0 });
    await answer(ctx.legalCaseworker.api, referral.id, 'accepted');
    await answer(ctx.legalCaseworker.api, referral.id, 'in_progress');
    // Accepted late, then not completed in time either.
    const dueAt = await pastDue(referral.id, 'completion_due_at');

    expect(await scan()).toEqual({ response: 0, completion: 1, notifications: 2 });
    expect(await scan()).toEqual({ response: 0, completion: 0, notifications: 0 });
    const notified = await overdueNotifications(referral.id);
    expect(notified.map((n) => [n.data.phase, n.user_id])).toEqual([
      ['completion', [ctx.ids.caseworkerId, ctx.ids.supervisorId].sort()[0]],
      ['completion', [ctx.ids.caseworkerId, ctx.ids.supervisorId].sort()[1]],
      ['response', [ctx.ids.caseworkerId, ctx.ids.supervisorId].sort()[0]],
      ['response', [ctx.ids.caseworkerId, ctx.ids.supervisorId].sort()[1]],
    ]);
    expect(notified[0].data.dueAt).toBe(dueAt);
    expect(await stamps(referral.id)).toEqual({ response: true, completion: true });
  });

  it('leaves referrals that are not due yet or already final alone', async () => {
    const rejected = await referToLegal();
    await answer(ctx.legalCaseworker.api, rejected.id, 'rejected', { reason: 'Outside our mandate' });
    await pastDue(rejected.id, 'response_due_at');
    const withdrawn = await referToLegal();
    await answer(ctx.caseworker, withdrawn.id, 'withdrawn', { reason: 'Solved meanwhile' });
    await pastDue(withdrawn.id, 'response_due_at');
    const completed = await referToLegal();
    await answer(ctx.legalCaseworker.api, completed.id, 'accepted');
    await answer(ctx.legalCaseworker.api, completed.id, 'in_progress');
    await answer(ctx.legalCaseworker.api, completed.id, 'completed', { outcome: 'service_delivered' });
    await pastDue(completed.id, 'completion_due_at');
    const acceptedInTime = await referToLegal();
    await answer(ctx.legalCaseworker.api, acceptedInTime.id, 'accepted');

    expect(await scan()).toEqual({ response: 0, completion: 0, notifications: 0 });
    for (const r of [rejected, withdrawn, completed, acceptedInTime]) {
      expect(await stamps(r.id)).toEqual({ response: false, completion: false });
      expect(await overdueNotifications(r.id)).toEqual([]);
    }
  });

  it('notifies once per referral, phase and person when two scans run at the same time', async () => {
    const referrals = [await referToLegal(), await referToLegal(), await referToLegal()];
    for (const r of referrals) await pastDue(r.id, 'response_due_at');
    const service = t.app.get(ReferralOverdueService);
    const scans = await Promise.all([service.markOverdue(), service.markOverdue()]);
    expect(scans[0].response + scans[1].response).toBe(3);
    expect(scans[0].notifications + scans[1].notifications).toBe(6);

    const more = [await referToLegal(), await referToLegal()];
    for (const r of more) await pastDue(r.id, 'response_due_at');
    const jobs = await Promise.all([
      t.jobs.enqueue(JobName.MarkOverdueReferrals, {}),
      t.jobs.enqueue(JobName.MarkOverdueReferrals, {}),
    ]);
    for (const id of jobs)
      expect((await waitForJob(t.jobs, QueueName.Referrals, id!)).state).toBe('completed');

    for (const r of [...referrals, ...more]) {
      const notified = await overdueNotifications(r.id);
      expect(notified.map((n) => n.user_id)).toEqual([ctx.ids.caseworkerId, ctx.ids.supervisorId].sort());
    }
  });
});
