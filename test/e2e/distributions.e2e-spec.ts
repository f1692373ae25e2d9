import { randomUUID } from 'node:crypto';
import { fingerprint } from '../../src/idempotency/idempotency.service';
import { caseTestContext, CaseTestContext, insertBeneficiary, insertHousehold } from '../factories/cases';
import { distribute, insertAidItem, insertRound, recorded, RuleRow } from '../factories/distributions';
import { allItems, asUser, createAndLogin, expectError, expectStatus, MISSING } from '../utils/admin';
import { seedUsers, tokenFor } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Distributions: recording aid under the entitlement rules', () => {
  let t: TestApp;
  let ctx: CaseTestContext;
  let officer: ReturnType<typeof asUser>;
  let officerId: string;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    ctx = await caseTestContext(t);
    officer = ctx.distribution;
    officerId = (await t.dataSource.query(`SELECT id FROM users WHERE username = 'distribution'`))[0].id;
  }, 60_000);
  afterAll(() => t.close());

  const person = (extra: { vulnerabilities?: string[] } = {}) =>
    insertBeneficiary(t, {
      organisationId: ctx.ids.hostId,
      registeredUnitId: ctx.ids.protection,
      registeredByUserId: ctx.ids.caseworkerId,
      ...extra,
    });

  /** A household of `n` new people, members since 2024-01-01; returns its id and the people. */
  async function household(n: number) {
    const people = await Promise.all(Array.from({ length: n }, () => person()));
    const householdId = await insertHousehold(t, {
      organisationId: ctx.ids.hostId,
      registeredUnitId: ctx.ids.protection,
      createdByUserId: ctx.ids.caseworkerId,
      members: people.map((beneficiaryId, i) => ({
        beneficiaryId,
        relationship: i === 0 ? 'head' : 'child',
      })),
    });
    return { householdId, people };
  }

  /** A round of the host with one item and its rule. */
  async function roundWith(rule: Omit<RuleRow, 'aidItemId'> = {}, round: object = {}) {
    const aidItemId = await insertAidItem(t, ctx.ids.hostId);
    const roundId = await insertRound(t, {
      organisationId: ctx.ids.hostId,
      createdByUserId: ctx.ids.supervisorId,
      items: [{ aidItemId, ...rule }],
      ...round,
    });
    return { roundId, aidItemId };
  }

  describe('rules per person', () => {
    it('refuses a receipt too soon after the last one, naming the rule, the date and the earlier record', async () => {
      const { roundId, aidItemId } = await roundWith({ minDaysBetween: 30 });
      const beneficiaryId = await person();
      const first = await recorded(officer, {
        roundId,
        aidItemId,
        beneficiaryId,
        distributedOn: '2026-03-01',
      });
      expect(first).toMatchObject({
        quantity: 1,
        distributedOn: '2026-03-01',
        location: 'Centre',
        source: 'live',
      });

      const again = await distribute(officer, {
        roundId,
        aidItemId,
        beneficiaryId,
        distributedOn: '2026-03-15',
      });
      expectError(again, 409, 'ENTITLEMENT_EXCEEDED');
      expect(again.body.message).toBe('Not entitled until 2026-03-31 (min_days_between)');
      expect(again.body.details).toMatchObject({
        rule: 'min_days_between',
        entitledFrom: '2026-03-31',
        earlierRecords: [{ id: first.id, distributedOn: '2026-03-01', aidItemId, beneficiaryId }],
      });
      // A receipt recorded after the fact counts both ways.
      const before = await distribute(officer, {
        roundId,
        aidItemId,
        beneficiaryId,
        distributedOn: '2026-02-20',
      });
      expectError(before, 409, 'ENTITLEMENT_EXCEEDED');
      await recorded(officer, { roundId, aidItemId, beneficiaryId, distributedOn: '2026-03-31' });
    });

    it('refuses more than the maximum within the period and says when the next one is due', async () => {
      const { roundId, aidItemId } = await roundWith({ maxPerPeriod: 2, periodDays: 90 });
      const beneficiaryId = await person();
      await recorded(officer, { roundId, aidItemId, beneficiaryId, distributedOn: '2026-01-10' });
      await recorded(officer, { roundId, aidItemId, beneficiaryId, distributedOn: '2026-02-10' });
      const third = await distribute(officer, {
        roundId,
        aidItemId,
        beneficiaryId,
        distributedOn: '2026-03-01',
      });
      expectError(third, 409, 'ENTITLEMENT_EXCEEDED');
      // The window of 90 days that holds 2026-01-10 ends on 2026-04-09.
      expect(third.body.details).toMatchObject({ rule: 'max_per_period', entitledFrom: '2026-04-10' });
      expect(third.body.details.earlierRecords).toHaveLength(2);
      await recorded(officer, { roundId, aidItemId, beneficiaryId, distributedOn: '2026-04-10' });
    });

    it('refuses an item that may not be combined with one received in the round', async () => {
      const parcel = await insertAidItem(t, ctx.ids.hostId);
      const voucher = await insertAidItem(t, ctx.ids.hostId, { category: 'food_voucher' });
      const roundId = await insertRound(t, {
        organisationId: ctx.ids.hostId,
        createdByUserId: ctx.ids.supervisorId,
        items: [
          { aidItemId: parcel, exclusiveWithItemIds: [voucher] },
          { aidItemId: voucher, exclusiveWithItemIds: [parcel] },
        ],
      });
      const beneficiaryId = await person();
      await recorded(officer, { roundId, aidItemId: voucher, beneficiaryId, distributedOn: '2026-05-01' });
      const res = await distribute(officer, {
        roundId,
        aidItemId: parcel,
        beneficiaryId,
        distributedOn: '2026-06-01',
      });
      expectError(res, 409, 'ENTITLEMENT_EXCEEDED');
      expect(res.body.details).toMatchObject({ rule: 'exclusive_items', entitledFrom: null });
      expect(res.body.message).toBe('Not entitled again in this round (exclusive_items)');
    });

    it('refuses more than the quantity per receipt', async () => {
      const { roundId, aidItemId } = await roundWith({ quantityPerReceipt: 2 });
      const beneficiaryId = await person();
      const res = await distribute(officer, {
        roundId,
        aidItemId,
        beneficiaryId,
        distributedOn: '2026-05-01',
        quantity: 3,
      });
      expectError(res, 409, 'ENTITLEMENT_EXCEEDED');
      expect(res.body.details.rule).toBe('quantity_per_receipt');
      const ok = await recorded(officer, { roundId, aidItemId, beneficiaryId, distributedOn: '2026-05-01' });
      expect(ok.quantity).toBe(2);
    });
  });

  describe('rules per household', () => {
    it("counts every member's receipts", async () => {
      const { roundId, aidItemId } = await roundWith({ countedPer: 'household', minDaysBetween: 30 });
      const { householdId, people } = await household(3);
      const first = await recorded(officer, {
        roundId,
        aidItemId,
        beneficiaryId: people[0],
        distributedOn: '2026-07-01',
      });
      expect(first.householdId).toBe(householdId);
      const other = await distribute(officer, {
        roundId,
        aidItemId,
        beneficiaryId: people[2],
        distributedOn: '2026-07-10',
      });
      expectError(other, 409, 'ENTITLEMENT_EXCEEDED');
      expect(other.body.details).toMatchObject({
        rule: 'min_days_between',
        entitledFrom: '2026-07-31',
        earlierRecords: [{ id: first.id, beneficiaryId: people[0] }],
      });
    });

    it('follows household membership on the date of each receipt when people move', async () => {
      const { roundId, aidItemId } = await roundWith({ countedPer: 'household', minDaysBetween: 60 });
      const one = await household(2);
      const two = await household(2);
      const mover = one.people[1];
      await recorded(officer, { roundId, aidItemId, beneficiaryId: mover, distributedOn: '2026-03-01' });
      // The mover leaves the first household on 2026-03-10 and joins the second that day.
      await t.dataSource.query(
        `UPDATE household_memberships SET ended_on = '2026-03-10', exit_reason = 'moved_away'
          WHERE beneficiary_id = $1 AND ended_on IS NULL`,
        [mover],
      );
      await t.dataSource.query(
        `INSERT INTO household_memberships (organisation_id, household_id, beneficiary_id, relationship, started_on,
                                            created_by_user_id)
         VALUES ($1, $2, $3, 'other_relative', '2026-03-10', $4)`,
        [ctx.ids.hostId, two.householdId, mover, ctx.ids.caseworkerId],
      );
      // Their receipt counts for the household they were in on that day...
      const stayed = await distribute(officer, {
        roundId,
        aidItemId,
        beneficiaryId: one.people[0],
        distributedOn: '2026-03-15',
      });
      expectError(stayed, 409, 'ENTITLEMENT_EXCEEDED');
      // ...not for the one they joined later.
      const joined = await recorded(officer, {
        roundId,
        aidItemId,
        beneficiaryId: two.people[0],
        distributedOn: '2026-03-15',
      });
      expect(joined.householdId).toBe(two.householdId);
      // And now the mover's new household has had its parcel.
      const moverAgain = await distribute(officer, {
        roundId,
        aidItemId,
        beneficiaryId: mover,
        distributedOn: '2026-03-20',
      });
      expectError(moverAgain, 409, 'ENTITLEMENT_EXCEEDED');
    });

    it('records exactly one of 50 concurrent requests for one household and item', async () => {
      const { roundId, aidItemId } = await roundWith({ countedPer: 'household', minDaysBetween: 30 });
      const { householdId, people } = await household(5);
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          distribute(officer, {
            roundId,
            aidItemId,
            beneficiaryId: people[i % people.length],
            distributedOn: '2026-08-01',
          }),
        ),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      const winner = responses.find((r) => r.status === 201)!;
      for (const r of responses.filter((x) => x.status === 409)) {
        expect(r.body.code).toBe('ENTITLEMENT_EXCEEDED');
        expect(r.body.details.earlierRecords).toEqual([expect.objectContaining({ id: winner.body.id })]);
      }
      const rows = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM distribution_records WHERE household_id = $1 AND round_id = $2`,
        [householdId, roundId],
      );
      expect(rows[0].n).toBe(1);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeated request with the original response, once recorded', async () => {
      const { roundId, aidItemId } = await roundWith({ minDaysBetween: 30 });
      const body = { roundId, aidItemId, beneficiaryId: await person(), distributedOn: '2026-04-01' };
      const key = randomUUID();
      const first = await distribute(officer, body, key);
      expectStatus(first, 201);
      const again = await distribute(officer, body, key);
      expectStatus(again, 201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const rows = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM distribution_records WHERE beneficiary_id = $1`,
        [body.beneficiaryId],
      );
      expect(rows[0].n).toBe(1);
    });

    it('gives a refusal again for its key, and refuses the key with another body', async () => {
      const { roundId, aidItemId } = await roundWith({ minDaysBetween: 30 });
      const beneficiaryId = await person();
      await recorded(officer, { roundId, aidItemId, beneficiaryId, distributedOn: '2026-04-01' });
      const body = { roundId, aidItemId, beneficiaryId, distributedOn: '2026-04-02' };
      const key = randomUUID();
      expectError(await distribute(officer, body, key), 409, 'ENTITLEMENT_EXCEEDED');
      expectError(await distribute(officer, body, key), 409, 'ENTITLEMENT_EXCEEDED');
      const other = await distribute(officer, { ...body, distributedOn: '2026-06-01' }, key);
      expectError(other, 422, 'IDEMPOTENCY_KEY_REUSED', { 'Idempotency-Key': ['reusedWithOtherRequest'] });
    });

    it('answers 409 while a request with the key is still being processed', async () => {
      const { roundId, aidItemId } = await roundWith();
      const body = { roundId, aidItemId, beneficiaryId: await person(), distributedOn: '2026-04-01' };
      const key = randomUUID();
      await t.dataSource.query(
        `INSERT INTO idempotency_keys (user_id, key, operation, request_hash, state) VALUES ($1, $2, $3, $4, 'in_flight')`,
        [officerId, key, 'POST /distributions', fingerprint(body)],
      );
      expectError(await distribute(officer, body, key), 409, 'IDEMPOTENCY_KEY_IN_FLIGHT');
    });

    it('requires the header, in a usable form, and keeps keys apart per user', async () => {
      const { roundId, aidItemId } = await roundWith();
      const body = { roundId, aidItemId, beneficiaryId: await person(), distributedOn: '2026-04-01' };
      const bare = await officer.post('/distributions', body);
      expectError(bare, 400, 'IDEMPOTENCY_KEY_REQUIRED', { 'Idempotency-Key': ['required'] });
      expectError(await distribute(officer, body, 'short'), 400, 'VALIDATION_FAILED', {
        'Idempotency-Key': ['format'],
      });
      const key = randomUUID();
      expectStatus(await distribute(officer, body, key), 201);
      // The supervisor's request with the same key is their own: recorded or refused on its merits.
      const theirs = await distribute(ctx.supervisor, { ...body, distributedOn: '2026-04-02' }, key);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    });
  });

  describe('overrides and voids', () => {
    it('lets a supervisor record despite a rule with a reason, marked and audited; not an officer', async () => {
      const { roundId, aidItemId } = await roundWith({ minDaysBetween: 30 });
      const beneficiaryId = await person();
      await recorded(officer, { roundId, aidItemId, beneficiaryId, distributedOn: '2026-09-01' });
      const body = {
        roundId,
        aidItemId,
        beneficiaryId,
        distributedOn: '2026-09-05',
        override: { reason: 'House fire: the family lost its food' },
      };
      expectError(await distribute(officer, body), 403, 'FORBIDDEN');
      const res = await distribute(ctx.supervisor, body);
      expectStatus(res, 201);
      expect(res.body).toMatchObject({
        overriddenRules: ['min_days_between'],
        overrideReason: 'House fire: the family lost its food',
      });
      const audit = await t.dataSource.query(
        `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at, id`,
        [res.body.id],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'distribution.recorded',
        'distribution.overridden',
      ]);
      const overridden = await allItems(ctx.supervisor, `/distributions?roundId=${roundId}&overridden=true`);
      expect(overridden.map((d: { id: string }) => d.id)).toEqual([res.body.id]);
    });

    it('overrides the eligibility criteria too, which otherwise refuse with the criterion', async () => {
      const { roundId, aidItemId } = await roundWith({}, { eligibleVulnerabilities: ['disability'] });
      const beneficiaryId = await person();
      const res = await distribute(officer, {
        roundId,
        aidItemId,
        beneficiaryId,
        distributedOn: '2026-05-01',
      });
      expectError(res, 422, 'NOT_ELIGIBLE', { criteria: ['vulnerability'] });
      const eligible = await person({ vulnerabilities: ['disability'] });
      await recorded(officer, { roundId, aidItemId, beneficiaryId: eligible, distributedOn: '2026-05-01' });
      const overridden = await distribute(ctx.supervisor, {
        roundId,
        aidItemId,
        beneficiaryId,
        distributedOn: '2026-05-01',
        override: { reason: 'Disability assessment pending' },
      });
      expectStatus(overridden, 201);
      expect(overridden.body.overriddenRules).toEqual(['eligibility_criteria']);
    });

    it('voids a record with a reason, once; a voided record no longer counts', async () => {
      const { roundId, aidItemId } = await roundWith({ minDaysBetween: 30 });
      const beneficiaryId = await person();
      const wrong = await recorded(officer, {
        roundId,
        aidItemId,
        beneficiaryId,
        distributedOn: '2026-10-01',
      });
      const res = await officer.post(`/distributions/${wrong.id}/void`, {
        reason: 'Recorded for the wrong person',
      });
      expectStatus(res, 200);
      expect(res.body.void).toMatchObject({
        reason: 'Recorded for the wrong person',
        voidedByUserId: officerId,
      });
      expectError(
        await officer.post(`/distributions/${wrong.id}/void`, { reason: 'again' }),
        409,
        'ALREADY_VOIDED',
      );
      await recorded(officer, { roundId, aidItemId, beneficiaryId, distributedOn: '2026-10-02' });
      // The record is still there, marked.
      const all = await allItems(officer, `/distributions?beneficiaryId=${beneficiaryId}&includeVoided=true`);
      expect(all).toHaveLength(2);
      expect(await allItems(officer, `/distributions?beneficiaryId=${beneficiaryId}`)).toHaveLength(1);
      await expect(
        t.dataSource.query(`DELETE FROM distribution_records WHERE id = $1`, [wrong.id]),
      ).rejects.toThrow(/append-only/);
    });

    it("does not let an officer void another officer's record; a supervisor may", async () => {
      const { roundId, aidItemId } = await roundWith();
      const rec = await recorded(ctx.supervisor, {
        roundId,
        aidItemId,
        beneficiaryId: await person(),
        distributedOn: '2026-10-01',
      });
      expectError(await officer.post(`/distributions/${rec.id}/void`, { reason: 'x' }), 403, 'FORBIDDEN');
      expectStatus(
        await ctx.supervisor.post(`/distributions/${rec.id}/void`, { reason: 'Duplicate entry' }),
        200,
      );
    });
  });

  describe('scope and bad input', () => {
    it("keeps another organisation's records and rounds out of reach", async () => {
      const { roundId, aidItemId } = await roundWith();
      const rec = await recorded(officer, {
        roundId,
        aidItemId,
        beneficiaryId: await person(),
        distributedOn: '2026-05-01',
      });
      const admin = asUser(t, await tokenFor(t, 'admin'));
      const foreign = await createAndLogin(t, admin, {
        organisationId: ctx.ids.partnerId,
        role: 'supervisor',
        unitIds: [ctx.ids.psychosocial],
      });
      const other = asUser(t, foreign.accessToken);
      expectStatus(await other.get(`/distributions/${rec.id}`), 404);
      expect((await allItems(other, '/distributions')).map((d: { id: string }) => d.id)).not.toContain(
        rec.id,
      );
      const theirPerson = await insertBeneficiary(t, {
        organisationId: ctx.ids.partnerId,
        registeredUnitId: ctx.ids.psychosocial,
        registeredByUserId: foreign.id,
      });
      expectError(
        await distribute(other, {
          roundId,
          aidItemId,
          beneficiaryId: theirPerson,
          distributedOn: '2026-05-01',
        }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { roundId: ['notFound'] },
      );
      expectError(
        await distribute(officer, {
          roundId,
          aidItemId,
          beneficiaryId: theirPerson,
          distributedOn: '2026-05-01',
        }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { beneficiaryId: ['notFound'] },
      );
      expectStatus(await ctx.partner.get('/distributions'), 403);
    });

    it('refuses a day outside the round, an unknown item, and an unknown location', async () => {
      const { roundId, aidItemId } = await roundWith({}, { locations: ['North', 'South'] });
      const beneficiaryId = await person();
      const outside = await distribute(officer, {
        roundId,
        aidItemId,
        beneficiaryId,
        distributedOn: '2025-12-31',
        location: 'North',
      });
      expectError(outside, 422, 'OUTSIDE_ROUND_PERIOD', { distributedOn: ['outsideRound'] });
      expect(outside.body.message).toBe('The round runs from 2026-01-01 to 2026-12-31');
      expectError(
        await distribute(officer, { roundId, aidItemId: MISSING, beneficiaryId, location: 'North' }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { aidItemId: ['notFound'] },
      );
      expectError(
        await distribute(officer, { roundId, aidItemId, beneficiaryId, distributedOn: '2026-05-01' }),
        400,
        'VALIDATION_FAILED',
        { location: ['required'] },
      );
      expectError(
        await distribute(officer, {
          roundId,
          aidItemId,
          beneficiaryId,
          distributedOn: '2026-05-01',
          location: 'East',
        }),
        400,
        'VALIDATION_FAILED',
        { location: ['notARoundLocation'] },
      );
    });

    it.each([
      ['no body', {}, ['roundId', 'aidItemId', 'beneficiaryId']],
      ['a future day', { distributedOn: '2999-01-01' }, ['distributedOn']],
      ['a quantity of zero', { quantity: 0 }, ['quantity']],
      ['a quantity with three decimals', { quantity: 1.234 }, ['quantity']],
      ['an override without a reason', { override: {} }, ['override.reason']],
      ['an unknown field', { price: 3 }, ['price']],
    ])('POST /distributions with %s is a 400 naming the fields', async (_label, patch, fields) => {
      const base = { roundId: MISSING, aidItemId: MISSING, beneficiaryId: MISSING };
      const res = await distribute(
        officer,
        (Object.keys(patch).length ? { ...base, ...patch } : patch) as never,
      );
      expectError(res, 400, 'VALIDATION_FAILED');
      for (const f of fields) expect(Object.keys(res.body.details)).toContain(f);
    });

    it.each([
      ['from=2026-13-01', 'from'],
      ['from=2026-05-02&to=2026-05-01', 'to'],
      ['includeVoided=maybe', 'includeVoided'],
      ['roundId=x', 'roundId'],
      ['limit=0', 'limit'],
    ])('GET /distributions?%s is a 400 naming %s', async (query, field) => {
      const res = await officer.get(`/distributions?${query}`);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.details)).toContain(field);
    });

    it('answers 400 for ids that are not UUIDs and 404 for unknown ones', async () => {
      expectStatus(await officer.get('/distributions/x'), 400);
      expectStatus(await officer.get(`/distributions/${MISSING}`), 404);
      expectStatus(await officer.post(`/distributions/${MISSING}/void`, { reason: 'x' }), 404);
      const bare = await officer.post(`/distributions/${MISSING}/void`, {});
      expectError(bare, 400, 'VALIDATION_FAILED');
      expect(Object.keys(bare.body.details)).toEqual(['reason']);
    });
  });
});
