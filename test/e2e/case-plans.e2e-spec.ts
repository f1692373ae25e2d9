import { Vulnerability } from '../../src/beneficiaries/beneficiary-codes';
import { NeedCode, NeedSeverity } from '../../src/cases/assessments/need-codes';
import { scoreAssessment } from '../../src/cases/assessments/vulnerability-score';
import {
  auditEventsOf,
  caseTestContext,
  CaseTestContext,
  closeCase,
  insertHousehold,
  openCase,
} from '../factories/cases';
import { allPages, expectError, expectStatus, MISSING } from '../utils/admin';
import { seedUsers } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Needs assessments and case plan goals', () => {
  let t: TestApp;
  let ctx: CaseTestContext;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    ctx = await caseTestContext(t);
  }, 60_000);
  afterAll(() => t.close());

  async function protectionCase(vulnerabilities: string[] = []) {
    return openCase(ctx.caseworker, {
      beneficiaryId: await ctx.person(vulnerabilities),
      unitId: ctx.ids.protection,
    });
  }

  describe('needs assessments', () => {
    it('scores the needs with the person’s vulnerabilities and keeps the breakdown', async () => {
      const c = await protectionCase(['single_parent', 'disability']);
      const needs = [
        { code: 'shelter', severity: 'severe' },
        { code: 'protection', severity: 'extreme' },
        { code: 'language', severity: 'none' },
      ];
      const res = await ctx.caseworker.post(`/cases/${c.id}/assessments`, { needs, note: 'Home visit' });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.any(String),
        caseId: c.id,
        needs,
        score: 57,
        level: 'high',
        breakdown: [
          { source: 'need', code: 'protection', points: 28 },
          { source: 'need', code: 'shelter', points: 15 },
          { source: 'vulnerability', code: 'disability', points: 8 },
          { source: 'vulnerability', code: 'single_parent', points: 6 },
        ],
        method: 'v1',
        note: 'Home visit',
        assessedByUserId: ctx.ids.caseworkerId,
        assessedAt: expect.any(String),
      });
      const expected = scoreAssessment(
        needs.map((n) => ({ code: n.code as NeedCode, severity: n.severity as NeedSeverity })),
        [Vulnerability.SingleParent, Vulnerability.Disability],
      );
      expect(res.body).toMatchObject({
        score: expected.score,
        level: expected.level,
        breakdown: expected.breakdown,
      });
    });

    it('counts the vulnerabilities of a household’s current members, each once', async () => {
      const member = (v: string[]) => ctx.person(v);
      const householdId = await insertHousehold(t, {
        organisationId: ctx.ids.hostId,
        registeredUnitId: ctx.ids.protection,
        createdByUserId: ctx.ids.caseworkerId,
        members: [
          { beneficiaryId: await member(['disability']), relationship: 'head' },
          { beneficiaryId: await member(['disability', 'chronic_illness']), relationship: 'child' },
          {
            beneficiaryId: await member(['unaccompanied_child']),
            relationship: 'other_relative',
            endedOn: '2024-06-01',
          },
        ],
      });
      const c = await openCase(ctx.caseworker, {
        householdId,
        unitId: ctx.ids.protection,
        type: 'socio_economic',
      });
      const res = await ctx.caseworker.post(`/cases/${c.id}/assessments`, {
        needs: [{ code: 'food', severity: 'moderate' }],
      });
      expectStatus(res, 201);
      expect(res.body).toMatchObject({
        score: 23,
        level: 'low',
        breakdown: [
          { source: 'need', code: 'food', points: 10 },
          { source: 'vulnerability', code: 'disability', points: 8 },
          { source: 'vulnerability', code: 'chronic_illness', points: 5 },
        ],
      });
    });

    it('caps the score at 100 and calls it critical', async () => {
      const c = await protectionCase(['unaccompanied_child', 'survivor_of_violence']);
      const needs = ['gender_based_violence', 'child_protection', 'protection', 'food'].map((code) => ({
        code,
        severity: 'extreme',
      }));
      const res = await ctx.caseworker.post(`/cases/${c.id}/assessments`, { needs });
      expect(res.body).toMatchObject({ score: 100, level: 'critical' });
    });

    it('shows the latest assessment on the case and lists them newest first', async () => {
      const c = await protectionCase();
      const first = await ctx.caseworker.post(`/cases/${c.id}/assessments`, {
        needs: [{ code: 'education', severity: 'mild' }],
      });
      const second = await ctx.caseworker.post(`/cases/${c.id}/assessments`, {
        needs: [{ code: 'health_care', severity: 'severe' }],
      });
      const got = await ctx.caseworker.get(`/cases/${c.id}`);
      expect(got.body.latestAssessment).toEqual({
        id: second.body.id,
        score: 15,
        level: 'low',
        method: 'v1',
        assessedAt: second.body.assessedAt,
      });
      const listed = (await ctx.supervisor.get('/cases?limit=100')).body.items.find(
        (i: any) => i.id === c.id,
      );
      expect(listed?.latestAssessment?.id).toBe(second.body.id);
      const pages = await allPages(ctx.caseworker, `/cases/${c.id}/assessments?limit=1`);
      expect(pages.flatMap((p) => p.items)).toEqual([second.body, first.body]);
    });

    it('audits the assessment without the needs or the score', async () => {
      const c = await protectionCase();
      const res = await ctx.caseworker.post(`/cases/${c.id}/assessments`, {
        needs: [{ code: 'gender_based_violence', severity: 'severe' }],
      });
      const [event] = await auditEventsOf(t, c.id, 'case.assessment_recorded');
      expect(event.changes).toEqual({
        assessmentId: { to: res.body.id },
        method: { to: 'v1' },
        needs: {},
        score: {},
      });
    });

    it('refuses an assessment of a closed case', async () => {
      const c = await protectionCase();
      await closeCase(ctx.caseworker, c.id);
      expectError(
        await ctx.caseworker.post(`/cases/${c.id}/assessments`, {
          needs: [{ code: 'food', severity: 'mild' }],
        }),
        409,
        'CASE_CLOSED',
      );
    });

    it('hides assessments outside the caller’s scope', async () => {
      const c = await protectionCase();
      const body = { needs: [{ code: 'food', severity: 'mild' }] };
      for (const api of [ctx.legalCaseworker.api, ctx.partnerCaseworker.api]) {
        expectError(await api.post(`/cases/${c.id}/assessments`, body), 404, 'NOT_FOUND');
        expectError(await api.get(`/cases/${c.id}/assessments`), 404, 'NOT_FOUND');
      }
      expectError(await ctx.partner.get(`/cases/${c.id}/assessments`), 404, 'NOT_FOUND');
      expectError(await ctx.distribution.get(`/cases/${c.id}/assessments`), 403, 'FORBIDDEN');
      expectError(await ctx.admin.post(`/cases/${c.id}/assessments`, body), 403, 'FORBIDDEN');
      expectStatus(await ctx.admin.get(`/cases/${c.id}/assessments`), 200);
      expectError(await ctx.caseworker.get(`/cases/${MISSING}/assessments`), 404, 'NOT_FOUND');
    });

    it.each([
      ['no needs', { needs: [] }, { needs: ['arrayMinSize'] }],
      ['a missing needs list', {}, { needs: ['arrayUnique', 'arrayMaxSize', 'arrayMinSize', 'isArray'] }],
      [
        'needs that are not a list',
        { needs: 'food' },
        { needs: ['arrayUnique', 'arrayMaxSize', 'arrayMinSize', 'isArray', 'nestedValidation'] },
      ],
      [
        'the same need twice',
        {
          needs: [
            { code: 'food', severity: 'mild' },
            { code: 'food', severity: 'severe' },
          ],
        },
        { needs: ['arrayUnique'] },
      ],
      [
        'an unknown need',
        { needs: [{ code: 'happiness', severity: 'mild' }] },
        { 'needs.0.code': ['isEnum'] },
      ],
      [
        'an unknown severity',
        { needs: [{ code: 'food', severity: 'awful' }] },
        { 'needs.0.severity': ['isEnum'] },
      ],
      ['a need without severity', { needs: [{ code: 'food' }] }, { 'needs.0.severity': ['isEnum'] }],
      [
        'an unknown field in a need',
        { needs: [{ code: 'food', severity: 'mild', weight: 9 }] },
        { 'needs.0.weight': ['whitelistValidation'] },
      ],
      ['a need that is not an object', { needs: ['food'] }, { 'needs.0': ['nestedValidation'] }],
      [
        'an oversize note',
        { needs: [{ code: 'food', severity: 'mild' }], note: 'n'.repeat(2001) },
        { note: ['maxLength'] },
      ],
      [
        'a score sent by the client',
        { needs: [{ code: 'food', severity: 'mild' }], score: 100 },
        { score: ['whitelistValidation'] },
      ],
    ])('answers %s with a 400 naming the field and rule', async (_, body, details) => {
      const c = await protectionCase();
      expectError(
        await ctx.caseworker.post(`/cases/${c.id}/assessments`, body),
        400,
        'VALIDATION_FAILED',
        details,
      );
    });

    it('answers more than 30 needs with a 400 naming needs', async () => {
      const c = await protectionCase();
      const needs = Array.from({ length: 31 }, (_, i) => ({
        code: Object.values(NeedCode)[i % 17],
        severity: 'mild',
      }));
      const res = await ctx.caseworker.post(`/cases/${c.id}/assessments`, { needs });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details.needs).toContain('arrayMaxSize');
    });

    it('answers a bad list request or id with a 400', async () => {
      const c = await protectionCase();
      expectError(await ctx.caseworker.get(`/cases/${c.id}/assessments?limit=x`), 400, 'VALIDATION_FAILED');
      expectError(
        await ctx.caseworker.get(`/cases/${c.id}/assessments?cursor=!!`),
        400,
        'VALIDATION_FAILED',
        {
          cursor: ['matches'],
        },
      );
      expectError(await ctx.caseworker.get('/cases/x/assessments'), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
    });
  });

  describe('goals', () => {
    async function addGoal(caseId: string, body: object) {
      const res = await ctx.caseworker.post(`/cases/${caseId}/goals`, body);
      expectStatus(res, 201);
      return res.body;
    }

    it('adds goals, not started unless said otherwise, and lists them in order', async () => {
      const c = await protectionCase();
      const first = await addGoal(c.id, { description: '  Enrol the children in school  ' });
      expect(first).toEqual({
        id: expect.any(String),
        caseId: c.id,
        description: 'Enrol the children in school',
        status: 'not_started',
        targetDate: null,
        createdByUserId: ctx.ids.caseworkerId,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const second = await addGoal(c.id, {
        description: 'Renew the residence permit',
        targetDate: '2027-03-31',
        status: 'in_progress',
      });
      expect(second).toMatchObject({ targetDate: '2027-03-31', status: 'in_progress' });
      const pages = await allPages(ctx.caseworker, `/cases/${c.id}/goals?limit=1`);
      expect(pages.flatMap((p) => p.items)).toEqual([first, second]);
    });

    it('updates a goal’s status and target date, auditing the description only as changed', async () => {
      const c = await protectionCase();
      const goal = await addGoal(c.id, { description: 'Find a job', targetDate: '2027-01-01' });
      const res = await ctx.caseworker.patch(`/case-goals/${goal.id}`, {
        status: 'achieved',
        targetDate: null,
        description: 'Find a job as a tailor',
      });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({
        status: 'achieved',
        targetDate: null,
        description: 'Find a job as a tailor',
      });
      const events = await auditEventsOf(t, c.id, 'case.goal_updated');
      expect(events.map((e) => e.changes)).toEqual([
        {
          goalId: { to: goal.id },
          status: { from: 'not_started', to: 'achieved' },
          targetDate: { from: '2027-01-01', to: null },
          description: {},
        },
      ]);
      const [created] = await auditEventsOf(t, c.id, 'case.goal_created');
      expect(JSON.stringify(created)).not.toContain('Find a job');
    });

    it('writes nothing for an update that changes nothing', async () => {
      const c = await protectionCase();
      const goal = await addGoal(c.id, { description: 'Attend language course' });
      expectStatus(await ctx.caseworker.patch(`/case-goals/${goal.id}`, { status: 'not_started' }), 200);
      expect(await auditEventsOf(t, c.id, 'case.goal_updated')).toEqual([]);
    });

    it('refuses goals and goal changes on a closed case', async () => {
      const c = await protectionCase();
      const goal = await addGoal(c.id, { description: 'Find housing' });
      await closeCase(ctx.caseworker, c.id);
      expectError(
        await ctx.caseworker.post(`/cases/${c.id}/goals`, { description: 'x' }),
        409,
        'CASE_CLOSED',
      );
      expectError(
        await ctx.caseworker.patch(`/case-goals/${goal.id}`, { status: 'cancelled' }),
        409,
        'CASE_CLOSED',
      );
    });

    it('hides goals outside the caller’s scope', async () => {
      const c = await protectionCase();
      const goal = await addGoal(c.id, { description: 'Find housing' });
      for (const api of [ctx.legalCaseworker.api, ctx.partnerCaseworker.api]) {
        expectError(await api.get(`/cases/${c.id}/goals`), 404, 'NOT_FOUND');
        expectError(await api.post(`/cases/${c.id}/goals`, { description: 'x' }), 404, 'NOT_FOUND');
        expectError(await api.patch(`/case-goals/${goal.id}`, { status: 'cancelled' }), 404, 'NOT_FOUND');
      }
      expectError(await ctx.admin.patch(`/case-goals/${goal.id}`, { status: 'cancelled' }), 403, 'FORBIDDEN');
      expectError(await ctx.distribution.get(`/cases/${c.id}/goals`), 403, 'FORBIDDEN');
      expectError(
        await ctx.caseworker.patch(`/case-goals/${MISSING}`, { status: 'cancelled' }),
        404,
        'NOT_FOUND',
      );
    });

    it.each([
      ['a missing description', {}, { description: ['maxLength', 'minLength', 'isString'] }],
      ['a blank description', { description: '   ' }, { description: ['minLength'] }],
      ['an oversize description', { description: 'd'.repeat(501) }, { description: ['maxLength'] }],
      [
        'an impossible target date',
        { description: 'x', targetDate: '2027-02-29' },
        { targetDate: ['isCalendarDate'] },
      ],
      [
        'a target date in another format',
        { description: 'x', targetDate: '31.03.2027' },
        { targetDate: ['isCalendarDate'] },
      ],
      ['an unknown status', { description: 'x', status: 'done' }, { status: ['isEnum'] }],
      ['an unknown field', { description: 'x', priority: 1 }, { priority: ['whitelistValidation'] }],
    ])('answers a new goal with %s with a 400 naming the field and rule', async (_, body, details) => {
      const c = await protectionCase();
      expectError(await ctx.caseworker.post(`/cases/${c.id}/goals`, body), 400, 'VALIDATION_FAILED', details);
    });

    it.each([
      ['a null status', { status: null }, { status: ['isEnum'] }],
      ['a null description', { description: null }, { description: ['maxLength', 'minLength', 'isString'] }],
      ['an impossible target date', { targetDate: '2027-13-01' }, { targetDate: ['isCalendarDate'] }],
      ['a new case', { caseId: MISSING }, { caseId: ['whitelistValidation'] }],
    ])('answers a goal change with %s with a 400 naming the field and rule', async (_, body, details) => {
      const c = await protectionCase();
      const goal = await addGoal(c.id, { description: 'Find housing' });
      expectError(
        await ctx.caseworker.patch(`/case-goals/${goal.id}`, body),
        400,
        'VALIDATION_FAILED',
        details,
      );
    });

    it('answers malformed ids with a 400 naming id', async () => {
      expectError(
        await ctx.caseworker.patch('/case-goals/1', { status: 'achieved' }),
        400,
        'VALIDATION_FAILED',
        {
          id: ['isUuid'],
        },
      );
      expectError(await ctx.caseworker.get('/cases/1/goals'), 400, 'VALIDATION_FAILED', { id: ['isUuid'] });
    });
  });
});
