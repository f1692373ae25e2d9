import { DuplicateAidScanService } from '../../src/distributions/duplicate-aid/duplicate-aid-scan.service';
import { EntitlementRule } from '../../src/distributions/distribution-codes';
import { ItemRule, Receipt, refusals } from '../../src/distributions/entitlement';
import { QueueName } from '../../src/jobs/job-names';
import { auditEventsOf, caseTestContext, CaseTestContext, insertBeneficiary } from '../factories/cases';
import {
  CraftedRound,
  flagsInDatabase,
  insertDocument,
  insertEmptyHousehold,
  insertItem,
  insertMembership,
  insertReceipt,
  insertRoundWithRules,
  passportNumber,
  RuleSpec,
  voidReceipt,
} from '../factories/distribution-records';
import {
  Api,
  asUser,
  createAndLogin,
  createOrganisation,
  createUnit,
  expectError,
  expectStatus,
  MISSING,
  userIdByName,
} from '../utils/admin';
import { seedUsers } from '../utils/auth';
import { createTestApp, TestApp, waitForJob } from '../utils/test-app';

describe('Duplicate-aid scan and flags', () => {
  let t: TestApp;
  let ctx: CaseTestContext;
  let scanner: DuplicateAidScanService;
  let hostId: string;
  let partnerId: string;
  let hostUser: string;
  let partnerUser: string;
  /** A supervisor of the partner organisation: reviews its side of the flags. */
  let partnerSupervisor: Api;
  /** A supervisor of an organisation with no record in any flag. */
  let outsider: Api;
  /** The scan's job schedulers as registered at start (then removed: the tests run the scan themselves). */
  let schedules: unknown[];

  beforeAll(async () => {
    t = await createTestApp();
    await seedUsers(t);
    ctx = await caseTestContext(t);
    scanner = t.app.get(DuplicateAidScanService);
    hostId = ctx.ids.hostId;
    partnerId = ctx.ids.partnerId;
    hostUser = ctx.ids.supervisorId;
    partnerUser = await userIdByName(t, 'partner');
    partnerSupervisor = asUser(
      t,
      (
        await createAndLogin(t, ctx.admin, {
          organisationId: partnerId,
          role: 'supervisor',
          unitIds: [ctx.ids.psychosocial],
        })
      ).accessToken,
    );
    const other = await createOrganisation(ctx.admin);
    const otherUnit = await createUnit(ctx.admin, other.id);
    outsider = asUser(
      t,
      (
        await createAndLogin(t, ctx.admin, {
          organisationId: other.id,
          role: 'supervisor',
          unitIds: [otherUnit.id],
        })
      ).accessToken,
    );
    const queue = t.jobs.queue(QueueName.DuplicateAid);
    schedules = (await queue.getJobSchedulers())
      .map((s) => [s.key, s.pattern, s.template?.data])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    for (const s of schedules) await queue.removeJobScheduler(String((s as unknown[])[0]));
    // Whatever the seed brought is scanned now, so that each test sees only its own flags raised.
    await scanner.run('full');
  }, 90_000);
  afterAll(() => t.close());

  const person = () => ctx.person();
  const partnerPerson = () =>
    insertBeneficiary(t, {
      organisationId: partnerId,
      registeredUnitId: ctx.ids.psychosocial,
      registeredByUserId: partnerUser,
    });

  const round = (rules: RuleSpec[], organisationId = hostId) =>
    insertRoundWithRules(t, {
      organisationId,
      createdByUserId: organisationId === hostId ? hostUser : partnerUser,
      rules,
    });

  const receipt = (
    beneficiaryId: string,
    aidItemId: string,
    on: string,
    o: { round?: CraftedRound; organisationId?: string; overriddenRules?: string[]; quantity?: string } = {},
  ) =>
    insertReceipt(t, {
      organisationId: o.organisationId ?? hostId,
      recordedByUserId: (o.organisationId ?? hostId) === hostId ? hostUser : partnerUser,
      beneficiaryId,
      aidItemId,
      on,
      round: o.round,
      overriddenRules: o.overriddenRules,
      quantity: o.quantity,
    });

  /** The flags with any of these records, as (rule, subject, record labels), sorted. */
  async function flagsAbout(records: Record<string, string>): Promise<string[]> {
    const label = new Map(Object.entries(records).map(([name, id]) => [id, name]));
    return (await flagsInDatabase(t))
      .filter((f) => f.record_ids.some((id) => label.has(id)))
      .map(
        (f) =>
          `${f.rule} ${f.subject_type} ${f.record_ids
            .map((id) => label.get(id) ?? 'other')
            .sort()
            .join('+')}`,
      )
      .sort();
  }

  describe('the rules', () => {
    it('flags two receipts less than min_days_between apart, and not a third one the rule allows', async () => {
      const item = await insertItem(t, hostId);
      const r = await round([{ aidItemId: item, minDaysBetween: 30 }]);
      const p = await person();
      const records = {
        first: await receipt(p, item, '2025-03-01', { round: r }),
        tooSoon: await receipt(p, item, '2025-03-20', { round: r }),
        afterGap: await receipt(p, item, '2025-04-19', { round: r }),
      };
      const { flagsRaised } = await scanner.run('full');
      expect(flagsRaised).toBe(1);
      expect(await flagsAbout(records)).toEqual(['min_days_between person first+tooSoon']);
      const [flag] = (await flagsInDatabase(t)).filter((f) => f.record_ids.includes(records.tooSoon));
      expect(flag).toMatchObject({ amount: '1.00', value: '10.00', category: 'food_parcel', status: 'open' });
    });

    it('flags the receipt that makes more than max_per_period in a window of period_days', async () => {
      const item = await insertItem(t, hostId, 'hygiene_kit');
      const r = await round([{ aidItemId: item, maxPerPeriod: 2, periodDays: 30 }]);
      const p = await person();
      const records = {
        a: await receipt(p, item, '2025-03-01', { round: r }),
        b: await receipt(p, item, '2025-03-10', { round: r }),
        c: await receipt(p, item, '2025-03-20', { round: r, quantity: '3' }),
        // The 30 days ending 04-15 hold only c before it: allowed.
        d: await receipt(p, item, '2025-04-15', { round: r }),
      };
      await scanner.run('full');
      expect(await flagsAbout(records)).toEqual(['max_per_period person a+b+c']);
      const [flag] = (await flagsInDatabase(t)).filter((f) => f.record_ids.includes(records.c));
      expect(flag).toMatchObject({ amount: '3.00', value: '30.00', category: 'hygiene_kit' });
    });

    it("flags an excluded category received earlier within the later record's round period", async () => {
      const parcel = await insertItem(t, hostId, 'food_parcel');
      const voucher = await insertItem(t, hostId, 'food_voucher');
      const r = await round([{ aidItemId: parcel, exclusiveWithItemIds: [voucher] }]);
      const p = await person();
      const records = {
        oldVoucher: await receipt(p, voucher, '2024-12-20'),
        voucher: await receipt(p, voucher, '2025-06-01'),
        parcel: await receipt(p, parcel, '2025-06-10', { round: r }),
      };
      await scanner.run('full');
      expect(await flagsAbout(records)).toEqual(['exclusive_items person parcel+voucher']);
    });

    it('counts household members by their membership on the day of each receipt, across a move', async () => {
      const item = await insertItem(t, hostId, 'blanket');
      const r = await round([{ aidItemId: item, countedPer: 'household', minDaysBetween: 30 }]);
      const unit = {
        organisationId: hostId,
        registeredUnitId: ctx.ids.protection,
        createdByUserId: hostUser,
      };
      const [first, second] = [await insertEmptyHousehold(t, unit), await insertEmptyHousehold(t, unit)];
      const [mover, stayer, newcomer] = [await person(), await person(), await person()];
      const member = (householdId: string, beneficiaryId: string, startedOn: string, endedOn?: string) =>
        insertMembership(t, {
          organisationId: hostId,
          householdId,
          beneficiaryId,
          relationship: 'other',
          startedOn,
          endedOn,
          createdByUserId: hostUser,
        });
      await member(first, stayer, '2024-01-01');
      await member(first, mover, '2024-01-01', '2025-06-01');
      await member(second, newcomer, '2024-01-01');
      await member(second, mover, '2025-06-01');
      const records = {
        stayer: await receipt(stayer, item, '2025-05-20', { round: r }),
        moverBefore: await receipt(mover, item, '2025-05-25', { round: r }),
        newcomer: await receipt(newcomer, item, '2025-06-05', { round: r }),
        moverAfter: await receipt(mover, item, '2025-06-10', { round: r }),
      };
      await scanner.run('full');
      // Not moverBefore+moverAfter (a household rule, and other households) nor stayer+moverAfter.
      expect(await flagsAbout(records)).toEqual([
        'min_days_between household moverAfter+newcomer',
        'min_days_between household moverBefore+stayer',
      ]);
    });

    it('does not flag voided records, nor a conflict the later record overrode', async () => {
      const item = await insertItem(t, hostId, 'heater');
      const r = await round([{ aidItemId: item, minDaysBetween: 90 }]);
      const [p, q] = [await person(), await person()];
      const records = {
        p1: await receipt(p, item, '2025-01-10', { round: r }),
        p2: await receipt(p, item, '2025-02-10', { round: r }),
        q1: await receipt(q, item, '2025-01-10', { round: r }),
        q2: await receipt(q, item, '2025-02-10', {
          round: r,
          overriddenRules: [EntitlementRule.MinDaysBetween],
        }),
      };
      await voidReceipt(t, records.p2, hostUser);
      await scanner.run('full');
      expect(await flagsAbout(records)).toEqual([]);
    });

    it('agrees with the entitlement engine on each receipt of a crafted history', async () => {
      const parcel = await insertItem(t, hostId, 'food_parcel');
      const voucher = await insertItem(t, hostId, 'food_voucher');
      const rule: RuleSpec = {
        aidItemId: parcel,
        minDaysBetween: 10,
        maxPerPeriod: 3,
        periodDays: 60,
        exclusiveWithItemIds: [voucher],
      };
      const r = await round([rule, { aidItemId: voucher }]);
      const p = await person();
      const history: Array<{ name: string; item: string; on: string }> = [
        { name: 'v1', item: voucher, on: '2025-01-02' },
        { name: 'a', item: parcel, on: '2025-01-05' },
        { name: 'b', item: parcel, on: '2025-01-12' },
        { name: 'c', item: parcel, on: '2025-01-30' },
        { name: 'd', item: parcel, on: '2025-02-20' },
        { name: 'e', item: parcel, on: '2025-03-20' },
        { name: 'f', item: parcel, on: '2025-05-30' },
      ];
      const ids: Record<string, string> = {};
      for (const h of history) ids[h.name] = await receipt(p, h.item, h.on, { round: r });
      await scanner.run('full');

      const engineRule: ItemRule = {
        aidItemId: parcel,
        quantityPerReceipt: 1,
        minDaysBetween: 10,
        maxPerPeriod: 3,
        periodDays: 60,
        exclusiveWithItemIds: [voucher],
      };
      const flags = (await flagsInDatabase(t)).filter((f) =>
        f.record_ids.some((id) => Object.values(ids).includes(id)),
      );
      for (const [i, h] of history.entries()) {
        if (h.item !== parcel) continue;
        const earlier: Receipt[] = history
          .slice(0, i)
          .map((e) => ({ recordId: ids[e.name], aidItemId: e.item, distributedOn: e.on }));
        const engine = refusals(
          engineRule,
          { startsOn: '2025-01-01', endsOn: '2025-12-31' },
          h.on,
          1,
          earlier,
        )
          .map((x) => x.rule)
          .sort();
        // The scan flags a receipt under the rules that refuse it given the receipts before it.
        const scan = [
          ...new Set(flags.filter((f) => laterOf(f.record_ids, ids, history) === h.name).map((f) => f.rule)),
        ].sort();
        expect({ receipt: h.name, rules: scan }).toEqual({ receipt: h.name, rules: engine });
      }
      // The history is crafted so that each rule refuses something.
      expect(new Set(flags.map((f) => f.rule))).toEqual(
        new Set([
          EntitlementRule.MinDaysBetween,
          EntitlementRule.MaxPerPeriod,
          EntitlementRule.ExclusiveItems,
        ]),
      );
    });
  });

  /** The latest receipt of a flag, by the crafted history's order. */
  function laterOf(
    recordIds: string[],
    ids: Record<string, string>,
    history: Array<{ name: string }>,
  ): string {
    const names = history.map((h) => h.name).filter((n) => recordIds.includes(ids[n]));
    return names[names.length - 1];
  }

  describe('across organisations', () => {
    let flagId: string;
    let records: Record<string, string>;
    let hostRound: CraftedRound;

    it("flags a double receipt that came in through a partner's import, recognised by the document number", async () => {
      const number = passportNumber();
      const hostItem = await insertItem(t, hostId, 'food_parcel');
      const partnerItem = await insertItem(t, partnerId, 'food_parcel');
      hostRound = await round([{ aidItemId: hostItem, minDaysBetween: 30 }]);
      const [hostPerson, samePersonAtPartner] = [await person(), await partnerPerson()];
      await insertDocument(t, {
        organisationId: hostId,
        beneficiaryId: hostPerson,
        number,
        createdByUserId: hostUser,
      });
      await insertDocument(t, {
        organisationId: partnerId,
        beneficiaryId: samePersonAtPartner,
        number,
        createdByUserId: partnerUser,
      });
      const imported = await partnerSupervisor.post('/distributions/imports', {
        sourceNote: 'Partner list July',
        records: [
          {
            beneficiaryId: samePersonAtPartner,
            aidItemId: partnerItem,
            quantity: 1,
            distributedOn: '2025-07-05',
          },
        ],
      });
      expectStatus(imported, 201);
      records = {
        partner: imported.body.recordIds[0],
        host: await receipt(hostPerson, hostItem, '2025-07-10', { round: hostRound }),
      };
      await scanner.run('incremental');
      expect(await flagsAbout(records)).toEqual(['min_days_between identity_document host+partner']);
      flagId = (await flagsInDatabase(t)).find((f) => f.record_ids.includes(records.host))!.id;
    });

    it("shows each organisation its own record in full and the other's only in outline", async () => {
      const asHost = await ctx.supervisor.get(`/duplicate-aid-flags/${flagId}`);
      expectStatus(asHost, 200);
      expect(asHost.body).toMatchObject({
        id: flagId,
        rule: 'min_days_between',
        subjectType: 'identity_document',
        status: 'open',
        amount: '1.00',
      });
      const [partnerSide, hostSide] = asHost.body.records;
      expect(partnerSide).toEqual({
        own: false,
        organisationName: 'Demo Partner NGO',
        category: 'food_parcel',
        quantity: '1.00',
        distributedOn: '2025-07-05',
        id: null,
        beneficiaryId: null,
        aidItemId: null,
        aidItemName: null,
        roundId: null,
        source: null,
        voided: null,
      });
      expect(hostSide).toMatchObject({
        own: true,
        id: records.host,
        roundId: hostRound.id,
        distributedOn: '2025-07-10',
        source: 'live',
        voided: false,
      });
      expect(hostSide.beneficiaryId).toEqual(expect.any(String));
      const asPartner = await partnerSupervisor.get(`/duplicate-aid-flags/${flagId}`);
      expectStatus(asPartner, 200);
      expect(asPartner.body.records.map((r: { own: boolean; id: string | null }) => [r.own, r.id])).toEqual([
        [true, records.partner],
        [false, null],
      ]);
    });

    it('hides the flag from an organisation with no record in it, and from roles without duplicate.review', async () => {
      expectError(await outsider.get(`/duplicate-aid-flags/${flagId}`), 404, 'NOT_FOUND');
      expectError(
        await outsider.post(`/duplicate-aid-flags/${flagId}/review`, {
          decision: 'dismissed',
          note: 'Not ours',
        }),
        404,
        'NOT_FOUND',
      );
      const list = await outsider.get('/duplicate-aid-flags?limit=100');
      expectStatus(list, 200);
      expect(list.body.items).toEqual([]);
      expectError(await ctx.caseworker.get(`/duplicate-aid-flags/${flagId}`), 403, 'FORBIDDEN');
      expectError(await ctx.caseworker.get('/duplicate-aid-flags'), 403, 'FORBIDDEN');
      expectError(await ctx.distribution.post(`/duplicate-aid-flags/${flagId}/review`, {}), 403, 'FORBIDDEN');
      expectError(await ctx.supervisor.get(`/duplicate-aid-flags/${MISSING}`), 404, 'NOT_FOUND');
      expectError(await ctx.supervisor.get('/duplicate-aid-flags/not-a-uuid'), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
    });

    it('lists flags by status, round and rule, with keyset pages', async () => {
      const byRound = await ctx.supervisor.get(`/duplicate-aid-flags?roundId=${hostRound.id}`);
      expectStatus(byRound, 200);
      expect(byRound.body.items.map((f: { id: string }) => f.id)).toEqual([flagId]);
      const byRule = await ctx.supervisor.get('/duplicate-aid-flags?rule=exclusive_items&limit=100');
      expect(byRule.body.items.length).toBeGreaterThan(0);
      expect(byRule.body.items.every((f: { rule: string }) => f.rule === 'exclusive_items')).toBe(true);
      // The partner sees only flags with a partner record.
      const partnerList = await partnerSupervisor.get('/duplicate-aid-flags?status=open');
      expect(partnerList.body.items.map((f: { id: string }) => f.id)).toEqual([flagId]);

      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await ctx.supervisor.get(
          `/duplicate-aid-flags?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expectStatus(page, 200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        all.push(...page.body.items.map((f: { id: string }) => f.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      const [{ count }] = await t.dataSource.query(
        `SELECT count(DISTINCT flag_id)::int AS count FROM duplicate_aid_flag_records WHERE organisation_id = $1`,
        [hostId],
      );
      expect(all).toHaveLength(count);
      expect(new Set(all).size).toBe(count);

      expectError(await ctx.supervisor.get('/duplicate-aid-flags?status=maybe'), 400, 'VALIDATION_FAILED', {
        status: ['isEnum'],
      });
      expectError(await ctx.supervisor.get('/duplicate-aid-flags?cursor=abc'), 400, 'VALIDATION_FAILED', {
        cursor: ['invalid'],
      });
    });

    it('refuses a review without a note, a confirmation without a resolution and a dismissal with one', async () => {
      const review = (body: object) => ctx.supervisor.post(`/duplicate-aid-flags/${flagId}/review`, body);
      expectError(await review({ decision: 'confirmed', note: 'Received twice' }), 400, 'VALIDATION_FAILED', {
        resolution: ['isEnum'],
      });
      expectError(
        await review({ decision: 'dismissed', resolution: 'recovered', note: 'Fine' }),
        400,
        'VALIDATION_FAILED',
        { resolution: ['onlyWhenConfirmed'] },
      );
      expectError(await review({ decision: 'confirmed', resolution: 'recovered' }), 400, 'VALIDATION_FAILED');
      expectError(await review({ decision: 'perhaps', note: 'x' }), 400, 'VALIDATION_FAILED');
    });

    it('confirms a flag once, with the resolution and an audit event, and answers 409 after', async () => {
      const confirmed = await partnerSupervisor.post(`/duplicate-aid-flags/${flagId}/review`, {
        decision: 'confirmed',
        resolution: 'recovered',
        note: 'Parcel returned at the next visit',
      });
      expectStatus(confirmed, 200);
      expect(confirmed.body).toMatchObject({
        status: 'confirmed',
        resolution: 'recovered',
        reviewNote: 'Parcel returned at the next visit',
        reviewedAt: expect.any(String),
      });
      const again = await ctx.supervisor.post(`/duplicate-aid-flags/${flagId}/review`, {
        decision: 'dismissed',
        note: 'Too late',
      });
      expectError(again, 409, 'FLAG_ALREADY_REVIEWED');
      const events = await auditEventsOf(t, flagId, 'duplicate_aid_flag.reviewed');
      expect(events).toHaveLength(1);
      expect(events[0].changes).toEqual({
        status: { from: 'open', to: 'confirmed' },
        resolution: { to: 'recovered' },
        reviewNote: {},
      });
      const open = await ctx.supervisor.get(`/duplicate-aid-flags?status=open&roundId=${hostRound.id}`);
      expect(open.body.items).toEqual([]);
    });

    it('lets one of two concurrent reviews win', async () => {
      const item = await insertItem(t, hostId, 'clothing');
      const r = await round([{ aidItemId: item, minDaysBetween: 30 }]);
      const p = await person();
      const recs = {
        a: await receipt(p, item, '2025-02-01', { round: r }),
        b: await receipt(p, item, '2025-02-02', { round: r }),
      };
      await scanner.run('incremental');
      const id = (await flagsInDatabase(t)).find((f) => f.record_ids.includes(recs.b))!.id;
      const answers = await Promise.all([
        ctx.supervisor.post(`/duplicate-aid-flags/${id}/review`, {
          decision: 'dismissed',
          note: 'Same visit',
        }),
        ctx.supervisor.post(`/duplicate-aid-flags/${id}/review`, {
          decision: 'confirmed',
          resolution: 'written_off',
          note: 'Given twice',
        }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    });
  });

  describe('runs', () => {
    it('raises nothing twice: full after full, incremental after full, full after incremental', async () => {
      const before = (await flagsInDatabase(t)).length;
      expect((await scanner.run('full')).flagsRaised).toBe(0);
      expect((await scanner.run('incremental')).flagsRaised).toBe(0);
      const item = await insertItem(t, hostId, 'baby_kit');
      const r = await round([{ aidItemId: item, minDaysBetween: 30 }]);
      const p = await person();
      const records = {
        a: await receipt(p, item, '2025-08-01', { round: r }),
        b: await receipt(p, item, '2025-08-15', { round: r }),
      };
      const incremental = await scanner.run('incremental');
      expect(incremental).toMatchObject({ recordsChecked: 2, flagsRaised: 1 });
      expect((await scanner.run('full')).flagsRaised).toBe(0);
      expect((await scanner.run('incremental')).flagsRaised).toBe(0);
      expect(await flagsAbout(records)).toEqual(['min_days_between person a+b']);
      expect((await flagsInDatabase(t)).length).toBe(before + 1);
    });

    it('checks new records against the whole history of their subjects, including back-dated ones', async () => {
      const item = await insertItem(t, hostId, 'household_items');
      const r = await round([{ aidItemId: item, minDaysBetween: 30 }]);
      const p = await person();
      const old = await receipt(p, item, '2025-01-01', { round: r });
      const later = await receipt(p, item, '2025-03-01', { round: r });
      expect((await scanner.run('incremental')).flagsRaised).toBe(0);
      // A record entered late, for a day between the two: both neighbours now conflict with it.
      const between = await receipt(p, item, '2025-01-20', { round: r });
      const run = await scanner.run('incremental');
      expect(run).toMatchObject({ recordsChecked: 1, flagsRaised: 1 });
      expect(await flagsAbout({ old, later, between })).toEqual(['min_days_between person between+old']);
    });

    it('counts an imported record, which carries no rule, as a receipt against a later rule', async () => {
      const item = await insertItem(t, hostId, 'education_support');
      const r = await round([{ aidItemId: item, maxPerPeriod: 1, periodDays: 30 }]);
      const imported = await insertItem(t, hostId, 'education_support');
      const p = await person();
      const records = {
        first: await receipt(p, imported, '2025-09-01'),
        second: await receipt(p, item, '2025-09-05', { round: r }),
        // Later than a ruled record, but without a rule of its own: not flagged.
        third: await receipt(p, imported, '2025-09-08'),
      };
      await scanner.run('incremental');
      expect(await flagsAbout(records)).toEqual(['max_per_period person first+second']);
    });

    it('sees a conflict a void uncovers in the next incremental run', async () => {
      const item = await insertItem(t, hostId, 'cash_transfer');
      const r = await round([{ aidItemId: item, minDaysBetween: 30 }]);
      const p = await person();
      const records = {
        a: await receipt(p, item, '2025-10-01', { round: r }),
        b: await receipt(p, item, '2025-10-11', { round: r }),
        c: await receipt(p, item, '2025-10-21', { round: r }),
      };
      await scanner.run('incremental');
      expect(await flagsAbout(records)).toEqual([
        'min_days_between person a+b',
        'min_days_between person b+c',
      ]);
      await voidReceipt(t, records.b, hostUser);
      expect(await scanner.run('incremental')).toMatchObject({ recordsChecked: 0, flagsRaised: 1 });
      expect(await flagsAbout(records)).toEqual([
        'min_days_between person a+b',
        'min_days_between person a+c',
        'min_days_between person b+c',
      ]);
      // The flags of the voided record stay, and show it voided.
      const flagOfB = (await flagsInDatabase(t)).find((f) => f.record_ids.includes(records.b))!;
      const shown = await ctx.supervisor.get(`/duplicate-aid-flags/${flagOfB.id}`);
      expect(shown.body.records.find((x: { id: string }) => x.id === records.b)).toMatchObject({
        voided: true,
      });
    });

    it('runs as a job queued on demand, and lists the runs', async () => {
      const queued = await ctx.supervisor.post('/duplicate-aid-scans', { mode: 'incremental' });
      expectStatus(queued, 202);
      expect(queued.body).toEqual({ mode: 'incremental', jobId: expect.any(String) });
      const job = await waitForJob(t.jobs, QueueName.DuplicateAid, queued.body.jobId, 30_000);
      expect(job).toMatchObject({ state: 'completed', returnvalue: { flagsRaised: 0 } });
      const runs = await ctx.supervisor.get('/duplicate-aid-scans?limit=2');
      expectStatus(runs, 200);
      expect(runs.body.items).toHaveLength(2);
      expect(runs.body.items[0]).toMatchObject({
        id: (job.returnvalue as { scanId: string }).scanId,
        mode: 'incremental',
        flagsRaised: 0,
        finishedAt: expect.any(String),
      });
      expect(runs.body.nextCursor).toEqual(expect.any(String));
      const next = await ctx.supervisor.get(`/duplicate-aid-scans?limit=2&cursor=${runs.body.nextCursor}`);
      expect(Number(next.body.items[0].id)).toBeLessThan(Number(runs.body.items[1].id));
    });

    it('runs nightly (incremental) and weekly (full) from job schedulers', () => {
      expect(schedules).toEqual([
        ['scan-duplicate-aid-nightly', '30 2 * * *', { mode: 'incremental' }],
        ['scan-duplicate-aid-weekly-full', '30 3 * * 0', { mode: 'full' }],
      ]);
    });

    it('refuses a bad mode and callers without duplicate.review', async () => {
      expectError(
        await ctx.supervisor.post('/duplicate-aid-scans', { mode: 'quick' }),
        400,
        'VALIDATION_FAILED',
        {
          mode: ['isIn'],
        },
      );
      expectError(await ctx.supervisor.post('/duplicate-aid-scans', {}), 400, 'VALIDATION_FAILED', {
        mode: ['isIn'],
      });
      expectError(await ctx.caseworker.post('/duplicate-aid-scans', { mode: 'full' }), 403, 'FORBIDDEN');
      expectError(await ctx.distribution.get('/duplicate-aid-scans'), 403, 'FORBIDDEN');
      expectError(await ctx.supervisor.get('/duplicate-aid-scans?cursor=xyz'), 400, 'VALIDATION_FAILED', {
        cursor: ['invalid'],
      });
    });
  });
});
