import { auditEventsOf, caseTestContext, CaseTestContext, insertBeneficiary } from '../factories/cases';
import {
  CraftedRound,
  insertEmptyHousehold,
  insertItem,
  insertMembership,
  insertRoundWithRules,
} from '../factories/distribution-records';
import { expectError, expectStatus, MISSING, userIdByName } from '../utils/admin';
import { seedUsers } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

interface StoredRecord {
  id: string;
  organisation_id: string;
  beneficiary_id: string;
  aid_item_id: string;
  round_id: string | null;
  round_item_id: string | null;
  household_id: string | null;
  quantity: string;
  unit_value: string | null;
  currency: string | null;
  distributed_on: string;
  location: string | null;
  source: string;
  recorded_by_user_id: string;
  overridden_rules: string[];
}

describe('POST /distributions/imports', () => {
  let t: TestApp;
  let ctx: CaseTestContext;
  let item: string;
  let otherItem: string;
  let round: CraftedRound;
  let partnerPerson: string;
  let partnerItem: string;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    ctx = await caseTestContext(t);
    item = await insertItem(t, ctx.ids.hostId, 'food_parcel');
    otherItem = await insertItem(t, ctx.ids.hostId, 'hygiene_kit');
    round = await insertRoundWithRules(t, {
      organisationId: ctx.ids.hostId,
      createdByUserId: ctx.ids.supervisorId,
      startsOn: '2025-03-01',
      endsOn: '2025-03-31',
      rules: [{ aidItemId: item, minDaysBetween: 30 }],
    });
    partnerPerson = await insertBeneficiary(t, {
      organisationId: ctx.ids.partnerId,
      registeredUnitId: ctx.ids.psychosocial,
      registeredByUserId: await userIdByName(t, 'partner'),
    });
    partnerItem = await insertItem(t, ctx.ids.partnerId);
  }, 60_000);
  afterAll(() => t.close());

  const importList = (records: object[], sourceNote: unknown = 'Synthetic partner list') =>
    ctx.supervisor.post('/distributions/imports', { sourceNote, records });

  const stored = (ids: string[]): Promise<StoredRecord[]> =>
    t.dataSource.query(
      `SELECT id, organisation_id, beneficiary_id, aid_item_id, round_id, round_item_id, household_id, quantity::text,
              unit_value::text, currency, to_char(distributed_on, 'YYYY-MM-DD') AS distributed_on, location, source,
              recorded_by_user_id, overridden_rules
         FROM distribution_records WHERE id = ANY($1::uuid[]) ORDER BY seq`,
      [ids],
    );
  const recordCount = async (): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM distribution_records`))[0].n;

  it('imports the records as imported, without a rule check, with one audit event', async () => {
    const [p, q] = [await ctx.person(), await ctx.person()];
    const household = await insertEmptyHousehold(t, {
      organisationId: ctx.ids.hostId,
      registeredUnitId: ctx.ids.protection,
      createdByUserId: ctx.ids.supervisorId,
    });
    await insertMembership(t, {
      organisationId: ctx.ids.hostId,
      householdId: household,
      beneficiaryId: p,
      relationship: 'head',
      startedOn: '2025-03-10',
      createdByUserId: ctx.ids.supervisorId,
    });
    const res = await importList([
      // Before p joined the household: no household on that day.
      { beneficiaryId: p, aidItemId: item, quantity: 1, distributedOn: '2025-03-05', roundId: round.id },
      // Five days later, against the round's 30-day rule: imported all the same.
      {
        beneficiaryId: p,
        aidItemId: item,
        quantity: 2.5,
        distributedOn: '2025-03-10',
        location: ' Depot 4 ',
      },
      { beneficiaryId: q, aidItemId: otherItem, quantity: 1, distributedOn: '2024-11-30' },
    ]);
    expectStatus(res, 201);
    expect(res.body).toEqual({
      count: 3,
      recordIds: [expect.any(String), expect.any(String), expect.any(String)],
    });
    const rows = await stored(res.body.recordIds);
    expect(rows.map((r) => r.id)).toEqual(res.body.recordIds);
    expect(rows[0]).toMatchObject({
      organisation_id: ctx.ids.hostId,
      beneficiary_id: p,
      aid_item_id: item,
      round_id: round.id,
      round_item_id: round.itemOf[item],
      household_id: null,
      quantity: '1.00',
      unit_value: '10.00',
      currency: 'TRY',
      distributed_on: '2025-03-05',
      location: null,
      source: 'imported',
      recorded_by_user_id: ctx.ids.supervisorId,
      overridden_rules: [],
    });
    expect(rows[1]).toMatchObject({
      round_id: null,
      household_id: household,
      quantity: '2.50',
      location: 'Depot 4',
    });
    expect(rows[2]).toMatchObject({
      beneficiary_id: q,
      aid_item_id: otherItem,
      distributed_on: '2024-11-30',
    });

    const events: Array<{ changes: unknown; actor_user_id: string; organisation_id: string }> =
      await t.dataSource.query(
        `SELECT changes, actor_user_id, organisation_id FROM audit_events WHERE action = 'distribution.imported'
          ORDER BY id DESC LIMIT 1`,
      );
    expect(events[0]).toEqual({
      changes: { count: { to: 3 }, sourceNote: { to: 'Synthetic partner list' } },
      actor_user_id: ctx.ids.supervisorId,
      organisation_id: ctx.ids.hostId,
    });
    expect(await auditEventsOf(t, res.body.recordIds[0])).toEqual([]);
  });

  it('takes a list of 1000 records in one go', async () => {
    const p = await ctx.person();
    const records = Array.from({ length: 1000 }, (_, i) => ({
      beneficiaryId: p,
      aidItemId: otherItem,
      quantity: 1,
      distributedOn: `2024-0${1 + (i % 9)}-1${i % 10}`,
    }));
    const res = await importList(records);
    expectStatus(res, 201);
    expect(res.body.count).toBe(1000);
    expect(new Set(res.body.recordIds).size).toBe(1000);
  });

  it('names each bad field of each row, and imports nothing', async () => {
    const p = await ctx.person();
    const good = { beneficiaryId: p, aidItemId: item, quantity: 1, distributedOn: '2025-01-01' };
    const before = await recordCount();
    expectError(
      await importList([
        good,
        { ...good, beneficiaryId: 'nobody' },
        { ...good, distributedOn: '2025-02-30' },
        { ...good, quantity: -1 },
        { ...good, quantity: 1.234 },
        { ...good, distributedOn: '2999-01-01', location: '' },
        { ...good, unknownField: 1 },
      ]),
      400,
      'VALIDATION_FAILED',
      {
        'records.1.beneficiaryId': ['isUuid'],
        'records.2.distributedOn': ['notFuture'],
        'records.3.quantity': ['min'],
        'records.4.quantity': ['isNumber'],
        'records.5.distributedOn': ['notFuture'],
        'records.5.location': ['minLength'],
        'records.6.unknownField': ['whitelistValidation'],
      },
    );
    expectError(await importList([]), 400, 'VALIDATION_FAILED', { records: ['arrayMinSize'] });
    expectError(await importList(Array.from({ length: 1001 }, () => good)), 400, 'VALIDATION_FAILED', {
      records: ['arrayMaxSize'],
    });
    expectError(await importList([good], ''), 400, 'VALIDATION_FAILED', { sourceNote: ['minLength'] });
    expectError(await importList([good], 42), 400, 'VALIDATION_FAILED');
    expectError(
      await ctx.supervisor.post('/distributions/imports', { records: [good] }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await ctx.supervisor.post('/distributions/imports', { sourceNote: 'x', records: 'all' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await recordCount()).toBe(before);
  });

  it("answers 422 naming the rows whose people, items or rounds are not the caller's organisation's", async () => {
    const p = await ctx.person();
    const good = { beneficiaryId: p, aidItemId: item, quantity: 1, distributedOn: '2025-03-15' };
    const before = await recordCount();
    expectError(
      await importList([
        good,
        { ...good, beneficiaryId: partnerPerson },
        { ...good, aidItemId: partnerItem },
        { ...good, beneficiaryId: MISSING, aidItemId: MISSING },
        { ...good, roundId: MISSING },
        { ...good, aidItemId: otherItem, roundId: round.id },
      ]),
      422,
      'REFERENCED_RECORD_NOT_FOUND',
      {
        'records.1.beneficiaryId': ['notFound'],
        'records.2.aidItemId': ['notFound'],
        'records.3.beneficiaryId': ['notFound'],
        'records.3.aidItemId': ['notFound'],
        'records.4.roundId': ['notFound'],
        'records.5.aidItemId': ['notInRound'],
      },
    );
    expectError(
      await importList([good, { ...good, roundId: round.id, distributedOn: '2025-04-01' }]),
      422,
      'OUTSIDE_ROUND_PERIOD',
      { 'records.1.distributedOn': ['outsideRoundPeriod'] },
    );
    expect(await recordCount()).toBe(before);
  });

  it('is for supervisors (distribution.import) only', async () => {
    const body = {
      sourceNote: 'List',
      records: [{ beneficiaryId: MISSING, aidItemId: item, quantity: 1, distributedOn: '2025-03-15' }],
    };
    for (const api of [ctx.caseworker, ctx.distribution, ctx.partner, ctx.dpo, ctx.admin]) {
      expectError(await api.post('/distributions/imports', body), 403, 'FORBIDDEN');
    }
    const anonymous = await t.http().post('/api/v1/distributions/imports').send(body);
    expect(anonymous.status).toBe(401);
  });
});
