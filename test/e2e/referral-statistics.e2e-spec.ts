import { DEMO_HOST, DEMO_PARTNER } from '../../src/seed/demo-seed';
import { insertReferral, ReferralStep } from '../factories/referral-rows';
import { insertBeneficiary, unitIdByName } from '../factories/services';
import { Api, asUser, expectError, expectStatus, MISSING, userIdByName } from '../utils/admin';
import { seedUsers, tokenFor } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

/*
 * Referrals are inserted with chosen instants (test/factories/referral-rows.ts), so that counts,
 * medians and the share answered in time are known exactly. March 2025 is the period asked for.
 *
 * Received by the host organisation (the demo supervisor's):
 *
 * | #  | unit  | urgency | made        | answer due  | what happened                                         |
 * | 1  | Legal | urgent  | 03-02 10:00 | 03-03 10:00 | accepted +2 h, started, completed 48 h after accepting |
 * | 2  | Legal | normal  | 03-05 08:00 | 03-08 08:00 | accepted +4 h, started, completed 12 h after accepting |
 * | 3  | Legal | normal  | 03-10 00:00 | 03-11 00:00 | accepted +48 h: late                                  |
 * | 4  | Legal | high    | 03-15 00:00 | 03-16 00:00 | rejected +6 h                                          |
 * | 5  | Legal | normal  | 03-20 00:00 | 03-21 00:00 | still pending, past due                                |
 * | 6  | Legal | normal  | 03-21 00:00 | 03-22 00:00 | still pending, past due                                |
 * | 7  | Prot. | urgent  | 03-01 00:00 | 03-02 00:00 | from the partner; accepted +1.5 h, started             |
 * | 8  | Prot. | low     | 03-31 23:59 | in a month  | from the partner; pending, not due yet                 |
 * | 9  | Prot. | normal  | 03-25 00:00 | 03-28 00:00 | from the partner; withdrawn on 03-26, before it was due |
 *
 * Not counted for March: made 02-28 23:59:59.999 and 04-01 00:00 (Legal); the partner's referral
 * to its own Legal aid clinic. Sent by the host to the partner's Psychosocial support: #10, made
 * 03-03, accepted +3 h, completed 48 h later.
 */
