import { RoundsRepository } from '../../src/distributions/rounds/rounds.repository';
import { DEMO_HOST, DEMO_PARTNER } from '../../src/seed/demo-seed';
import { insertBeneficiary, insertHousehold, unitIdByName } from '../factories/cases';
import {
  createAidItem,
  createRound,
  insertFlag,
  insertRecord,
  roundBody,
  ruleFor,
  voidRecord,
} from '../factories/distribution-rounds';
import {
  allItems,
  Api,
  asUser,
  createAndLogin,
  expectError,
  expectStatus,
  MISSING,
  organisationIdByName,
  uniqueSuffix,
  userIdByName,
  UUID,
} from '../utils/admin';
import { seedUsers, tokenFor } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Distribution rounds', () => {
  let t: TestApp;
  let hostId: string;
  let partnerId: string;
  let adminId: string;
  let supervisorId: string;
  let protectionUnit: string;
  let admin: Api;
  let supervisor: Api;
  let caseworker: Api;
  let distribution: Api;
  let partner: Api;
  let partnerAdmin: Api;
  /** Active items of the host, and one retired; an item of the partner. */
  const items = { parcel: '', voucher: '', hygiene: '', blanket: '', retired: '', partners: '' };

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    hostId = await organisationIdByName(t, DEMO_HOST);
    partnerId = await organisationIdByName(t, DEMO_PARTNER);
    adminId = await userIdByName(t, 'admin');
    supervisorId = await userIdByName(t, 'supervisor');
    protectionUnit = await unitIdByName(t, DEMO_HOST, 'Protection');
    [admin, supervisor, caseworker, distribution, partner] = await Promise.all(
      ['admin', 'supervisor', 'caseworker', 'distribution', 'partner'].map(async (u) =>
        asUser(t, await tokenFor(t, u)),
      ),
    );
    partnerAdmin = asUser(
      t,
      (await createAndLogin(t, admin, { organisationId: partnerId, role: 'admin' })).accessToken,
    );
    items.parcel = (await createAidItem(admin, { name: `Parcel ${uniqueSuffix()}` })).id;
    items.voucher = (
      await createAidItem(admin, {
        name: `Voucher ${uniqueSuffix()}`,
        category: 'food_voucher',
        kind: 'voucher',
      })
    ).id;
    items.hygiene = (
      await createAidItem(admin, {
        name: `Hygiene ${uniqueSuffix()}`,
        category: 'hygiene_kit',
        unitValue: 650,
      })
    ).id;
    items.blanket = (
      await createAidItem(admin, {
        name: `Blanket ${uniqueSuffix()}`,
        category: 'blanket',
        unitValue: null,
        currency: null,
      })
    ).id;
    items.retired = (await createAidItem(admin, { name: `Retired ${uniqueSuffix()}` })).id;
    expectStatus(await admin.patch(`/aid-items/${items.retired}`, { isActive: false }), 200);
    items.partners = (await createAidItem(partnerAdmin, { name: `Partner parcel ${uniqueSuffix()}` })).id;
  }, 60_000);
  afterAll(() => t.close());

  const auditRows = (action: string, entityId: string) =>
    t.dataSource.query(
      `SELECT actor_user_id, organisation_id, changes FROM audit_events WHERE action = $1 AND entity_id = $2
        ORDER BY id`,
      [action, entityId],
    );

  /** Posts a round with `change` applied and expects a 400 with exactly these details. */
  async function expectInvalid(change: Record<string, unknown>, details: Record<string, string[]>) {
    const res = await admin.post('/distribution-rounds', roundBody(change));
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.details).sort()).toEqual(Object.keys(details).sort());
    for (const [field, rules] of Object.entries(details)) {
      expect([...res.body.details[field]].sort()).toEqual([...rules].sort());
    }
  }

  describe('Creating', () => {
    it('creates a round with criteria and rules, readable by the organisation', async () => {
      const name = `Winter support ${uniqueSuffix()}`;
      const res = await admin.post('/distribution-rounds', {
        name: ` ${name} `,
        startsOn: '2026-01-01',
        endsOn: '2026-03-31',
        locations: [' Sultanbeyli distribution centre ', 'Pendik depot'],
        eligibility: {
          eligibleVulnerabilities: ['single_parent', 'disability'],
          minHouseholdSize: 2,
          maxHouseholdSize: 8,
          eligibleDistricts: [' Sultanbeyli '],
          eligibleLegalStatuses: ['temporary_protection'],
        },
        items: [
          ruleFor(items.parcel, {
            countedPer: 'household',
            minDaysBetween: 30,
            exclusiveWithItemIds: [items.voucher],
          }),
          ruleFor(items.hygiene, { quantityPerReceipt: 2, maxPerPeriod: 2, periodDays: 90 }),
        ],
      });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        organisationId: hostId,
        name,
        startsOn: '2026-01-01',
        endsOn: '2026-03-31',
        locations: ['Sultanbeyli distribution centre', 'Pendik depot'],
        eligibility: {
          eligibleVulnerabilities: ['single_parent', 'disability'],
          minHouseholdSize: 2,
          maxHouseholdSize: 8,
          eligibleDistricts: ['Sultanbeyli'],
          eligibleLegalStatuses: ['temporary_protection'],
        },
        createdByUserId: adminId,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        items: expect.any(Array),
      });
      const byItem = Object.fromEntries(res.body.items.map((i: any) => [i.aidItemId, i]));
      expect(byItem[items.parcel]).toEqual({
        aidItemId: items.parcel,
        name: expect.stringMatching(/^Parcel /),
        category: 'food_parcel',
        kind: 'in_kind',
        unit: 'parcel',
        isActive: true,
        countedPer: 'household',
        quantityPerReceipt: 1,
        minDaysBetween: 30,
        maxPerPeriod: null,
        periodDays: null,
        exclusiveWithItemIds: [items.voucher],
        updatedAt: expect.any(String),
      });
      expect(byItem[items.hygiene]).toMatchObject({
        category: 'hygiene_kit',
        countedPer: 'person',
        quantityPerReceipt: 2,
        minDaysBetween: null,
        maxPerPeriod: 2,
        periodDays: 90,
        exclusiveWithItemIds: [],
      });
      for (const api of [distribution, caseworker, supervisor]) {
        const got = await api.get(`/distribution-rounds/${res.body.id}`);
        expectStatus(got, 200);
        expect(got.body).toEqual(res.body);
      }
    });

    it('audits the creation with its rules', async () => {
      const round = await createRound(admin, { items: [ruleFor(items.parcel, { minDaysBetween: 14 })] });
      const [row] = await auditRows('distribution_round.created', round.id);
      expect(row).toMatchObject({ actor_user_id: adminId, organisation_id: hostId });
      expect(row.changes).toMatchObject({
        name: { to: round.name },
        startsOn: { to: '2026-01-01' },
        eligibleVulnerabilities: { to: [] },
        items: {
          to: [
            {
              aidItemId: items.parcel,
              countedPer: 'person',
              quantityPerReceipt: 1,
              minDaysBetween: 14,
              maxPerPeriod: null,
              periodDays: null,
              exclusiveWithItemIds: [],
            },
          ],
        },
      });
    });

    it('accepts a round without criteria or items: everyone eligible, items added later', async () => {
      const round = await createRound(admin);
      expect(round.items).toEqual([]);
      expect(round.eligibility).toEqual({
        eligibleVulnerabilities: [],
        minHouseholdSize: null,
        maxHouseholdSize: null,
        eligibleDistricts: [],
        eligibleLegalStatuses: [],
      });
    });

    it('refuses a missing field by name', async () => {
      const res = await admin.post('/distribution-rounds', {});
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.details).sort()).toEqual(['endsOn', 'locations', 'name', 'startsOn']);
    });

    it.each([
      [{ name: '' }, { name: ['minLength'] }],
      [{ name: 'n'.repeat(201) }, { name: ['maxLength'] }],
      [{ startsOn: '2026-02-30' }, { startsOn: ['isCalendarDate'] }],
      [{ endsOn: '31.03.2026' }, { endsOn: ['isCalendarDate'] }],
      [{ endsOn: '2025-12-31' }, { endsOn: ['notBeforeStartsOn'] }],
      [{ locations: [] }, { locations: ['arrayMinSize'] }],
      [
        { locations: 'Sultanbeyli' },
        { locations: ['arrayMinSize', 'arrayMaxSize', 'isArray', 'arrayUnique'] },
      ],
      [{ locations: Array.from({ length: 51 }, (_, i) => `Point ${i}`) }, { locations: ['arrayMaxSize'] }],
      [{ locations: ['Depot', ' Depot'] }, { locations: ['arrayUnique'] }],
      [{ locations: ['Depot', ' '] }, { locations: ['minLength'] }],
      [{ locations: ['x'.repeat(201)] }, { locations: ['maxLength'] }],
      [{ organisationId: 'partner' }, { organisationId: ['isUuid'] }],
      [{ eligibility: null }, { eligibility: ['isObject', 'nestedValidation'] }],
      [{ eligibility: [] }, { eligibility: ['isObject'] }],
      [{ eligibility: { minHouseholdSize: 0 } }, { 'eligibility.minHouseholdSize': ['min'] }],
      [{ eligibility: { maxHouseholdSize: 51 } }, { 'eligibility.maxHouseholdSize': ['max'] }],
      [{ eligibility: { minHouseholdSize: 2.5 } }, { 'eligibility.minHouseholdSize': ['isInt'] }],
      [
        { eligibility: { minHouseholdSize: 5, maxHouseholdSize: 4 } },
        { 'eligibility.maxHouseholdSize': ['notBelowMinHouseholdSize'] },
      ],
      [
        { eligibility: { eligibleVulnerabilities: ['tall'] } },
        { 'eligibility.eligibleVulnerabilities': ['isEnum'] },
      ],
      [
        { eligibility: { eligibleVulnerabilities: ['disability', 'disability'] } },
        { 'eligibility.eligibleVulnerabilities': ['arrayUnique'] },
      ],
      [
        { eligibility: { eligibleVulnerabilities: null } },
        { 'eligibility.eligibleVulnerabilities': ['isArray', 'arrayMaxSize', 'arrayUnique', 'isEnum'] },
      ],
      [{ eligibility: { eligibleDistricts: [''] } }, { 'eligibility.eligibleDistricts': ['minLength'] }],
      [
        { eligibility: { eligibleLegalStatuses: ['tourist'] } },
        { 'eligibility.eligibleLegalStatuses': ['isEnum'] },
      ],
      [{ eligibility: { income: 'low' } }, { 'eligibility.income': ['whitelistValidation'] }],
      [{ items: 'all' }, { items: ['isArray', 'arrayMaxSize', 'nestedValidation'] }],
    ])('refuses the round %j', async (change, details) => {
      await expectInvalid(change, details);
    });

    describe('rules, each field named by its path', () => {
      const withItems = (...rules: object[]) => ({ items: rules });

      it.each([
        [{ countedPer: 'family' }, { 'items.1.countedPer': ['isEnum'] }],
        [{ countedPer: undefined }, { 'items.1.countedPer': ['isEnum'] }],
        [{ quantityPerReceipt: 0 }, { 'items.1.quantityPerReceipt': ['isPositive'] }],
        [{ quantityPerReceipt: -1 }, { 'items.1.quantityPerReceipt': ['isPositive'] }],
        [{ quantityPerReceipt: 1.005 }, { 'items.1.quantityPerReceipt': ['isNumber'] }],
        [{ quantityPerReceipt: '1' }, { 'items.1.quantityPerReceipt': ['isNumber', 'isPositive', 'max'] }],
        [{ minDaysBetween: 0 }, { 'items.1.minDaysBetween': ['min'] }],
        [{ minDaysBetween: 367 }, { 'items.1.minDaysBetween': ['max'] }],
        [{ minDaysBetween: 1.5 }, { 'items.1.minDaysBetween': ['isInt'] }],
        [{ maxPerPeriod: 2 }, { 'items.1.periodDays': ['requiredWithMaxPerPeriod'] }],
        [{ maxPerPeriod: 2, periodDays: null }, { 'items.1.periodDays': ['requiredWithMaxPerPeriod'] }],
        [{ periodDays: 30 }, { 'items.1.maxPerPeriod': ['requiredWithPeriodDays'] }],
        [{ maxPerPeriod: 0, periodDays: 30 }, { 'items.1.maxPerPeriod': ['min'] }],
        [{ maxPerPeriod: 1, periodDays: 367 }, { 'items.1.periodDays': ['max'] }],
        [{ maxPerPeriod: 1, periodDays: 0 }, { 'items.1.periodDays': ['min'] }],
        [{ exclusiveWithItemIds: ['voucher'] }, { 'items.1.exclusiveWithItemIds': ['isUuid'] }],
        [
          { exclusiveWithItemIds: 'x' },
          { 'items.1.exclusiveWithItemIds': ['isArray', 'isUuid', 'arrayUnique', 'arrayMaxSize'] },
        ],
        [{ rank: 1 }, { 'items.1.rank': ['whitelistValidation'] }],
      ])('refuses the rule %j', async (change, details) => {
        await expectInvalid(withItems(ruleFor(items.parcel), ruleFor(items.hygiene, change)), details);
      });

      it('refuses an item exclusive with itself, or listed twice in its exclusions', async () => {
        await expectInvalid(
          withItems(ruleFor(items.parcel, { exclusiveWithItemIds: [items.voucher, items.parcel] })),
          {
            'items.0.exclusiveWithItemIds': ['notSelf'],
          },
        );
        await expectInvalid(
          withItems(ruleFor(items.parcel, { exclusiveWithItemIds: [items.voucher, items.voucher] })),
          {
            'items.0.exclusiveWithItemIds': ['arrayUnique'],
          },
        );
      });

      it('refuses an item twice in a round, naming the second', async () => {
        await expectInvalid(withItems(ruleFor(items.parcel), ruleFor(items.hygiene), ruleFor(items.parcel)), {
          'items.2.aidItemId': ['uniqueInRound'],
        });
        await expectInvalid(withItems(ruleFor('parcel')), { 'items.0.aidItemId': ['isUuid'] });
        const notAnObject = await admin.post('/distribution-rounds', roundBody({ items: [5] }));
        expectError(notAnObject, 400, 'VALIDATION_FAILED');
        expect(Object.keys(notAnObject.body.details)).toEqual(['items.0']);
      });

      it('accepts a period of a whole leap year', async () => {
        const round = await createRound(
          admin,
          withItems(ruleFor(items.blanket, { maxPerPeriod: 1, periodDays: 366 })),
        );
        expect(round.items[0]).toMatchObject({ maxPerPeriod: 1, periodDays: 366 });
      });

      it("refuses items that are not the organisation's, naming each field (422)", async () => {
        const res = await admin.post(
          '/distribution-rounds',
          roundBody(
            withItems(
              ruleFor(items.parcel),
              ruleFor(items.partners),
              ruleFor(MISSING),
              ruleFor(items.hygiene, { exclusiveWithItemIds: [items.voucher, items.partners] }),
            ),
          ),
        );
        expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', {
          'items.1.aidItemId': ['notFound'],
          'items.2.aidItemId': ['notFound'],
          'items.3.exclusiveWithItemIds': ['notFound'],
        });
      });

      it('refuses a retired item (422), but lets a rule exclude it', async () => {
        expectError(
          await admin.post(
            '/distribution-rounds',
            roundBody(withItems(ruleFor(items.parcel), ruleFor(items.retired))),
          ),
          422,
          'AID_ITEM_INACTIVE',
          { 'items.1.aidItemId': ['inactive'] },
        );
        const round = await createRound(
          admin,
          withItems(ruleFor(items.parcel, { exclusiveWithItemIds: [items.retired] })),
        );
        expect(round.items[0].exclusiveWithItemIds).toEqual([items.retired]);
      });
    });

    it('refuses a second round of the same name in the organisation', async () => {
      const round = await createRound(admin);
      expectError(
        await admin.post('/distribution-rounds', roundBody({ name: round.name })),
        409,
        'NAME_TAKEN',
        {
          name: ['unique'],
        },
      );
    });

    it('is for administrators only', async () => {
      for (const api of [supervisor, caseworker, distribution, partner]) {
        expectError(await api.post('/distribution-rounds', roundBody()), 403, 'FORBIDDEN');
      }
    });

    it("keeps other organisations' items out of a partner's round, and lets the host's admins create one", async () => {
      const own = await createRound(partnerAdmin, { items: [ruleFor(items.partners)] });
      expect(own.organisationId).toBe(partnerId);
      expectError(
        await partnerAdmin.post('/distribution-rounds', roundBody({ items: [ruleFor(items.parcel)] })),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { 'items.0.aidItemId': ['notFound'] },
      );
      expectError(
        await partnerAdmin.post('/distribution-rounds', roundBody({ organisationId: hostId })),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { organisationId: ['notFound'] },
      );
      const byHost = await createRound(admin, {
        organisationId: partnerId,
        items: [ruleFor(items.partners)],
      });
      expect(byHost.organisationId).toBe(partnerId);
    });
  });

  describe('Reading', () => {
    it('shows each organisation only its own rounds', async () => {
      const hostRound = await createRound(admin);
      const partnerRound = await createRound(partnerAdmin);
      expectError(await partner.get(`/distribution-rounds/${hostRound.id}`), 404, 'NOT_FOUND');
      expectError(await distribution.get(`/distribution-rounds/${partnerRound.id}`), 404, 'NOT_FOUND');
      const seenByPartner = (await allItems(partner, '/distribution-rounds')).map((r) => r.id);
      expect(seenByPartner).toContain(partnerRound.id);
      expect(seenByPartner).not.toContain(hostRound.id);
    });

    it('lists the rounds covering a day, latest start first, page by page', async () => {
      const day = '2031-06-15';
      const early = await createRound(admin, { startsOn: '2031-01-01', endsOn: '2031-06-15' });
      const late = await createRound(admin, { startsOn: '2031-06-15', endsOn: '2031-12-31' });
      const middle = await createRound(admin, { startsOn: '2031-03-01', endsOn: '2031-09-30' });
      const before = await createRound(admin, { startsOn: '2031-01-01', endsOn: '2031-06-14' });
      const after = await createRound(admin, { startsOn: '2031-06-16', endsOn: '2031-07-01' });
      const covering = await allItems(distribution, `/distribution-rounds?activeOn=${day}&limit=1`);
      expect(covering.map((r) => r.id)).toEqual([late.id, middle.id, early.id]);
      expect(covering.map((r) => r.id)).not.toContain(before.id);
      expect(covering.map((r) => r.id)).not.toContain(after.id);
      expect(covering[0]).not.toHaveProperty('items');
      const all = await allItems(distribution, '/distribution-rounds?limit=100');
      const paged = await allItems(distribution, '/distribution-rounds?limit=2');
      expect(paged.map((r) => r.id)).toEqual(all.map((r) => r.id));
    });

    it.each([
      ['activeOn=2026-13-01', { activeOn: ['isCalendarDate'] }],
      ['activeOn=today', { activeOn: ['isCalendarDate'] }],
      ['limit=abc', { limit: ['max', 'min', 'isInt'] }],
      ['cursor=WzFd', { cursor: ['invalid'] }],
      ['organisationId=1', { organisationId: ['isUuid'] }],
      ['status=open', { status: ['whitelistValidation'] }],
    ])('refuses the list query %s', async (query, details) => {
      const res = await caseworker.get(`/distribution-rounds?${query}`);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.details)).toEqual(Object.keys(details));
      for (const [field, rules] of Object.entries(details)) {
        expect([...res.body.details[field]].sort()).toEqual([...rules].sort());
      }
    });

    it('answers 400 for an id that is not a UUID and 404 for an unknown one', async () => {
      expectError(await caseworker.get('/distribution-rounds/winter'), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
      expectError(await caseworker.get(`/distribution-rounds/${MISSING}`), 404, 'NOT_FOUND');
    });
  });

  describe('Changing a round', () => {
    it('changes name, period, locations and some criteria, keeping the others, and audits it', async () => {
      const round = await createRound(admin, {
        eligibility: { eligibleDistricts: ['Sultanbeyli'], minHouseholdSize: 2 },
      });
      const res = await admin.patch(`/distribution-rounds/${round.id}`, {
        name: `${round.name} (extended)`,
        endsOn: '2026-04-30',
        locations: ['Pendik depot'],
        eligibility: { maxHouseholdSize: 6, eligibleVulnerabilities: ['disability'] },
      });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({
        name: `${round.name} (extended)`,
        startsOn: '2026-01-01',
        endsOn: '2026-04-30',
        locations: ['Pendik depot'],
        eligibility: {
          eligibleVulnerabilities: ['disability'],
          minHouseholdSize: 2,
          maxHouseholdSize: 6,
          eligibleDistricts: ['Sultanbeyli'],
          eligibleLegalStatuses: [],
        },
      });
      expect((await distribution.get(`/distribution-rounds/${round.id}`)).body).toEqual(res.body);
      expect(await auditRows('distribution_round.updated', round.id)).toEqual([
        {
          actor_user_id: adminId,
          organisation_id: hostId,
          changes: {
            name: { from: round.name, to: `${round.name} (extended)` },
            endsOn: { from: '2026-03-31', to: '2026-04-30' },
            locations: { from: ['Sultanbeyli distribution centre'], to: ['Pendik depot'] },
            maxHouseholdSize: { from: null, to: 6 },
            eligibleVulnerabilities: { from: [], to: ['disability'] },
          },
        },
      ]);
      const cleared = await admin.patch(`/distribution-rounds/${round.id}`, {
        eligibility: { minHouseholdSize: null, eligibleDistricts: [] },
      });
      expect(cleared.body.eligibility).toMatchObject({ minHouseholdSize: null, eligibleDistricts: [] });
    });

    it.each([
      [{ endsOn: '2025-12-01' }, { endsOn: ['notBeforeStartsOn'] }],
      [{ startsOn: '2026-04-01' }, { endsOn: ['notBeforeStartsOn'] }],
      [
        { eligibility: { maxHouseholdSize: 1 } },
        { 'eligibility.maxHouseholdSize': ['notBelowMinHouseholdSize'] },
      ],
      [{ name: null }, { name: ['isString', 'minLength', 'maxLength'] }],
      [{ startsOn: null }, { startsOn: ['isCalendarDate'] }],
      [
        { locations: null },
        {
          locations: [
            'isArray',
            'arrayMinSize',
            'arrayMaxSize',
            'arrayUnique',
            'isString',
            'minLength',
            'maxLength',
          ],
        },
      ],
      [{ locations: [] }, { locations: ['arrayMinSize'] }],
      [{ eligibility: null }, { eligibility: ['isObject', 'nestedValidation'] }],
      [
        { eligibility: { eligibleDistricts: null } },
        {
          'eligibility.eligibleDistricts': [
            'isArray',
            'arrayMaxSize',
            'arrayUnique',
            'isString',
            'minLength',
            'maxLength',
          ],
        },
      ],
      [{ items: [] }, { items: ['whitelistValidation'] }],
      [{ organisationId: MISSING }, { organisationId: ['whitelistValidation'] }],
    ])('refuses the change %j', async (change, details) => {
      const round = await createRound(admin, { eligibility: { minHouseholdSize: 2 } });
      const res = await admin.patch(`/distribution-rounds/${round.id}`, change);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.details)).toEqual(Object.keys(details));
      for (const [field, rules] of Object.entries(details)) {
        expect([...res.body.details[field]].sort()).toEqual([...rules].sort());
      }
    });

    it("keeps other organisations' rounds and other roles out", async () => {
      const round = await createRound(admin);
      expectError(
        await partnerAdmin.patch(`/distribution-rounds/${round.id}`, { name: 'Mine' }),
        404,
        'NOT_FOUND',
      );
      expectError(
        await supervisor.patch(`/distribution-rounds/${round.id}`, { name: 'Mine' }),
        403,
        'FORBIDDEN',
      );
      expectError(await admin.patch(`/distribution-rounds/${MISSING}`, { name: 'Mine' }), 404, 'NOT_FOUND');
      expectError(await admin.patch('/distribution-rounds/1', { name: 'Mine' }), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
      const other = await createRound(admin);
      expectError(
        await admin.patch(`/distribution-rounds/${round.id}`, { name: other.name }),
        409,
        'NAME_TAKEN',
        {
          name: ['unique'],
        },
      );
    });
  });

  describe('Adding or changing an item rule (PUT)', () => {
    it('adds an item, then replaces its rule, auditing the rule before and after', async () => {
      const round = await createRound(admin, { items: [ruleFor(items.parcel)] });
      const added = await admin.put(`/distribution-rounds/${round.id}/items/${items.hygiene}`, {
        countedPer: 'person',
        quantityPerReceipt: 1,
        maxPerPeriod: 2,
        periodDays: 90,
      });
      expectStatus(added, 200);
      expect(added.body).toMatchObject({
        aidItemId: items.hygiene,
        category: 'hygiene_kit',
        countedPer: 'person',
        maxPerPeriod: 2,
        periodDays: 90,
        minDaysBetween: null,
        exclusiveWithItemIds: [],
      });
      const changed = await admin.put(`/distribution-rounds/${round.id}/items/${items.hygiene}`, {
        countedPer: 'household',
        quantityPerReceipt: 3,
        minDaysBetween: 7,
        exclusiveWithItemIds: [items.blanket],
      });
      expectStatus(changed, 200);
      expect(changed.body).toMatchObject({
        countedPer: 'household',
        quantityPerReceipt: 3,
        minDaysBetween: 7,
        maxPerPeriod: null,
        periodDays: null,
        exclusiveWithItemIds: [items.blanket],
      });
      const detail = await distribution.get(`/distribution-rounds/${round.id}`);
      expect(detail.body.items).toHaveLength(2);
      expect(detail.body.items.find((i: any) => i.aidItemId === items.hygiene)).toEqual(changed.body);
      const rule = (o: object) => ({
        countedPer: 'person',
        quantityPerReceipt: 1,
        minDaysBetween: null,
        maxPerPeriod: null,
        periodDays: null,
        exclusiveWithItemIds: [],
        ...o,
      });
      expect(await auditRows('distribution_round.updated', round.id)).toEqual([
        {
          actor_user_id: adminId,
          organisation_id: hostId,
          changes: {
            aidItemId: { to: items.hygiene },
            rule: { from: null, to: rule({ maxPerPeriod: 2, periodDays: 90 }) },
          },
        },
        {
          actor_user_id: adminId,
          organisation_id: hostId,
          changes: {
            aidItemId: { to: items.hygiene },
            rule: {
              from: rule({ maxPerPeriod: 2, periodDays: 90 }),
              to: rule({
                countedPer: 'household',
                quantityPerReceipt: 3,
                minDaysBetween: 7,
                exclusiveWithItemIds: [items.blanket],
              }),
            },
          },
        },
      ]);
      // The same rule again changes nothing and records nothing.
      await admin.put(`/distribution-rounds/${round.id}/items/${items.hygiene}`, {
        countedPer: 'household',
        quantityPerReceipt: 3,
        minDaysBetween: 7,
        exclusiveWithItemIds: [items.blanket],
      });
      expect(await auditRows('distribution_round.updated', round.id)).toHaveLength(2);
    });

    it.each([
      [{ countedPer: 'family', quantityPerReceipt: 1 }, { countedPer: ['isEnum'] }],
      [{ countedPer: 'person' }, { quantityPerReceipt: ['isNumber', 'isPositive', 'max'] }],
      [
        { countedPer: 'person', quantityPerReceipt: 1, maxPerPeriod: 1 },
        { periodDays: ['requiredWithMaxPerPeriod'] },
      ],
      [
        { countedPer: 'person', quantityPerReceipt: 1, periodDays: 400, maxPerPeriod: 1 },
        { periodDays: ['max'] },
      ],
      [
        { countedPer: 'person', quantityPerReceipt: 1, aidItemId: MISSING },
        { aidItemId: ['whitelistValidation'] },
      ],
    ])('refuses the rule %j', async (body, details) => {
      const round = await createRound(admin);
      const res = await admin.put(`/distribution-rounds/${round.id}/items/${items.parcel}`, body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.details)).toEqual(Object.keys(details));
      for (const [field, rules] of Object.entries(details)) {
        expect([...res.body.details[field]].sort()).toEqual([...rules].sort());
      }
    });

    it('refuses an item exclusive with itself', async () => {
      const round = await createRound(admin);
      expectError(
        await admin.put(`/distribution-rounds/${round.id}/items/${items.parcel}`, {
          countedPer: 'person',
          quantityPerReceipt: 1,
          exclusiveWithItemIds: [items.parcel],
        }),
        400,
        'VALIDATION_FAILED',
        { exclusiveWithItemIds: ['notSelf'] },
      );
    });

    it("refuses another organisation's item or exclusion, and adding a retired item (422)", async () => {
      const round = await createRound(admin, { items: [ruleFor(items.voucher)] });
      const rule = { countedPer: 'person', quantityPerReceipt: 1 };
      expectError(
        await admin.put(`/distribution-rounds/${round.id}/items/${items.partners}`, rule),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { aidItemId: ['notFound'] },
      );
      expectError(
        await admin.put(`/distribution-rounds/${round.id}/items/${items.parcel}`, {
          ...rule,
          exclusiveWithItemIds: [items.partners],
        }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { exclusiveWithItemIds: ['notFound'] },
      );
      expectError(
        await admin.put(`/distribution-rounds/${round.id}/items/${items.retired}`, rule),
        422,
        'AID_ITEM_INACTIVE',
        { aidItemId: ['inactive'] },
      );
    });

    it('lets the rule of an item retired since being added be corrected', async () => {
      const item = await createAidItem(admin, { name: `Heater ${uniqueSuffix()}`, category: 'heater' });
      const round = await createRound(admin, { items: [ruleFor(item.id)] });
      expectStatus(await admin.patch(`/aid-items/${item.id}`, { isActive: false }), 200);
      const res = await admin.put(`/distribution-rounds/${round.id}/items/${item.id}`, {
        countedPer: 'household',
        quantityPerReceipt: 1,
      });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ isActive: false, countedPer: 'household' });
    });

    it("keeps other organisations' rounds, other roles and bad ids out", async () => {
      const round = await createRound(admin);
      const rule = { countedPer: 'person', quantityPerReceipt: 1 };
      expectError(
        await partnerAdmin.put(`/distribution-rounds/${round.id}/items/${items.partners}`, rule),
        404,
        'NOT_FOUND',
      );
      expectError(
        await supervisor.put(`/distribution-rounds/${round.id}/items/${items.parcel}`, rule),
        403,
        'FORBIDDEN',
      );
      expectError(
        await admin.put(`/distribution-rounds/${MISSING}/items/${items.parcel}`, rule),
        404,
        'NOT_FOUND',
      );
      expectError(
        await admin.put(`/distribution-rounds/${round.id}/items/parcel`, rule),
        400,
        'VALIDATION_FAILED',
        {
          aidItemId: ['isUuid'],
        },
      );
    });

    it('gives recording the rule with exclusions that hold both ways within the round', async () => {
      const round = await createRound(admin, {
        items: [ruleFor(items.parcel, { exclusiveWithItemIds: [items.voucher] }), ruleFor(items.voucher)],
      });
      const repo = t.app.get(RoundsRepository);
      const voucher = await repo.findRoundItem(t.dataSource.manager, round.id, items.voucher);
      expect(voucher).toMatchObject({
        roundId: round.id,
        organisationId: hostId,
        startsOn: '2026-01-01',
        endsOn: '2026-03-31',
        countedPer: 'person',
        aidItemActive: true,
        category: 'food_voucher',
        unitValue: '1500.00',
        currency: 'TRY',
        rule: {
          aidItemId: items.voucher,
          quantityPerReceipt: 1,
          minDaysBetween: null,
          maxPerPeriod: null,
          periodDays: null,
          exclusiveWithItemIds: [items.parcel],
        },
      });
      const parcel = await repo.findRoundItem(t.dataSource.manager, round.id, items.parcel);
      expect(parcel?.rule.exclusiveWithItemIds).toEqual([items.voucher]);
      expect(await repo.findRoundItem(t.dataSource.manager, round.id, items.hygiene)).toBeNull();
    });
  });

  describe('Totals', () => {
    it('counts people, households, quantity and value per item, overrides, voids and open flags', async () => {
      const round = await createRound(admin, {
        items: [
          ruleFor(items.parcel, { countedPer: 'household', minDaysBetween: 30 }),
          ruleFor(items.hygiene, { quantityPerReceipt: 2 }),
          ruleFor(items.blanket),
          ruleFor(items.voucher),
        ],
      });
      const otherRound = await createRound(admin, { items: [ruleFor(items.parcel)] });
      const person = () =>
        insertBeneficiary(t, {
          organisationId: hostId,
          registeredUnitId: protectionUnit,
          registeredByUserId: supervisorId,
        });
      const [a, b, c, d] = [await person(), await person(), await person(), await person()];
      const household = await insertHousehold(t, {
        organisationId: hostId,
        registeredUnitId: protectionUnit,
        createdByUserId: supervisorId,
        members: [
          { beneficiaryId: a, relationship: 'head' },
          { beneficiaryId: b, relationship: 'spouse' },
        ],
      });
      const record = (o: Partial<Parameters<typeof insertRecord>[1]>) =>
        insertRecord(t, {
          organisationId: hostId,
          roundId: round.id,
          aidItemId: items.parcel,
          beneficiaryId: a,
          recordedByUserId: supervisorId,
          ...o,
        });
      const parcelA = await record({ householdId: household, unitValue: '1500.00' });
      // An override for the same household, later at a higher price.
      await record({
        beneficiaryId: b,
        householdId: household,
        unitValue: '1750.00',
        distributedOn: '2026-01-20',
        overrideReason: 'Family of six after a fire',
      });
      await record({ beneficiaryId: c, aidItemId: items.hygiene, quantity: 2, unitValue: '650.00' });
      await record({
        beneficiaryId: a,
        householdId: household,
        aidItemId: items.hygiene,
        quantity: 1.5,
        unitValue: '650.00',
      });
      await record({ beneficiaryId: c, aidItemId: items.blanket, unitValue: null, currency: null });
      await record({ beneficiaryId: c, aidItemId: items.voucher, unitValue: '40.00', currency: 'EUR' });
      await record({ beneficiaryId: c, aidItemId: items.voucher, unitValue: '1500.00', currency: 'TRY' });
      // Voided: counted only as a void, even the voided override.
      const voided = await record({ beneficiaryId: d, unitValue: '1500.00' });
      await voidRecord(t, voided, supervisorId);
      const voidedOverride = await record({
        beneficiaryId: d,
        distributedOn: '2026-02-01',
        overrideReason: 'Urgent',
      });
      await voidRecord(t, voidedOverride, supervisorId);
      // Another round's record, and flags: open with this round's record, dismissed, open elsewhere.
      const elsewhere = await insertRecord(t, {
        organisationId: hostId,
        roundId: otherRound.id,
        aidItemId: items.parcel,
        beneficiaryId: d,
        recordedByUserId: supervisorId,
      });
      await insertFlag(t, [
        { recordId: parcelA, organisationId: hostId },
        { recordId: elsewhere, organisationId: hostId },
      ]);
      await insertFlag(t, [{ recordId: voided, organisationId: hostId }]);
      await insertFlag(t, [{ recordId: parcelA, organisationId: hostId }], 'dismissed');
      await insertFlag(t, [{ recordId: elsewhere, organisationId: hostId }]);

      const res = await supervisor.get(`/distribution-rounds/${round.id}/totals`);
      expectStatus(res, 200);
      const names = Object.fromEntries(round.items.map((i: any) => [i.aidItemId, i.name]));
      const row = (aidItemId: string, o: object) => ({
        aidItemId,
        name: names[aidItemId],
        category: round.items.find((i: any) => i.aidItemId === aidItemId).category,
        unit: round.items.find((i: any) => i.aidItemId === aidItemId).unit,
        ...o,
      });
      expect(res.body).toEqual({
        roundId: round.id,
        peopleServed: 3,
        householdsServed: 1,
        receipts: 7,
        overrides: 1,
        voids: 2,
        openDuplicateAidFlags: 2,
        items: expect.any(Array),
      });
      const sortKey = (i: any) => `${i.name}|${i.currency ?? ''}`;
      expect([...res.body.items].sort((x, y) => (sortKey(x) < sortKey(y) ? -1 : 1))).toEqual(
        [
          row(items.parcel, { receipts: 2, quantity: 2, value: '3250.00', currency: 'TRY' }),
          row(items.hygiene, { receipts: 2, quantity: 3.5, value: '2275.00', currency: 'TRY' }),
          row(items.blanket, { receipts: 1, quantity: 1, value: null, currency: null }),
          row(items.voucher, { receipts: 1, quantity: 1, value: '40.00', currency: 'EUR' }),
          row(items.voucher, { receipts: 1, quantity: 1, value: '1500.00', currency: 'TRY' }),
        ].sort((x, y) => (sortKey(x) < sortKey(y) ? -1 : 1)),
      );
      expect((await admin.get(`/distribution-rounds/${otherRound.id}/totals`)).body).toMatchObject({
        peopleServed: 1,
        householdsServed: 0,
        receipts: 1,
        overrides: 0,
        voids: 0,
        openDuplicateAidFlags: 2,
      });
    });

    it('answers zeros for a round without receipts, listing its items', async () => {
      const round = await createRound(admin, { items: [ruleFor(items.blanket)] });
      const res = await admin.get(`/distribution-rounds/${round.id}/totals`);
      expectStatus(res, 200);
      expect(res.body).toMatchObject({
        peopleServed: 0,
        householdsServed: 0,
        receipts: 0,
        overrides: 0,
        voids: 0,
        openDuplicateAidFlags: 0,
      });
      expect(res.body.items).toEqual([
        expect.objectContaining({
          aidItemId: items.blanket,
          receipts: 0,
          quantity: 0,
          value: null,
          currency: null,
        }),
      ]);
    });

    it("is the organisation's own, for those who run reports", async () => {
      const round = await createRound(admin);
      expectError(await partnerAdmin.get(`/distribution-rounds/${round.id}/totals`), 404, 'NOT_FOUND');
      const partnerRound = await createRound(admin, { organisationId: partnerId });
      expectError(await admin.get(`/distribution-rounds/${partnerRound.id}/totals`), 404, 'NOT_FOUND');
      for (const api of [caseworker, distribution, partner]) {
        expectError(await api.get(`/distribution-rounds/${round.id}/totals`), 403, 'FORBIDDEN');
      }
      expectError(await supervisor.get('/distribution-rounds/x/totals'), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
      expectError(await supervisor.get(`/distribution-rounds/${MISSING}/totals`), 404, 'NOT_FOUND');
    });
  });
});
