import { CASE_TRANSITIONS } from '../../src/cases/case-status';
import { CaseStatus } from '../../src/cases/case-codes';
import {
  auditEventsOf,
  caseTestContext,
  CaseTestContext,
  closeCase,
  insertBeneficiary,
  insertHousehold,
  moveCase,
  openCase,
} from '../factories/cases';
import {
  allPages,
  asUser,
  createAndLogin,
  createUnit,
  createUser,
  expectError,
  expectStatus,
  MISSING,
  UUID,
} from '../utils/admin';
import { seedUsers } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Cases: opening, status, assignment and history', () => {
  let t: TestApp;
  let ctx: CaseTestContext;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    ctx = await caseTestContext(t);
  }, 60_000);
  afterAll(() => t.close());

  /** A case of the Protection unit about a new person, opened by the demo caseworker. */
  async function protectionCase(extra: object = {}) {
    return openCase(ctx.caseworker, {
      beneficiaryId: await ctx.person(),
      unitId: ctx.ids.protection,
      ...extra,
    });
  }

  /** A Protection case brought to `status` along allowed transitions. */
  async function caseIn(status: CaseStatus) {
    const c = await protectionCase();
    const path: Record<CaseStatus, Array<[CaseStatus, object?]>> = {
      [CaseStatus.Open]: [],
      [CaseStatus.Active]: [[CaseStatus.Active]],
      [CaseStatus.OnHold]: [[CaseStatus.Active], [CaseStatus.OnHold]],
      [CaseStatus.Closed]: [[CaseStatus.Closed, { closureReason: 'needs_met' }]],
      [CaseStatus.Reopened]: [[CaseStatus.Closed, { closureReason: 'needs_met' }], [CaseStatus.Reopened]],
    };
    for (const [to, extra] of path[status]) await moveCase(ctx.supervisor, c.id, to, extra);
    return c;
  }

  describe('opening a case', () => {
    it('opens a case for a person of the caseworker’s unit, unassigned and open', async () => {
      const beneficiaryId = await ctx.person();
      const res = await ctx.caseworker.post('/cases', {
        beneficiaryId,
        type: 'protection',
        unitId: ctx.ids.protection,
        riskLevel: 'high',
        summary: '  Needs a safe place to stay  ',
      });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        organisationId: ctx.ids.hostId,
        beneficiaryId,
        householdId: null,
        type: 'protection',
        unitId: ctx.ids.protection,
        riskLevel: 'high',
        status: 'open',
        allowedTransitions: ['active', 'closed'],
        closureReason: null,
        summary: 'Needs a safe place to stay',
        assignedUserId: null,
        assignedUser: null,
        latestAssessment: null,
        openedByUserId: ctx.ids.caseworkerId,
        openedAt: expect.any(String),
        closedAt: null,
        updatedAt: expect.any(String),
      });
      const got = await ctx.caseworker.get(`/cases/${res.body.id}`);
      expectStatus(got, 200);
      expect(got.body).toEqual(res.body);
    });

    it('writes the opening as the first status change and audits it without the summary', async () => {
      const c = await protectionCase({ summary: 'Private circumstances' });
      const history = await ctx.caseworker.get(`/cases/${c.id}/history`);
      expectStatus(history, 200);
      expect(history.body.items).toEqual([
        {
          kind: 'status_change',
          id: expect.any(String),
          at: expect.any(String),
          byUserId: ctx.ids.caseworkerId,
          fromStatus: null,
          toStatus: 'open',
          closureReason: null,
          assignedUserId: null,
          note: null,
        },
      ]);
      const [event] = await auditEventsOf(t, c.id, 'case.opened');
      expect(event.changes).toEqual({
        beneficiaryId: { to: c.beneficiaryId },
        type: { to: 'protection' },
        unitId: { to: ctx.ids.protection },
        riskLevel: { to: 'medium' },
        status: { to: 'open' },
        summary: {},
      });
      expect(JSON.stringify(event)).not.toContain('Private circumstances');
    });

    it('opens a case for a household the caseworker’s unit registered', async () => {
      const head = await ctx.person();
      const householdId = await insertHousehold(t, {
        organisationId: ctx.ids.hostId,
        registeredUnitId: ctx.ids.protection,
        createdByUserId: ctx.ids.caseworkerId,
        members: [{ beneficiaryId: head, relationship: 'head' }],
      });
      const c = await openCase(ctx.caseworker, {
        householdId,
        unitId: ctx.ids.protection,
        type: 'socio_economic',
      });
      expect(c).toMatchObject({ householdId, beneficiaryId: null, type: 'socio_economic', status: 'open' });
    });

    it('lets a supervisor open a case already assigned, and keeps the assignment in the history', async () => {
      const c = await openCase(ctx.supervisor, {
        beneficiaryId: await ctx.person(),
        unitId: ctx.ids.protection,
        assignedUserId: ctx.ids.caseworkerId,
      });
      expect(c.assignedUser).toEqual({ id: ctx.ids.caseworkerId, displayName: 'Demo Caseworker' });
      const history = await ctx.supervisor.get(`/cases/${c.id}/history`);
      expect(history.body.items.map((i: any) => [i.kind, i.toStatus, i.assignedUserId])).toEqual([
        ['assignment', null, ctx.ids.caseworkerId],
        ['status_change', 'open', null],
      ]);
    });

    it('refuses an assignee from a caseworker, who does not assign cases', async () => {
      const res = await ctx.caseworker.post('/cases', {
        beneficiaryId: await ctx.person(),
        type: 'protection',
        unitId: ctx.ids.protection,
        riskLevel: 'low',
        assignedUserId: ctx.ids.caseworkerId,
      });
      expectError(res, 403, 'FORBIDDEN', { assignedUserId: ['needsCaseAssign'] });
    });

    it('refuses an opening assignee outside the unit', async () => {
      const res = await ctx.supervisor.post('/cases', {
        beneficiaryId: await ctx.person(),
        type: 'protection',
        unitId: ctx.ids.protection,
        riskLevel: 'low',
        assignedUserId: ctx.legalCaseworker.id,
      });
      expectError(res, 422, 'ASSIGNEE_NOT_IN_UNIT', { assignedUserId: ['notInUnit'] });
    });

    it('refuses a second open case of the same type for the same person, naming the open one', async () => {
      const first = await protectionCase();
      const res = await ctx.caseworker.post('/cases', {
        beneficiaryId: first.beneficiaryId,
        type: 'protection',
        unitId: ctx.ids.protection,
        riskLevel: 'low',
      });
      expectError(res, 409, 'CASE_ALREADY_OPEN');
      expect(res.body.details).toEqual({ beneficiaryId: ['caseOfTypeOpen'], existingCaseId: first.id });
    });

    it('allows a case of another type, and a new case of the type once the first is closed', async () => {
      const first = await protectionCase();
      await openCase(ctx.caseworker, {
        beneficiaryId: first.beneficiaryId,
        unitId: ctx.ids.protection,
        type: 'legal',
      });
      await closeCase(ctx.caseworker, first.id);
      const again = await openCase(ctx.caseworker, {
        beneficiaryId: first.beneficiaryId,
        unitId: ctx.ids.protection,
      });
      expect(again.id).not.toBe(first.id);
    });

    it('refuses a second open household case of the type', async () => {
      const householdId = await insertHousehold(t, {
        organisationId: ctx.ids.hostId,
        registeredUnitId: ctx.ids.protection,
        createdByUserId: ctx.ids.caseworkerId,
        members: [{ beneficiaryId: await ctx.person(), relationship: 'head' }],
      });
      const first = await openCase(ctx.caseworker, { householdId, unitId: ctx.ids.protection });
      const res = await ctx.caseworker.post('/cases', {
        householdId,
        type: 'protection',
        unitId: ctx.ids.protection,
        riskLevel: 'low',
      });
      expectError(res, 409, 'CASE_ALREADY_OPEN');
      expect(res.body.details).toEqual({ householdId: ['caseOfTypeOpen'], existingCaseId: first.id });
    });

    it('does not reveal the open case to a caller who may not read it', async () => {
      // The person is the Protection caseworker's (registered by Protection); the open legal case
      // belongs to Legal counselling, which the caseworker cannot see.
      const beneficiaryId = await ctx.person();
      await openCase(ctx.supervisor, { beneficiaryId, unitId: ctx.ids.legal, type: 'legal' });
      const res = await ctx.caseworker.post('/cases', {
        beneficiaryId,
        type: 'legal',
        unitId: ctx.ids.protection,
        riskLevel: 'low',
      });
      expectError(res, 409, 'CASE_ALREADY_OPEN', { beneficiaryId: ['caseOfTypeOpen'] });
    });

    it('opens exactly one of two concurrent cases of the same type for a person', async () => {
      const beneficiaryId = await ctx.person();
      const body = { beneficiaryId, type: 'health', unitId: ctx.ids.protection, riskLevel: 'low' };
      const responses = await Promise.all([
        ctx.caseworker.post('/cases', body),
        ctx.colleague.api.post('/cases', body),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(responses.find((r) => r.status === 409)!.body.code).toBe('CASE_ALREADY_OPEN');
      const rows: unknown[] = await t.dataSource.query(
        `SELECT id FROM case_files WHERE beneficiary_id = $1 AND type = 'health'`,
        [beneficiaryId],
      );
      expect(rows).toHaveLength(1);
    });

    it('refuses a person the caller cannot see as a missing reference', async () => {
      const elsewhere = await ctx.person([], ctx.ids.humanitarian);
      const res = await ctx.caseworker.post('/cases', {
        beneficiaryId: elsewhere,
        type: 'protection',
        unitId: ctx.ids.protection,
        riskLevel: 'low',
      });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { beneficiaryId: ['notFound'] });
    });

    it('refuses a person of another organisation and a household that does not exist', async () => {
      const partnerUnitsUser = (
        await t.dataSource.query(`SELECT id FROM users WHERE username = 'partner'`)
      )[0].id as string;
      const foreign = await insertBeneficiary(t, {
        organisationId: ctx.ids.partnerId,
        registeredUnitId: ctx.ids.psychosocial,
        registeredByUserId: partnerUnitsUser,
      });
      const base = { type: 'protection', unitId: ctx.ids.protection, riskLevel: 'low' };
      expectError(
        await ctx.supervisor.post('/cases', { ...base, beneficiaryId: foreign }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { beneficiaryId: ['notFound'] },
      );
      expectError(
        await ctx.supervisor.post('/cases', { ...base, householdId: MISSING }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { householdId: ['notFound'] },
      );
    });

    it('refuses a unit that is not one of the caseworker’s own', async () => {
      const res = await ctx.caseworker.post('/cases', {
        beneficiaryId: await ctx.person(),
        type: 'protection',
        unitId: ctx.ids.legal,
        riskLevel: 'low',
      });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { unitId: ['notYourUnit'] });
    });

    it('refuses a unit of another organisation and a deactivated unit', async () => {
      const closedUnit = await createUnit(ctx.admin, ctx.ids.hostId);
      expectStatus(await ctx.admin.patch(`/service-units/${closedUnit.id}`, { isActive: false }), 200);
      for (const unitId of [ctx.ids.psychosocial, closedUnit.id, MISSING]) {
        const res = await ctx.supervisor.post('/cases', {
          beneficiaryId: await ctx.person(),
          type: 'protection',
          unitId,
          riskLevel: 'low',
        });
        expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { unitId: ['notFound'] });
      }
    });

    it('refuses callers without case.write', async () => {
      const body = {
        beneficiaryId: await ctx.person(),
        type: 'protection',
        unitId: ctx.ids.protection,
        riskLevel: 'low',
      };
      for (const api of [ctx.admin, ctx.dpo, ctx.distribution, ctx.partner]) {
        expectError(await api.post('/cases', body), 403, 'FORBIDDEN');
      }
    });

    it.each([
      ['no subject', { type: 'protection', riskLevel: 'low' }, { beneficiaryId: ['exactlyOneOf', 'isUuid'] }],
      [
        'both subjects',
        { beneficiaryId: MISSING, householdId: MISSING, type: 'protection', riskLevel: 'low' },
        { beneficiaryId: ['exactlyOneOf'], householdId: ['exactlyOneOf'] },
      ],
      [
        'a null subject',
        { beneficiaryId: null, type: 'protection', riskLevel: 'low' },
        { beneficiaryId: ['isUuid'] },
      ],
      [
        'a malformed subject id',
        { beneficiaryId: 'abc', type: 'protection', riskLevel: 'low' },
        { beneficiaryId: ['isUuid'] },
      ],
      [
        'an unknown type',
        { beneficiaryId: MISSING, type: 'space_travel', riskLevel: 'low' },
        { type: ['isEnum'] },
      ],
      ['a missing type', { beneficiaryId: MISSING, riskLevel: 'low' }, { type: ['isEnum'] }],
      [
        'an unknown risk level',
        { beneficiaryId: MISSING, type: 'legal', riskLevel: 'extreme' },
        { riskLevel: ['isEnum'] },
      ],
      [
        'a numeric risk level',
        { beneficiaryId: MISSING, type: 'legal', riskLevel: 3 },
        { riskLevel: ['isEnum'] },
      ],
      [
        'an oversize summary',
        { beneficiaryId: MISSING, type: 'legal', riskLevel: 'low', summary: 'x'.repeat(2001) },
        { summary: ['maxLength'] },
      ],
      [
        'a blank summary',
        { beneficiaryId: MISSING, type: 'legal', riskLevel: 'low', summary: '   ' },
        { summary: ['minLength'] },
      ],
      [
        'a malformed assignee',
        { beneficiaryId: MISSING, type: 'legal', riskLevel: 'low', assignedUserId: 7 },
        { assignedUserId: ['isUuid'] },
      ],
      [
        'an unknown field',
        { beneficiaryId: MISSING, type: 'legal', riskLevel: 'low', status: 'active' },
        { status: ['whitelistValidation'] },
      ],
    ])('answers %s with a 400 naming the field and rule', async (_, body, details) => {
      const res = await ctx.supervisor.post('/cases', { unitId: ctx.ids.protection, ...body });
      expectError(res, 400, 'VALIDATION_FAILED', details);
    });

    it('answers a missing unit with a 400', async () => {
      const res = await ctx.supervisor.post('/cases', {
        beneficiaryId: MISSING,
        type: 'legal',
        riskLevel: 'low',
      });
      expectError(res, 400, 'VALIDATION_FAILED', { unitId: ['isUuid'] });
    });
  });

  describe('status transitions', () => {
    it('follows a case through its whole life, closed with a reason and reopened by a supervisor', async () => {
      const c = await protectionCase();
      const active = await moveCase(ctx.caseworker, c.id, 'active', { note: 'First meeting held' });
      expect(active).toMatchObject({ status: 'active', allowedTransitions: ['on_hold', 'closed'] });
      await moveCase(ctx.caseworker, c.id, 'on_hold');
      await moveCase(ctx.caseworker, c.id, 'active');
      const closed = await moveCase(ctx.caseworker, c.id, 'closed', { closureReason: 'needs_met' });
      expect(closed).toMatchObject({
        status: 'closed',
        closureReason: 'needs_met',
        allowedTransitions: ['reopened'],
        closedAt: expect.any(String),
      });
      const reopened = await moveCase(ctx.supervisor, c.id, 'reopened', { note: 'New threat reported' });
      expect(reopened).toMatchObject({
        status: 'reopened',
        closureReason: null,
        closedAt: null,
        allowedTransitions: ['active', 'on_hold', 'closed'],
      });
      await moveCase(ctx.caseworker, c.id, 'on_hold');

      const items = (await allPages(ctx.caseworker, `/cases/${c.id}/history?limit=2`)).flatMap(
        (p) => p.items,
      );
      expect(items.map((i) => [i.fromStatus, i.toStatus, i.closureReason])).toEqual([
        ['reopened', 'on_hold', null],
        ['closed', 'reopened', null],
        ['active', 'closed', 'needs_met'],
        ['on_hold', 'active', null],
        ['active', 'on_hold', null],
        ['open', 'active', null],
        [null, 'open', null],
      ]);
      expect(items[1]).toMatchObject({ note: 'New threat reported' });
      expect(items[5]).toMatchObject({ note: 'First meeting held', byUserId: ctx.ids.caseworkerId });
      const events = await auditEventsOf(t, c.id, 'case.status_changed');
      expect(events).toHaveLength(6);
      expect(events[3].changes).toEqual({
        status: { from: 'active', to: 'closed' },
        closureReason: { to: 'needs_met' },
      });
    });

    describe.each(Object.values(CaseStatus))('from %s', (from) => {
      const refused = Object.values(CaseStatus).filter((to) => !CASE_TRANSITIONS[from].includes(to));

      it.each(refused)(
        'refuses a move to %s with a 409 naming the current and allowed statuses',
        async (to) => {
          const c = await caseIn(from);
          const res = await ctx.supervisor.post(`/cases/${c.id}/transitions`, {
            to,
            ...(to === CaseStatus.Closed ? { closureReason: 'other' } : {}),
          });
          expectError(res, 409, 'INVALID_CASE_TRANSITION');
          expect(res.body.details).toEqual({ currentStatus: from, allowed: CASE_TRANSITIONS[from] });
          expect(res.body.message).toContain(from);
          for (const allowed of CASE_TRANSITIONS[from]) expect(res.body.message).toContain(allowed);
          expect((await ctx.supervisor.get(`/cases/${c.id}`)).body.status).toBe(from);
        },
      );
    });

    it('lets only a supervisor reopen a closed case', async () => {
      const c = await caseIn(CaseStatus.Closed);
      expectError(
        await ctx.caseworker.post(`/cases/${c.id}/transitions`, { to: 'reopened' }),
        403,
        'FORBIDDEN',
      );
      expect((await ctx.caseworker.get(`/cases/${c.id}`)).body.status).toBe('closed');
      await moveCase(ctx.supervisor, c.id, 'reopened');
    });

    it('needs a closure reason to close', async () => {
      const c = await protectionCase();
      expectError(
        await ctx.caseworker.post(`/cases/${c.id}/transitions`, { to: 'closed' }),
        400,
        'VALIDATION_FAILED',
        {
          closureReason: ['required'],
        },
      );
    });

    it('refuses a closure reason on any other transition', async () => {
      const c = await protectionCase();
      const res = await ctx.caseworker.post(`/cases/${c.id}/transitions`, {
        to: 'active',
        closureReason: 'needs_met',
      });
      expectError(res, 400, 'VALIDATION_FAILED', { closureReason: ['onlyWhenClosing'] });
    });

    it('moves a case once when two requests race from active to on hold', async () => {
      const c = await caseIn(CaseStatus.Active);
      const responses = await Promise.all([
        ctx.caseworker.post(`/cases/${c.id}/transitions`, { to: 'on_hold' }),
        ctx.supervisor.post(`/cases/${c.id}/transitions`, { to: 'on_hold' }),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = responses.find((r) => r.status === 409)!;
      expect(loser.body).toMatchObject({
        code: 'INVALID_CASE_TRANSITION',
        details: { currentStatus: 'on_hold', allowed: ['active', 'closed'] },
      });
      const rows: unknown[] = await t.dataSource.query(
        `SELECT id FROM case_status_changes WHERE case_id = $1 AND to_status = 'on_hold'`,
        [c.id],
      );
      expect(rows).toHaveLength(1);
    });

    it('refuses to reopen a case while another case of its type is open for the person', async () => {
      const first = await caseIn(CaseStatus.Closed);
      const second = await openCase(ctx.caseworker, {
        beneficiaryId: first.beneficiaryId,
        unitId: ctx.ids.protection,
      });
      const res = await ctx.supervisor.post(`/cases/${first.id}/transitions`, { to: 'reopened' });
      expectError(res, 409, 'CASE_ALREADY_OPEN');
      expect(res.body.details).toEqual({ beneficiaryId: ['caseOfTypeOpen'], existingCaseId: second.id });
      expect((await ctx.supervisor.get(`/cases/${first.id}`)).body.status).toBe('closed');
    });

    it('keeps the status and assignment history append-only in the database', async () => {
      const c = await protectionCase({});
      await ctx.supervisor.put(`/cases/${c.id}/assignment`, { assignedUserId: ctx.ids.caseworkerId });
      for (const table of ['case_status_changes', 'case_assignments']) {
        await expect(
          t.dataSource.query(`UPDATE ${table} SET note = 'x' WHERE case_id = $1`, [c.id]),
        ).rejects.toThrow();
        await expect(t.dataSource.query(`DELETE FROM ${table} WHERE case_id = $1`, [c.id])).rejects.toThrow();
      }
    });

    it.each([
      ['an unknown status', { to: 'archived' }, { to: ['isEnum'] }],
      ['a missing status', {}, { to: ['isEnum'] }],
      ['an unknown closure reason', { to: 'closed', closureReason: 'bored' }, { closureReason: ['isEnum'] }],
      ['an oversize note', { to: 'active', note: 'n'.repeat(2001) }, { note: ['maxLength'] }],
      [
        'a note that is not text',
        { to: 'active', note: ['a'] },
        { note: ['maxLength', 'minLength', 'isString'] },
      ],
      ['an unknown field', { to: 'active', reason: 'x' }, { reason: ['whitelistValidation'] }],
    ])('answers %s with a 400 naming the field and rule', async (_, body, details) => {
      const c = await protectionCase();
      expectError(
        await ctx.caseworker.post(`/cases/${c.id}/transitions`, body),
        400,
        'VALIDATION_FAILED',
        details,
      );
    });

    it('answers a malformed or unknown case id', async () => {
      expectError(
        await ctx.caseworker.post('/cases/nope/transitions', { to: 'active' }),
        400,
        'VALIDATION_FAILED',
        {
          id: ['isUuid'],
        },
      );
      expectError(
        await ctx.caseworker.post(`/cases/${MISSING}/transitions`, { to: 'active' }),
        404,
        'NOT_FOUND',
      );
    });
  });

  describe('updating a case', () => {
    it('changes the risk level and summary, auditing the summary only as changed', async () => {
      const c = await protectionCase({ summary: 'Old summary' });
      const res = await ctx.caseworker.patch(`/cases/${c.id}`, {
        riskLevel: 'critical',
        summary: 'New summary',
      });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ riskLevel: 'critical', summary: 'New summary', status: 'open' });
      const [event] = await auditEventsOf(t, c.id, 'case.updated');
      expect(event.changes).toEqual({ riskLevel: { from: 'medium', to: 'critical' }, summary: {} });
    });

    it('clears the summary with null and changes nothing for an empty body', async () => {
      const c = await protectionCase({ summary: 'Something' });
      expect((await ctx.caseworker.patch(`/cases/${c.id}`, { summary: null })).body.summary).toBeNull();
      const same = await ctx.caseworker.patch(`/cases/${c.id}`, {});
      expectStatus(same, 200);
      expect(await auditEventsOf(t, c.id, 'case.updated')).toHaveLength(1);
    });

    it('refuses to change a closed case', async () => {
      const c = await caseIn(CaseStatus.Closed);
      expectError(await ctx.caseworker.patch(`/cases/${c.id}`, { riskLevel: 'low' }), 409, 'CASE_CLOSED');
    });

    it.each([
      ['a null risk level', { riskLevel: null }, { riskLevel: ['isEnum'] }],
      ['an unknown risk level', { riskLevel: 'severe' }, { riskLevel: ['isEnum'] }],
      ['an oversize summary', { summary: 's'.repeat(2001) }, { summary: ['maxLength'] }],
      ['a status', { status: 'closed' }, { status: ['whitelistValidation'] }],
      ['a new unit', { unitId: MISSING }, { unitId: ['whitelistValidation'] }],
    ])('answers %s with a 400 naming the field and rule', async (_, body, details) => {
      const c = await protectionCase();
      expectError(await ctx.caseworker.patch(`/cases/${c.id}`, body), 400, 'VALIDATION_FAILED', details);
    });

    it('refuses a change from someone who may only read the case', async () => {
      const c = await protectionCase();
      expectError(await ctx.admin.patch(`/cases/${c.id}`, { riskLevel: 'low' }), 403, 'FORBIDDEN');
      expectError(
        await ctx.legalCaseworker.api.patch(`/cases/${c.id}`, { riskLevel: 'low' }),
        404,
        'NOT_FOUND',
      );
    });
  });

  describe('assignment', () => {
    it('assigns, reassigns and unassigns, keeping every step in the history', async () => {
      const c = await protectionCase();
      const assigned = await ctx.supervisor.put(`/cases/${c.id}/assignment`, {
        assignedUserId: ctx.ids.caseworkerId,
        note: 'Speaks the language',
      });
      expectStatus(assigned, 200);
      expect(assigned.body).toMatchObject({
        assignedUserId: ctx.ids.caseworkerId,
        assignedUser: { id: ctx.ids.caseworkerId, displayName: 'Demo Caseworker' },
      });
      await ctx.supervisor.put(`/cases/${c.id}/assignment`, { assignedUserId: ctx.colleague.id });
      const unassigned = await ctx.supervisor.put(`/cases/${c.id}/assignment`, { assignedUserId: null });
      expect(unassigned.body).toMatchObject({ assignedUserId: null, assignedUser: null });

      const history = await ctx.supervisor.get(`/cases/${c.id}/history`);
      expect(history.body.items.map((i: any) => [i.kind, i.assignedUserId, i.note])).toEqual([
        ['assignment', null, null],
        ['assignment', ctx.colleague.id, null],
        ['assignment', ctx.ids.caseworkerId, 'Speaks the language'],
        ['status_change', null, null],
      ]);
      const events = await auditEventsOf(t, c.id, 'case.assigned');
      expect(events.map((e) => e.changes!.assignedUserId)).toEqual([
        { from: null, to: ctx.ids.caseworkerId },
        { from: ctx.ids.caseworkerId, to: ctx.colleague.id },
        { from: ctx.colleague.id, to: null },
      ]);
    });

    it('writes nothing when the case already has that assignee', async () => {
      const c = await protectionCase();
      await ctx.supervisor.put(`/cases/${c.id}/assignment`, { assignedUserId: ctx.colleague.id });
      expectStatus(
        await ctx.supervisor.put(`/cases/${c.id}/assignment`, { assignedUserId: ctx.colleague.id }),
        200,
      );
      expect(await auditEventsOf(t, c.id, 'case.assigned')).toHaveLength(1);
    });

    it('refuses a supervisor of another unit', async () => {
      const c = await protectionCase();
      const res = await ctx.healthSupervisor.api.put(`/cases/${c.id}/assignment`, {
        assignedUserId: ctx.ids.caseworkerId,
      });
      expectError(res, 403, 'FORBIDDEN', { unitId: ['notYourUnit'] });
    });

    it('refuses a caseworker, who lacks case.assign', async () => {
      const c = await protectionCase();
      expectError(
        await ctx.caseworker.put(`/cases/${c.id}/assignment`, { assignedUserId: ctx.ids.caseworkerId }),
        403,
        'FORBIDDEN',
      );
    });

    it('refuses assignees who are not active caseworkers or supervisors of the case’s unit', async () => {
      const c = await protectionCase();
      const inactive = await createUser(ctx.admin, {
        organisationId: ctx.ids.hostId,
        role: 'caseworker',
        unitIds: [ctx.ids.protection],
      });
      expectStatus(await ctx.admin.patch(`/users/${inactive.id}`, { isActive: false }), 200);
      const officer = await createUser(ctx.admin, {
        organisationId: ctx.ids.hostId,
        role: 'distribution_officer',
        unitIds: [ctx.ids.protection],
      });
      for (const assignedUserId of [
        ctx.legalCaseworker.id,
        ctx.partnerCaseworker.id,
        inactive.id,
        officer.id,
        MISSING,
      ]) {
        const res = await ctx.supervisor.put(`/cases/${c.id}/assignment`, { assignedUserId });
        expectError(res, 422, 'ASSIGNEE_NOT_IN_UNIT', { assignedUserId: ['notInUnit'] });
      }
      expect((await ctx.supervisor.get(`/cases/${c.id}`)).body.assignedUserId).toBeNull();
    });

    it('accepts a supervisor of the unit as assignee', async () => {
      const c = await protectionCase();
      const res = await ctx.supervisor.put(`/cases/${c.id}/assignment`, {
        assignedUserId: ctx.ids.supervisorId,
      });
      expectStatus(res, 200);
      expect(res.body.assignedUser).toEqual({ id: ctx.ids.supervisorId, displayName: 'Demo Supervisor' });
    });

    it('refuses to assign a closed case', async () => {
      const c = await caseIn(CaseStatus.Closed);
      expectError(
        await ctx.supervisor.put(`/cases/${c.id}/assignment`, { assignedUserId: ctx.ids.caseworkerId }),
        409,
        'CASE_CLOSED',
      );
    });

    it('answers a case of another organisation with 404 to its supervisors', async () => {
      const partnerSupervisor = await createAndLogin(t, ctx.admin, {
        organisationId: ctx.ids.partnerId,
        role: 'supervisor',
        unitIds: [ctx.ids.psychosocial],
      });
      const c = await protectionCase();
      const api = asUser(t, partnerSupervisor.accessToken);
      expectError(await api.put(`/cases/${c.id}/assignment`, { assignedUserId: null }), 404, 'NOT_FOUND');
      expectError(await api.get(`/cases/${c.id}`), 404, 'NOT_FOUND');
    });

    it.each([
      ['a missing assignee', {}, { assignedUserId: ['isUuid'] }],
      ['a malformed assignee', { assignedUserId: 'someone' }, { assignedUserId: ['isUuid'] }],
      ['an oversize note', { assignedUserId: null, note: 'n'.repeat(1001) }, { note: ['maxLength'] }],
      ['an unknown field', { assignedUserId: null, unitId: MISSING }, { unitId: ['whitelistValidation'] }],
    ])('answers %s with a 400 naming the field and rule', async (_, body, details) => {
      const c = await protectionCase();
      expectError(
        await ctx.supervisor.put(`/cases/${c.id}/assignment`, body),
        400,
        'VALIDATION_FAILED',
        details,
      );
    });
  });

  describe('reading and listing', () => {
    it('lets admins and the data protection officer read cases, but not distribution officers or partners', async () => {
      const c = await protectionCase();
      expectStatus(await ctx.admin.get(`/cases/${c.id}`), 200);
      expectStatus(await ctx.dpo.get(`/cases/${c.id}`), 200);
      expectError(await ctx.distribution.get(`/cases/${c.id}`), 403, 'FORBIDDEN');
      expectError(await ctx.distribution.get('/cases'), 403, 'FORBIDDEN');
      expectError(await ctx.partner.get(`/cases/${c.id}`), 404, 'NOT_FOUND');
      const partnerList = await ctx.partner.get('/cases');
      expectStatus(partnerList, 200);
      expect(partnerList.body.items).toEqual([]);
    });

    it('hides a case from a caseworker of another unit and of another organisation', async () => {
      const c = await protectionCase();
      for (const api of [ctx.legalCaseworker.api, ctx.partnerCaseworker.api]) {
        expectError(await api.get(`/cases/${c.id}`), 404, 'NOT_FOUND');
        expectError(await api.get(`/cases/${c.id}/history`), 404, 'NOT_FOUND');
        expectError(await api.post(`/cases/${c.id}/transitions`, { to: 'active' }), 404, 'NOT_FOUND');
        const ids = (await allPages(api, '/cases?limit=100')).flatMap((p) => p.items.map((i) => i.id));
        expect(ids).not.toContain(c.id);
      }
    });

    it('shows a caseworker of another unit the cases assigned to them', async () => {
      const c = await openCase(ctx.supervisor, {
        beneficiaryId: await ctx.person(),
        unitId: ctx.ids.legal,
        type: 'legal',
        assignedUserId: ctx.legalCaseworker.id,
      });
      expectStatus(await ctx.legalCaseworker.api.get(`/cases/${c.id}`), 200);
      expectError(await ctx.caseworker.get(`/cases/${c.id}`), 404, 'NOT_FOUND');
    });

    it('answers an unknown or malformed id', async () => {
      expectError(await ctx.supervisor.get(`/cases/${MISSING}`), 404, 'NOT_FOUND');
      expectError(await ctx.supervisor.get('/cases/12'), 400, 'VALIDATION_FAILED', { id: ['isUuid'] });
      expectError(await ctx.supervisor.get('/cases/12/history'), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
    });

    it('lists cases newest first, page by page, each once', async () => {
      const person = await ctx.person();
      const opened = [];
      for (const type of ['protection', 'legal', 'health', 'education', 'housing']) {
        opened.push(
          await openCase(ctx.caseworker, { beneficiaryId: person, unitId: ctx.ids.protection, type }),
        );
      }
      const pages = await allPages(ctx.caseworker, `/cases?beneficiaryId=${person}&limit=2`);
      expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
      expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(opened.map((c) => c.id).reverse());
    });

    it('filters by status (repeatable), type, unit, assignee, risk level and subject', async () => {
      const person = await ctx.person();
      const a = await openCase(ctx.supervisor, {
        beneficiaryId: person,
        unitId: ctx.ids.protection,
        type: 'protection',
        riskLevel: 'high',
        assignedUserId: ctx.colleague.id,
      });
      const b = await openCase(ctx.supervisor, {
        beneficiaryId: person,
        unitId: ctx.ids.legal,
        type: 'legal',
      });
      const c = await openCase(ctx.supervisor, {
        beneficiaryId: person,
        unitId: ctx.ids.protection,
        type: 'housing',
      });
      await moveCase(ctx.supervisor, b.id, 'active');
      await closeCase(ctx.supervisor, c.id);
      const ids = async (query: string) =>
        (await allPages(ctx.supervisor, `/cases?beneficiaryId=${person}&${query}`)).flatMap((p) =>
          p.items.map((i) => i.id),
        );
      expect(await ids('status=open')).toEqual([a.id]);
      expect(await ids('status=open&status=active')).toEqual([b.id, a.id]);
      expect(await ids('type=housing')).toEqual([c.id]);
      expect(await ids(`unitId=${ctx.ids.legal}`)).toEqual([b.id]);
      expect(await ids(`assignedUserId=${ctx.colleague.id}`)).toEqual([a.id]);
      expect(await ids('riskLevel=high')).toEqual([a.id]);
      expect(await ids(`householdId=${MISSING}`)).toEqual([]);
    });

    it('filters by household', async () => {
      const householdId = await insertHousehold(t, {
        organisationId: ctx.ids.hostId,
        registeredUnitId: ctx.ids.protection,
        createdByUserId: ctx.ids.caseworkerId,
        members: [{ beneficiaryId: await ctx.person(), relationship: 'head' }],
      });
      const c = await openCase(ctx.caseworker, { householdId, unitId: ctx.ids.protection });
      const res = await ctx.caseworker.get(`/cases?householdId=${householdId}`);
      expect(res.body.items.map((i: any) => i.id)).toEqual([c.id]);
    });

    it('filters by opening date, both ends included', async () => {
      const person = await ctx.person();
      const c = await openCase(ctx.caseworker, { beneficiaryId: person, unitId: ctx.ids.protection });
      const today = new Date().toISOString().slice(0, 10);
      const ids = async (query: string) =>
        (await ctx.caseworker.get(`/cases?beneficiaryId=${person}&${query}`)).body.items.map(
          (i: any) => i.id,
        );
      expect(await ids(`openedFrom=${today}&openedTo=${today}`)).toEqual([c.id]);
      expect(await ids('openedTo=2020-12-31')).toEqual([]);
      expect(await ids('openedFrom=2999-01-01')).toEqual([]);
    });

    it('lists only the caseworker’s units’ cases and their own', async () => {
      const own = await protectionCase();
      const legal = await openCase(ctx.supervisor, {
        beneficiaryId: await ctx.person(),
        unitId: ctx.ids.legal,
        type: 'legal',
      });
      const ids = (await allPages(ctx.caseworker, '/cases?limit=100')).flatMap((p) =>
        p.items.map((i) => i.id),
      );
      expect(ids).toContain(own.id);
      expect(ids).not.toContain(legal.id);
      const all = (await allPages(ctx.supervisor, '/cases?limit=100')).flatMap((p) =>
        p.items.map((i) => i.id),
      );
      expect(all).toEqual(expect.arrayContaining([own.id, legal.id]));
    });

    it.each([
      ['an unknown status', 'status=lost', { status: ['isEnum'] }],
      [
        'too many statuses',
        'status=open&status=open&status=open&status=open&status=open&status=open',
        { status: ['arrayMaxSize'] },
      ],
      ['an unknown type', 'type=other_things', { type: ['isEnum'] }],
      ['a malformed unit', 'unitId=7', { unitId: ['isUuid'] }],
      ['a malformed assignee', 'assignedUserId=me', { assignedUserId: ['isUuid'] }],
      ['an unknown risk level', 'riskLevel=none', { riskLevel: ['isEnum'] }],
      ['a malformed beneficiary', 'beneficiaryId=x', { beneficiaryId: ['isUuid'] }],
      ['a malformed household', 'householdId=x', { householdId: ['isUuid'] }],
      ['an impossible date', 'openedFrom=2024-02-30', { openedFrom: ['isCalendarDate'] }],
      ['a timestamp for a date', 'openedTo=2024-02-03T10:00:00Z', { openedTo: ['isCalendarDate'] }],
      [
        'a range that ends before it starts',
        'openedFrom=2024-02-03&openedTo=2024-02-02',
        { openedTo: ['beforeOpenedFrom'] },
      ],
      ['a zero limit', 'limit=0', { limit: ['min'] }],
      ['a tampered cursor', `cursor=${Buffer.from('["x"]').toString('base64url')}`, { cursor: ['invalid'] }],
      ['an unknown filter', 'colour=red', { colour: ['whitelistValidation'] }],
    ])('answers %s with a 400 naming the parameter and rule', async (_, query, details) => {
      expectError(await ctx.supervisor.get(`/cases?${query}`), 400, 'VALIDATION_FAILED', details);
    });

    it('answers a tampered history cursor with a 400', async () => {
      const c = await protectionCase();
      for (const key of [
        ['x'],
        ['2024-01-01T00:00:00.000000Z', 5, '1'],
        ['2024-01-01T00:00:00.000000Z', 0, 'abc'],
      ]) {
        const cursor = Buffer.from(JSON.stringify(key)).toString('base64url');
        expectError(
          await ctx.caseworker.get(`/cases/${c.id}/history?cursor=${cursor}`),
          400,
          'VALIDATION_FAILED',
          {
            cursor: ['invalid'],
          },
        );
      }
    });
  });
});