describe('Referral statistics', () => {
  let t: TestApp;
  let supervisor: Api;
  let caseworker: Api;
  let partner: Api;
  let dpo: Api;
  let admin: Api;
  const units = { protection: '', legal: '', psychosocial: '', legalAidClinic: '' };

  const MARCH = 'from=2025-03-01&to=2025-03-31';
  const statistics = (api: Api, query: string) => api.get(`/referrals/statistics?${query}`);

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    [supervisor, caseworker, partner, dpo, admin] = await Promise.all(
      ['supervisor', 'caseworker', 'partner', 'dpo', 'admin'].map(async (name) =>
        asUser(t, await tokenFor(t, name)),
      ),
    );
    units.protection = await unitIdByName(t, 'Protection', DEMO_HOST);
    units.legal = await unitIdByName(t, 'Legal counselling', DEMO_HOST);
    units.psychosocial = await unitIdByName(t, 'Psychosocial support', DEMO_PARTNER);
    units.legalAidClinic = await unitIdByName(t, 'Legal aid clinic', DEMO_PARTNER);
    const hostCaseworker = await userIdByName(t, 'caseworker');
    const hostSupervisor = await userIdByName(t, 'supervisor');
    const partnerUser = await userIdByName(t, 'partner');
    const person = await insertBeneficiary(t, {
      registeredUnitId: units.protection,
      registeredByUserId: hostCaseworker,
    });
    const partnersPerson = await insertBeneficiary(t, {
      registeredUnitId: units.psychosocial,
      registeredByUserId: partnerUser,
    });

    const toLegal = (
      createdAt: string,
      urgency: string,
      steps: ReferralStep[] = [],
      responseDueAt?: string,
    ) =>
      insertReferral(t, {
        beneficiaryId: person,
        createdByUserId: hostCaseworker,
        fromUnitId: units.protection,
        toUnitId: units.legal,
        createdAt,
        responseDueAt,
        urgency,
        steps,
      });
    const byLegal = (
      to: ReferralStep['to'],
      at: string,
      extra: Partial<ReferralStep> = {},
    ): ReferralStep => ({
      to,
      at,
      byUserId: hostSupervisor,
      ...extra,
    });
    await toLegal('2025-03-02T10:00:00Z', 'urgent', [
      byLegal('accepted', '2025-03-02T12:00:00Z'),
      byLegal('in_progress', '2025-03-03T09:00:00Z'),
      byLegal('completed', '2025-03-04T12:00:00Z', { outcome: 'service_delivered' }),
    ]);
    await toLegal(
      '2025-03-05T08:00:00Z',
      'normal',
      [
        byLegal('accepted', '2025-03-05T12:00:00Z'),
        byLegal('in_progress', '2025-03-05T13:00:00Z'),
        byLegal('completed', '2025-03-06T00:00:00Z', { outcome: 'not_reachable' }),
      ],
      '2025-03-08T08:00:00Z',
    );
    await toLegal('2025-03-10T00:00:00Z', 'normal', [byLegal('accepted', '2025-03-12T00:00:00Z')]);
    await toLegal('2025-03-15T00:00:00Z', 'high', [
      byLegal('rejected', '2025-03-15T06:00:00Z', { reason: 'Free-text rejection reason' }),
    ]);
    await toLegal('2025-03-20T00:00:00Z', 'normal');
    await toLegal('2025-03-21T00:00:00Z', 'normal');
    // Outside March, by a millisecond on either side.
    await toLegal('2025-02-28T23:59:59.999Z', 'normal', [byLegal('accepted', '2025-03-01T00:00:00Z')]);
    await toLegal('2025-04-01T00:00:00Z', 'urgent');

    const fromPartner = (
      createdAt: string,
      urgency: string,
      responseDueAt: string,
      steps: ReferralStep[] = [],
    ) =>
      insertReferral(t, {
        beneficiaryId: person,
        createdByUserId: partnerUser,
        fromUnitId: units.psychosocial,
        toUnitId: units.protection,
        createdAt,
        responseDueAt,
        urgency,
        steps,
      });
    const byProtection = (to: ReferralStep['to'], at: string): ReferralStep => ({
      to,
      at,
      byUserId: hostCaseworker,
    });
    await fromPartner('2025-03-01T00:00:00Z', 'urgent', '2025-03-02T00:00:00Z', [
      byProtection('accepted', '2025-03-01T01:30:00Z'),
      byProtection('in_progress', '2025-03-01T02:00:00Z'),
    ]);
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString();
    await fromPartner('2025-03-31T23:59:59.999Z', 'low', inAMonth);
    await fromPartner('2025-03-25T00:00:00Z', 'normal', '2025-03-28T00:00:00Z', [
      { to: 'withdrawn', at: '2025-03-26T00:00:00Z', byUserId: partnerUser, reason: 'Free-text reason' },
    ]);

    // Within the partner organisation: none of the host's business.
    await insertReferral(t, {
      beneficiaryId: partnersPerson,
      createdByUserId: partnerUser,
      fromUnitId: units.psychosocial,
      toUnitId: units.legalAidClinic,
      createdAt: '2025-03-10T00:00:00Z',
    });
    // Sent by the host to the partner.
    await insertReferral(t, {
      beneficiaryId: person,
      createdByUserId: hostCaseworker,
      fromUnitId: units.protection,
      toUnitId: units.psychosocial,
      createdAt: '2025-03-03T00:00:00Z',
      steps: [
        { to: 'accepted', at: '2025-03-03T03:00:00Z', byUserId: partnerUser },
        { to: 'in_progress', at: '2025-03-04T00:00:00Z', byUserId: partnerUser },
        { to: 'completed', at: '2025-03-05T03:00:00Z', byUserId: partnerUser, outcome: 'service_delivered' },
      ],
    });
  }, 60_000);
  afterAll(() => t.close());

  /** Legal counselling's referrals of March, the same whichever side the host looks from. */
  const legalTimings = {
    total: 6,
    accepted: 3,
    completed: 2,
    // Accepted after 2, 4 and 48 hours; completed 48 and 12 hours after accepting.
    medianHoursToAccept: 4,
    medianHoursToComplete: 30,
    // #1-#6 were all due; #1, #2 and #4 were answered in time.
    responseDue: 6,
    answeredInTime: 3,
    shareAnsweredInTime: 0.5,
  };

  describe('received (the default)', () => {
    it("counts the organisation's received referrals of the period by unit, status and urgency", async () => {
      const res = await statistics(supervisor, MARCH);
      expectStatus(res, 200);
      const legal = { unitId: units.legal, unitName: 'Legal counselling' };
      const protection = { unitId: units.protection, unitName: 'Protection' };
      expect(res.body.rows).toEqual([
        { ...legal, status: 'pending', urgency: 'normal', count: 2 },
        { ...legal, status: 'accepted', urgency: 'normal', count: 1 },
        { ...legal, status: 'rejected', urgency: 'high', count: 1 },
        { ...legal, status: 'completed', urgency: 'urgent', count: 1 },
        { ...legal, status: 'completed', urgency: 'normal', count: 1 },
        { ...protection, status: 'pending', urgency: 'low', count: 1 },
        { ...protection, status: 'in_progress', urgency: 'urgent', count: 1 },
        { ...protection, status: 'withdrawn', urgency: 'normal', count: 1 },
      ]);
      expect(res.body).toMatchObject({
        from: '2025-03-01',
        to: '2025-03-31',
        direction: 'received',
        unitId: null,
      });
    });

    it('gives each unit and the whole organisation its medians and the share answered in time', async () => {
      const res = await statistics(supervisor, `${MARCH}&direction=received`);
      expectStatus(res, 200);
      expect(res.body.units).toEqual([
        { unitId: units.legal, unitName: 'Legal counselling', ...legalTimings },
        {
          unitId: units.protection,
          unitName: 'Protection',
          total: 3,
          accepted: 1,
          completed: 0,
          medianHoursToAccept: 1.5,
          medianHoursToComplete: null,
          // The pending one is not due yet and the withdrawn one was withdrawn before it was.
          responseDue: 1,
          answeredInTime: 1,
          shareAnsweredInTime: 1,
        },
      ]);
      expect(res.body.overall).toEqual({
        total: 9,
        accepted: 4,
        completed: 2,
        // Accepted after 1.5, 2, 4 and 48 hours: the median lies halfway between 2 and 4.
        medianHoursToAccept: 3,
        medianHoursToComplete: 30,
        responseDue: 7,
        answeredInTime: 4,
        shareAnsweredInTime: 0.5714,
      });
    });

    it('narrows to one receiving unit', async () => {
      const res = await statistics(supervisor, `${MARCH}&unitId=${units.protection}`);
      expectStatus(res, 200);
      expect(res.body.unitId).toBe(units.protection);
      expect(res.body.rows.map((r: any) => `${r.unitId}:${r.status}:${r.urgency}:${r.count}`)).toEqual([
        `${units.protection}:pending:low:1`,
        `${units.protection}:in_progress:urgent:1`,
        `${units.protection}:withdrawn:normal:1`,
      ]);
      expect(res.body.units.map((u: any) => u.unitId)).toEqual([units.protection]);
      expect(res.body.overall).toMatchObject({ total: 3, medianHoursToAccept: 1.5, responseDue: 1 });
    });

    it('counts whole UTC days: a one-day period holds only that day', async () => {
      const first = await statistics(supervisor, 'from=2025-03-01&to=2025-03-01');
      expect(first.body.rows).toEqual([
        {
          unitId: units.protection,
          unitName: 'Protection',
          status: 'in_progress',
          urgency: 'urgent',
          count: 1,
        },
      ]);
      const last = await statistics(supervisor, 'from=2025-03-31&to=2025-03-31');
      expect(last.body.rows.map((r: any) => `${r.status}:${r.urgency}`)).toEqual(['pending:low']);
      const february = await statistics(supervisor, 'from=2025-02-28&to=2025-02-28');
      expect(february.body.overall).toMatchObject({ total: 1, accepted: 1, medianHoursToAccept: 0 });
    });

    it('answers a period without referrals with zeros and no medians', async () => {
      const res = await statistics(supervisor, 'from=2024-01-01&to=2025-01-01');
      expectStatus(res, 200);
      expect(res.body).toEqual({
        from: '2024-01-01',
        to: '2025-01-01',
        direction: 'received',
        unitId: null,
        rows: [],
        units: [],
        overall: {
          total: 0,
          accepted: 0,
          completed: 0,
          medianHoursToAccept: null,
          medianHoursToComplete: null,
          responseDue: 0,
          answeredInTime: 0,
          shareAnsweredInTime: null,
        },
      });
    });
  });

  describe('sent', () => {
    it("counts the organisation's sent referrals by the unit that received them, a partner's too", async () => {
      const res = await statistics(supervisor, `${MARCH}&direction=sent`);
      expectStatus(res, 200);
      expect(res.body.direction).toBe('sent');
      expect(res.body.units).toEqual([
        { unitId: units.legal, unitName: 'Legal counselling', ...legalTimings },
        {
          unitId: units.psychosocial,
          unitName: 'Psychosocial support',
          total: 1,
          accepted: 1,
          completed: 1,
          medianHoursToAccept: 3,
          medianHoursToComplete: 48,
          responseDue: 1,
          answeredInTime: 1,
          shareAnsweredInTime: 1,
        },
      ]);
      expect(res.body.overall).toMatchObject({ total: 7, accepted: 4, completed: 3 });
      // The partner's referrals to the host are received, not sent, by the host.
      expect(res.body.rows.some((r: any) => r.unitId === units.protection)).toBe(false);
    });

    it("narrows to a partner's receiving unit", async () => {
      const res = await statistics(supervisor, `${MARCH}&direction=sent&unitId=${units.psychosocial}`);
      expectStatus(res, 200);
      expect(res.body.rows).toEqual([
        {
          unitId: units.psychosocial,
          unitName: 'Psychosocial support',
          status: 'completed',
          urgency: 'normal',
          count: 1,
        },
      ]);
    });
  });

  describe('who may ask', () => {
    it.each([
      ['a caseworker', () => caseworker],
      ['a partner user', () => partner],
      ['the data protection officer', () => dpo],
      ['an administrator', () => admin],
    ])('forbids %s', async (_, api) => {
      expectError(await statistics(api(), MARCH), 403, 'FORBIDDEN');
    });

    it('never names a person or carries free text', async () => {
      const res = await statistics(supervisor, MARCH);
      expect(JSON.stringify(res.body)).not.toMatch(/Free-text|FORM-REF|Test |Family /);
    });
  });

  describe('bad input', () => {
    it.each([
      ['', { from: ['isCalendarDate'], to: ['isCalendarDate'] }],
      ['from=2025-03-01', { to: ['isCalendarDate'] }],
      ['from=2025-02-30&to=2025-03-31', { from: ['isCalendarDate'] }],
      ['from=2025-03-01&to=31.03.2025', { to: ['isCalendarDate'] }],
      ['from=2025-03-10&to=2025-03-09', { to: ['notBeforeFrom'] }],
      ['from=2024-01-01&to=2025-01-02', { to: ['withinMaxPeriod'] }],
      [`${MARCH}&direction=both`, { direction: ['isEnum'] }],
      [`${MARCH}&unitId=legal`, { unitId: ['isUuid'] }],
      [`${MARCH}&unitId=${MISSING}`, { unitId: ['unknownUnit'] }],
      [`${MARCH}&status=pending`, { status: ['whitelistValidation'] }],
    ])('refuses ?%s', async (query, details) => {
      expectError(await statistics(supervisor, query), 400, 'VALIDATION_FAILED', details);
    });

    it("refuses another organisation's unit for received referrals", async () => {
      expectError(
        await statistics(supervisor, `${MARCH}&unitId=${units.psychosocial}`),
        400,
        'VALIDATION_FAILED',
        { unitId: ['notOwnUnit'] },
      );
    });
  });
});
