import {
  auditEventsOf,
  caseTestContext,
  CaseTestContext,
  closeCase,
  insertBeneficiary,
  openCase,
  TestUser,
} from '../factories/cases';
import {
  allPages,
  Api,
  asUser,
  createAndLogin,
  createUnit,
  expectError,
  expectStatus,
  MISSING,
} from '../utils/admin';
import { seedUsers } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { daysFromToday } from '../utils/dates';

describe('Case follow-ups', () => {
  let t: TestApp;
  let ctx: CaseTestContext;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    ctx = await caseTestContext(t);
  }, 60_000);
  afterAll(() => t.close());

  /** A Protection case assigned to the demo caseworker. */
  async function assignedCase() {
    return openCase(ctx.supervisor, {
      beneficiaryId: await ctx.person(),
      unitId: ctx.ids.protection,
      assignedUserId: ctx.ids.caseworkerId,
    });
  }

  async function schedule(api: Api, caseId: string, body: object = {}) {
    const res = await api.post(`/cases/${caseId}/follow-ups`, {
      description: 'Call about the appointment',
      dueOn: daysFromToday(1),
      ...body,
    });
    expectStatus(res, 201);
    return res.body;
  }

  /** The API refuses past due dates; overdue follow-ups are made by moving the date in the database. */
  async function makeDue(followUpId: string, days: number) {
    await t.dataSource.query(`UPDATE case_follow_ups SET due_on = $2 WHERE id = $1`, [
      followUpId,
      daysFromToday(days),
    ]);
  }

  describe('scheduling and completing', () => {
    it('schedules a follow-up for the case’s assignee by default', async () => {
      const c = await assignedCase();
      const res = await ctx.caseworker.post(`/cases/${c.id}/follow-ups`, {
        description: '  Visit the family  ',
        dueOn: daysFromToday(7),
      });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.any(String),
        caseId: c.id,
        unitId: ctx.ids.protection,
        description: 'Visit the family',
        dueOn: daysFromToday(7),
        assignedUserId: ctx.ids.caseworkerId,
        isOverdue: false,
        createdByUserId: ctx.ids.caseworkerId,
        createdAt: expect.any(String),
        completedAt: null,
        completedByUserId: null,
        outcome: null,
      });
      const [event] = await auditEventsOf(t, c.id, 'case.follow_up_created');
      expect(event.changes).toEqual({
        followUpId: { to: res.body.id },
        dueOn: { to: daysFromToday(7) },
        assignedUserId: { to: ctx.ids.caseworkerId },
        description: {},
      });
    });

    it('schedules one due today, for another member of the unit, or for nobody on an unassigned case', async () => {
      const c = await assignedCase();
      const today = await schedule(ctx.caseworker, c.id, {
        dueOn: daysFromToday(0),
        assignedUserId: ctx.colleague.id,
      });
      expect(today).toMatchObject({
        dueOn: daysFromToday(0),
        assignedUserId: ctx.colleague.id,
        isOverdue: false,
      });
      const unassigned = await openCase(ctx.caseworker, {
        beneficiaryId: await ctx.person(),
        unitId: ctx.ids.protection,
      });
      expect((await schedule(ctx.caseworker, unassigned.id)).assignedUserId).toBeNull();
    });

    it('refuses an assignee outside the case’s unit', async () => {
      const c = await assignedCase();
      const res = await ctx.caseworker.post(`/cases/${c.id}/follow-ups`, {
        description: 'Call',
        dueOn: daysFromToday(1),
        assignedUserId: ctx.legalCaseworker.id,
      });
      expectError(res, 422, 'ASSIGNEE_NOT_IN_UNIT', { assignedUserId: ['notInUnit'] });
    });

    it('completes a follow-up once, with its outcome', async () => {
      const c = await assignedCase();
      const f = await schedule(ctx.caseworker, c.id);
      const res = await ctx.caseworker.post(`/follow-ups/${f.id}/completion`, {
        outcome: 'Appointment confirmed',
      });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({
        id: f.id,
        completedAt: expect.any(String),
        completedByUserId: ctx.ids.caseworkerId,
        outcome: 'Appointment confirmed',
        isOverdue: false,
      });
      const again = await ctx.caseworker.post(`/follow-ups/${f.id}/completion`, {});
      expectError(again, 409, 'FOLLOW_UP_COMPLETED');
      const [event] = await auditEventsOf(t, c.id, 'case.follow_up_completed');
      expect(event.changes).toEqual({
        followUpId: { to: f.id },
        completed: { from: false, to: true },
        outcome: {},
      });
    });

    it('completes a follow-up once when two completions race', async () => {
      const c = await assignedCase();
      const f = await schedule(ctx.caseworker, c.id);
      const responses = await Promise.all([
        ctx.caseworker.post(`/follow-ups/${f.id}/completion`, { outcome: 'A' }),
        ctx.supervisor.post(`/follow-ups/${f.id}/completion`, { outcome: 'B' }),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await auditEventsOf(t, c.id, 'case.follow_up_completed')).toHaveLength(1);
    });

    it('completes without an outcome', async () => {
      const c = await assignedCase();
      const f = await schedule(ctx.caseworker, c.id);
      const res = await ctx.caseworker.post(`/follow-ups/${f.id}/completion`);
      expectStatus(res, 200);
      expect(res.body.outcome).toBeNull();
    });

    it('lists a case’s follow-ups by due date', async () => {
      const c = await assignedCase();
      const later = await schedule(ctx.caseworker, c.id, { dueOn: daysFromToday(30) });
      const sooner = await schedule(ctx.caseworker, c.id, { dueOn: daysFromToday(2) });
      const middle = await schedule(ctx.caseworker, c.id, { dueOn: daysFromToday(10) });
      const pages = await allPages(ctx.caseworker, `/cases/${c.id}/follow-ups?limit=2`);
      expect(pages.flatMap((p) => p.items.map((f) => f.id))).toEqual([sooner.id, middle.id, later.id]);
    });

    it('refuses to schedule or complete follow-ups on a closed case', async () => {
      const c = await assignedCase();
      const f = await schedule(ctx.caseworker, c.id);
      await closeCase(ctx.caseworker, c.id);
      expectError(
        await ctx.caseworker.post(`/cases/${c.id}/follow-ups`, { description: 'x', dueOn: daysFromToday(1) }),
        409,
        'CASE_CLOSED',
      );
      expectError(await ctx.caseworker.post(`/follow-ups/${f.id}/completion`, {}), 409, 'CASE_CLOSED');
    });

    it('hides follow-ups outside the caller’s scope', async () => {
      const c = await assignedCase();
      const f = await schedule(ctx.caseworker, c.id);
      for (const api of [ctx.legalCaseworker.api, ctx.partnerCaseworker.api]) {
        expectError(await api.get(`/cases/${c.id}/follow-ups`), 404, 'NOT_FOUND');
        expectError(
          await api.post(`/cases/${c.id}/follow-ups`, { description: 'x', dueOn: daysFromToday(1) }),
          404,
          'NOT_FOUND',
        );
        expectError(await api.post(`/follow-ups/${f.id}/completion`, {}), 404, 'NOT_FOUND');
      }
      expectError(await ctx.partner.get(`/cases/${c.id}/follow-ups`), 404, 'NOT_FOUND');
      expectError(await ctx.admin.post(`/follow-ups/${f.id}/completion`, {}), 403, 'FORBIDDEN');
      expectError(await ctx.distribution.get('/follow-ups'), 403, 'FORBIDDEN');
      expectError(await ctx.caseworker.post(`/follow-ups/${MISSING}/completion`, {}), 404, 'NOT_FOUND');
      expect((await ctx.partner.get('/follow-ups')).body.items).toEqual([]);
    });

    it.each([
      [
        'a missing description',
        { dueOn: daysFromToday(1) },
        { description: ['maxLength', 'minLength', 'isString'] },
      ],
      [
        'an oversize description',
        { description: 'd'.repeat(501), dueOn: daysFromToday(1) },
        { description: ['maxLength'] },
      ],
      ['a missing due date', { description: 'x' }, { dueOn: ['notPast'] }],
      ['a due date in the past', { description: 'x', dueOn: daysFromToday(-2) }, { dueOn: ['notPast'] }],
      ['an impossible due date', { description: 'x', dueOn: '2099-02-30' }, { dueOn: ['notPast'] }],
      [
        'a timestamp for a due date',
        { description: 'x', dueOn: `${daysFromToday(2)}T10:00:00Z` },
        { dueOn: ['notPast'] },
      ],
      [
        'a malformed assignee',
        { description: 'x', dueOn: daysFromToday(1), assignedUserId: 'me' },
        { assignedUserId: ['isUuid'] },
      ],
      [
        'an unknown field',
        { description: 'x', dueOn: daysFromToday(1), done: true },
        { done: ['whitelistValidation'] },
      ],
    ])('answers a new follow-up with %s with a 400 naming the field and rule', async (_, body, details) => {
      const c = await assignedCase();
      expectError(
        await ctx.caseworker.post(`/cases/${c.id}/follow-ups`, body),
        400,
        'VALIDATION_FAILED',
        details,
      );
    });

    it.each([
      ['an oversize outcome', { outcome: 'o'.repeat(2001) }, { outcome: ['maxLength'] }],
      ['an outcome that is not text', { outcome: 5 }, { outcome: ['maxLength', 'minLength', 'isString'] }],
      ['an unknown field', { completedAt: '2020-01-01' }, { completedAt: ['whitelistValidation'] }],
    ])('answers a completion with %s with a 400 naming the field and rule', async (_, body, details) => {
      const c = await assignedCase();
      const f = await schedule(ctx.caseworker, c.id);
      expectError(
        await ctx.caseworker.post(`/follow-ups/${f.id}/completion`, body),
        400,
        'VALIDATION_FAILED',
        details,
      );
    });

    it('answers malformed ids with a 400 naming id', async () => {
      expectError(await ctx.caseworker.post('/follow-ups/7/completion', {}), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
      expectError(await ctx.caseworker.get('/cases/7/follow-ups'), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
    });
  });

  describe('the overdue list', () => {
    let unitId: string;
    let unitSupervisor: TestUser;
    let first: TestUser;
    let second: TestUser;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      unitId = (await createUnit(ctx.admin, ctx.ids.hostId)).id;
      const staff = async (role: string): Promise<TestUser> => {
        const u = await createAndLogin(t, ctx.admin, {
          organisationId: ctx.ids.hostId,
          role,
          unitIds: [unitId],
        });
        return { id: u.id, api: asUser(t, u.accessToken) };
      };
      unitSupervisor = await staff('supervisor');
      first = await staff('caseworker');
      second = await staff('caseworker');
      const caseOf = async (assignedUserId: string) =>
        openCase(unitSupervisor.api, {
          beneficiaryId: await insertBeneficiary(t, {
            organisationId: ctx.ids.hostId,
            registeredUnitId: unitId,
            registeredByUserId: first.id,
          }),
          unitId,
          assignedUserId,
        });
      const a = await caseOf(first.id);
      const b = await caseOf(second.id);
      const closed = await caseOf(first.id);

      ids.a1 = (await schedule(first.api, a.id)).id;
      ids.a2 = (await schedule(first.api, a.id)).id;
      ids.aToday = (await schedule(first.api, a.id, { dueOn: daysFromToday(0) })).id;
      ids.aLater = (await schedule(first.api, a.id, { dueOn: daysFromToday(10) })).id;
      ids.b1 = (await schedule(second.api, b.id)).id;
      ids.bForFirst = (await schedule(second.api, b.id, { assignedUserId: first.id })).id;
      ids.closed = (await schedule(first.api, closed.id)).id;
      ids.protection = (await schedule(ctx.caseworker, (await assignedCase()).id)).id;

      await makeDue(ids.a1, -3);
      await makeDue(ids.a2, -1);
      await makeDue(ids.b1, -2);
      await makeDue(ids.bForFirst, -5);
      await makeDue(ids.closed, -4);
      await makeDue(ids.protection, -6);
      expectStatus(await first.api.post(`/follow-ups/${ids.a2}/completion`, { outcome: 'Done late' }), 200);
      await closeCase(unitSupervisor.api, closed.id);
    }, 60_000);

    const listed = async (api: Api, query: string) =>
      (await allPages(api, `/follow-ups?${query}`)).flatMap((p) => p.items);

    it('lists a unit’s overdue follow-ups by due date, without completed ones or those of closed cases', async () => {
      const items = await listed(unitSupervisor.api, `overdue=true&unitId=${unitId}&limit=2`);
      expect(items.map((f) => f.id)).toEqual([ids.bForFirst, ids.a1, ids.b1]);
      expect(items.every((f) => f.isOverdue && f.unitId === unitId && f.completedAt === null)).toBe(true);
    });

    it('lists a caseworker’s overdue follow-ups across their cases', async () => {
      expect(
        (await listed(unitSupervisor.api, `overdue=true&assignedUserId=${first.id}`)).map((f) => f.id),
      ).toEqual([ids.bForFirst, ids.a1]);
      expect(
        (await listed(unitSupervisor.api, `overdue=true&assignedUserId=${second.id}`)).map((f) => f.id),
      ).toEqual([ids.b1]);
    });

    it('lists every follow-up of the unit without the overdue filter, marking the overdue ones', async () => {
      const items = await listed(unitSupervisor.api, `unitId=${unitId}`);
      expect(items.map((f) => f.id)).toEqual(
        expect.arrayContaining([ids.a1, ids.a2, ids.aToday, ids.aLater, ids.b1, ids.bForFirst, ids.closed]),
      );
      const overdue = items.filter((f) => f.isOverdue).map((f) => f.id);
      expect(overdue.sort()).toEqual([ids.a1, ids.b1, ids.bForFirst].sort());
      const notOverdue = await listed(unitSupervisor.api, `unitId=${unitId}&overdue=false`);
      expect(notOverdue.map((f) => f.id).sort()).toEqual([ids.a2, ids.aToday, ids.aLater, ids.closed].sort());
    });

    it('lists only follow-ups of the cases the caller may read', async () => {
      const mine = (await listed(first.api, 'overdue=true')).map((f) => f.id);
      expect(mine).toEqual(expect.arrayContaining([ids.bForFirst, ids.a1, ids.b1]));
      expect(mine).not.toContain(ids.protection);
      const protection = (await listed(ctx.caseworker, 'overdue=true')).map((f) => f.id);
      expect(protection).toContain(ids.protection);
      expect(protection).not.toContain(ids.a1);
      expect((await listed(ctx.partnerCaseworker.api, 'overdue=true')).map((f) => f.id)).toEqual([]);
      const all = (await listed(ctx.supervisor, 'overdue=true&limit=100')).map((f) => f.id);
      expect(all).toEqual(expect.arrayContaining([ids.protection, ids.bForFirst, ids.a1, ids.b1]));
      expect(all.indexOf(ids.protection)).toBeLessThan(all.indexOf(ids.bForFirst));
    });

    it('drops a follow-up from the overdue list once completed', async () => {
      const f = await schedule(ctx.caseworker, (await assignedCase()).id);
      await makeDue(f.id, -1);
      const overdueIds = async () =>
        (await listed(ctx.caseworker, `overdue=true&assignedUserId=${ctx.ids.caseworkerId}`)).map(
          (x) => x.id,
        );
      expect(await overdueIds()).toContain(f.id);
      expectStatus(await ctx.caseworker.post(`/follow-ups/${f.id}/completion`, {}), 200);
      expect(await overdueIds()).not.toContain(f.id);
    });

    it.each([
      ['an overdue flag that is not boolean', 'overdue=yes', { overdue: ['isBoolean'] }],
      ['a malformed assignee', 'assignedUserId=me', { assignedUserId: ['isUuid'] }],
      ['a malformed unit', 'unitId=7', { unitId: ['isUuid'] }],
      ['a tampered cursor', `cursor=${Buffer.from('[1]').toString('base64url')}`, { cursor: ['invalid'] }],
      ['an unknown parameter', 'dueBefore=2024-01-01', { dueBefore: ['whitelistValidation'] }],
    ])('answers %s with a 400 naming the parameter and rule', async (_, query, details) => {
      expectError(await ctx.supervisor.get(`/follow-ups?${query}`), 400, 'VALIDATION_FAILED', details);
    });
  });
});
