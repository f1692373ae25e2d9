import {
  DEMO_AID_ITEMS,
  DEMO_HOST,
  DEMO_PARTNER,
  DEMO_ROUND_LOCATION,
  demoRoundName,
} from '../../src/seed/demo-seed';
import { createAidItem } from '../factories/distribution-rounds';
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

describe('Aid catalogue', () => {
  let t: TestApp;
  let hostId: string;
  let partnerId: string;
  let adminId: string;
  let admin: Api;
  let supervisor: Api;
  let caseworker: Api;
  let distribution: Api;
  let partner: Api;
  let partnerAdmin: Api;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    hostId = await organisationIdByName(t, DEMO_HOST);
    partnerId = await organisationIdByName(t, DEMO_PARTNER);
    adminId = await userIdByName(t, 'admin');
    [admin, supervisor, caseworker, distribution, partner] = await Promise.all(
      ['admin', 'supervisor', 'caseworker', 'distribution', 'partner'].map(async (u) =>
        asUser(t, await tokenFor(t, u)),
      ),
    );
    partnerAdmin = asUser(
      t,
      (await createAndLogin(t, admin, { organisationId: partnerId, role: 'admin' })).accessToken,
    );
  }, 60_000);
  afterAll(() => t.close());

  const auditRows = (action: string, entityId: string) =>
    t.dataSource.query(
      `SELECT actor_user_id, organisation_id, changes FROM audit_events WHERE action = $1 AND entity_id = $2
        ORDER BY id`,
      [action, entityId],
    );

  describe('Demo data', () => {
    it('gives the demo host its aid catalogue with values in lira', async () => {
      const items = await allItems(distribution, '/aid-items?limit=100');
      for (const demo of DEMO_AID_ITEMS) {
        expect(items).toContainEqual(
          expect.objectContaining({ ...demo, organisationId: hostId, currency: 'TRY', isActive: true }),
        );
      }
    });

    it('gives the demo host a winter round around today with the walkthrough rules', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const list = await distribution.get(`/distribution-rounds?activeOn=${today}`);
      expectStatus(list, 200);
      const summary = list.body.items.find((r: any) => r.name === demoRoundName());
      expect(summary).toMatchObject({ organisationId: hostId, locations: [DEMO_ROUND_LOCATION] });
      const round = await distribution.get(`/distribution-rounds/${summary.id}`);
      expectStatus(round, 200);
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      expect(round.body.startsOn).toBe(day(-90));
      expect(round.body.endsOn).toBe(day(90));
      const byName = Object.fromEntries(round.body.items.map((i: any) => [i.name, i]));
      const voucherId = (await allItems(admin, '/aid-items?category=food_voucher')).find(
        (i) => i.name === 'Food voucher',
      ).id;
      expect(Object.keys(byName).sort()).toEqual(['Blanket', 'Food parcel', 'Hygiene kit']);
      expect(byName['Food parcel']).toMatchObject({
        countedPer: 'household',
        quantityPerReceipt: 1,
        minDaysBetween: 30,
        maxPerPeriod: null,
        exclusiveWithItemIds: [voucherId],
      });
      expect(byName['Hygiene kit']).toMatchObject({
        countedPer: 'person',
        minDaysBetween: null,
        maxPerPeriod: 2,
        periodDays: 90,
      });
      expect(byName.Blanket).toMatchObject({ countedPer: 'household', maxPerPeriod: 1, periodDays: 365 });
    });

    it('does not seed the catalogue or the round twice', async () => {
      const count = async () =>
        (
          await t.dataSource.query(
            `SELECT (SELECT count(*) FROM aid_items)::int AS items, (SELECT count(*) FROM distribution_rounds)::int AS rounds`,
          )
        )[0];
      const before = await count();
      await seedUsers(t);
      expect(await count()).toEqual(before);
    });
  });

  describe('Creating', () => {
    it('lets an administrator add an item to their catalogue', async () => {
      const name = `Baby kit ${uniqueSuffix()}`;
      const res = await admin.post('/aid-items', {
        name: `  ${name} `,
        category: 'baby_kit',
        kind: 'in_kind',
        unit: ' kit ',
        unitValue: 899.5,
        currency: 'TRY',
      });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        organisationId: hostId,
        name,
        category: 'baby_kit',
        kind: 'in_kind',
        unit: 'kit',
        unitValue: '899.50',
        currency: 'TRY',
        isActive: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const got = await caseworker.get(`/aid-items/${res.body.id}`);
      expectStatus(got, 200);
      expect(got.body).toEqual(res.body);
    });

    it('audits the creation', async () => {
      const item = await createAidItem(admin, { unitValue: 1750, currency: 'TRY' });
      expect(await auditRows('aid_item.created', item.id)).toEqual([
        {
          actor_user_id: adminId,
          organisation_id: hostId,
          changes: {
            name: { to: item.name },
            category: { to: 'food_parcel' },
            kind: { to: 'in_kind' },
            unit: { to: 'parcel' },
            unitValue: { to: '1750.00' },
            currency: { to: 'TRY' },
          },
        },
      ]);
    });

    it('accepts an item without a value', async () => {
      const item = await createAidItem(admin, { unitValue: null, currency: null, category: 'other' });
      expect(item).toMatchObject({ unitValue: null, currency: null });
      const omitted = await createAidItem(admin, { unitValue: undefined, currency: undefined });
      expect(omitted).toMatchObject({ unitValue: null, currency: null });
    });

    it('wants a value and its currency together', async () => {
      const base = { name: `Heater ${uniqueSuffix()}`, category: 'heater', kind: 'in_kind', unit: 'piece' };
      expectError(await admin.post('/aid-items', { ...base, unitValue: 2800 }), 400, 'VALIDATION_FAILED', {
        currency: ['bothOrNeither'],
      });
      expectError(
        await admin.post('/aid-items', { ...base, unitValue: 2800, currency: null }),
        400,
        'VALIDATION_FAILED',
        { currency: ['bothOrNeither'] },
      );
      expectError(await admin.post('/aid-items', { ...base, currency: 'TRY' }), 400, 'VALIDATION_FAILED', {
        unitValue: ['bothOrNeither'],
      });
    });

    it.each([
      [{ name: '' }, { name: ['minLength'] }],
      [{ name: 'x'.repeat(201) }, { name: ['maxLength'] }],
      [{ name: 42 }, { name: ['maxLength', 'minLength', 'isString'] }],
      [{ category: 'caviar' }, { category: ['isEnum'] }],
      [{ kind: 'gift' }, { kind: ['isEnum'] }],
      [{ unit: '' }, { unit: ['minLength'] }],
      [{ unit: 'u'.repeat(33) }, { unit: ['maxLength'] }],
      [{ unitValue: -1 }, { unitValue: ['min'] }],
      [{ unitValue: 1.234 }, { unitValue: ['isNumber'] }],
      [{ unitValue: '1500' }, { unitValue: ['max', 'min', 'isNumber'] }],
      [{ unitValue: 1e11 }, { unitValue: ['max'] }],
      [{ currency: 'XYZ' }, { currency: ['isISO4217CurrencyCode'] }],
      [{ currency: 'TRYX' }, { currency: ['matches', 'isISO4217CurrencyCode'] }],
      [{ currency: 'try' }, { currency: ['matches'] }],
      [{ organisationId: 'host' }, { organisationId: ['isUuid'] }],
      [{ isActive: false }, { isActive: ['whitelistValidation'] }],
    ])('refuses bad input %j', async (change, details) => {
      const res = await admin.post('/aid-items', {
        name: `Item ${uniqueSuffix()}`,
        category: 'blanket',
        kind: 'in_kind',
        unit: 'piece',
        unitValue: 450,
        currency: 'TRY',
        ...change,
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      for (const [field, rules] of Object.entries(details)) {
        expect(res.body.details[field]?.sort()).toEqual([...rules].sort());
      }
      expect(Object.keys(res.body.details)).toEqual(Object.keys(details));
    });

    it('refuses a missing body field by name', async () => {
      expectError(await admin.post('/aid-items', {}), 400, 'VALIDATION_FAILED');
      const res = await admin.post('/aid-items', {});
      expect(Object.keys(res.body.details).sort()).toEqual(['category', 'kind', 'name', 'unit']);
    });

    it('refuses a second item of the same name in the organisation', async () => {
      const item = await createAidItem(admin);
      expectError(await admin.post('/aid-items', { ...pick(item), name: item.name }), 409, 'NAME_TAKEN', {
        name: ['unique'],
      });
      // Another organisation may use the name.
      await createAidItem(partnerAdmin, { name: item.name });
    });

    it('is for administrators only', async () => {
      for (const api of [supervisor, caseworker, distribution, partner]) {
        expectError(await api.post('/aid-items', createAidItemBody()), 403, 'FORBIDDEN');
      }
    });

    it("lets only the host's administrators add to another organisation's catalogue", async () => {
      const forPartner = await createAidItem(admin, { organisationId: partnerId });
      expect(forPartner.organisationId).toBe(partnerId);
      expectError(
        await partnerAdmin.post('/aid-items', { ...createAidItemBody(), organisationId: hostId }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { organisationId: ['notFound'] },
      );
      expectError(
        await admin.post('/aid-items', { ...createAidItemBody(), organisationId: MISSING }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { organisationId: ['notFound'] },
      );
    });
  });

  describe('Reading', () => {
    it('shows each organisation only its own catalogue', async () => {
      const hostItem = await createAidItem(admin);
      const partnerItem = await createAidItem(partnerAdmin);
      expect(partnerItem.organisationId).toBe(partnerId);
      expectError(await partner.get(`/aid-items/${hostItem.id}`), 404, 'NOT_FOUND');
      expectError(await caseworker.get(`/aid-items/${partnerItem.id}`), 404, 'NOT_FOUND');
      const partnerIds = (await allItems(partner, '/aid-items?limit=100')).map((i) => i.id);
      expect(partnerIds).toContain(partnerItem.id);
      expect(partnerIds).not.toContain(hostItem.id);
      const hostIds = (await allItems(caseworker, '/aid-items?limit=100')).map((i) => i.id);
      expect(hostIds).toContain(hostItem.id);
      expect(hostIds).not.toContain(partnerItem.id);
    });

    it('filters by category, kind and whether active', async () => {
      const cash = await createAidItem(admin, {
        category: 'cash_transfer',
        kind: 'cash',
        unit: 'TRY',
        unitValue: 1,
      });
      const retired = await createAidItem(admin, { category: 'cash_transfer', kind: 'cash', unit: 'TRY' });
      expectStatus(await admin.patch(`/aid-items/${retired.id}`, { isActive: false }), 200);
      const transfers = await allItems(distribution, '/aid-items?category=cash_transfer');
      expect(transfers.every((i) => i.category === 'cash_transfer')).toBe(true);
      expect(transfers.map((i) => i.id)).toEqual(expect.arrayContaining([cash.id, retired.id]));
      const active = await allItems(distribution, '/aid-items?category=cash_transfer&isActive=true');
      expect(active.map((i) => i.id)).toContain(cash.id);
      expect(active.map((i) => i.id)).not.toContain(retired.id);
      const inactive = await allItems(distribution, '/aid-items?isActive=false');
      expect(inactive.map((i) => i.id)).toEqual([retired.id]);
      const vouchers = await allItems(distribution, '/aid-items?kind=voucher');
      expect(vouchers.map((i) => i.name).sort()).toEqual(['Clothing voucher', 'Food voucher']);
    });

    it('pages by name without gaps or repeats', async () => {
      const all = await allItems(caseworker, '/aid-items?limit=100');
      const paged = await allItems(caseworker, '/aid-items?limit=3');
      expect(paged.map((i) => i.id)).toEqual(all.map((i) => i.id));
      const names = all.map((i) => i.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(all.length).toBeGreaterThan(6);
    });

    it.each([
      ['limit=0', { limit: ['min'] }],
      ['limit=101', { limit: ['max'] }],
      ['category=caviar', { category: ['isEnum'] }],
      ['kind=gift', { kind: ['isEnum'] }],
      ['isActive=maybe', { isActive: ['isBoolean'] }],
      ['organisationId=nope', { organisationId: ['isUuid'] }],
      ['cursor=W10', { cursor: ['invalid'] }],
      ['colour=red', { colour: ['whitelistValidation'] }],
    ])('refuses the list query %s', async (query, details) => {
      expectError(await caseworker.get(`/aid-items?${query}`), 400, 'VALIDATION_FAILED', details);
    });

    it('refuses an id that is not a UUID and answers 404 for an unknown one', async () => {
      expectError(await caseworker.get('/aid-items/parcel'), 400, 'VALIDATION_FAILED', { id: ['isUuid'] });
      expectError(await caseworker.get(`/aid-items/${MISSING}`), 404, 'NOT_FOUND');
    });
  });

  describe('Changing', () => {
    it('renames, changes the unit and value, and audits what changed', async () => {
      const item = await createAidItem(admin, { unitValue: 1500, currency: 'TRY' });
      const name = `Family food parcel ${uniqueSuffix()}`;
      const res = await admin.patch(`/aid-items/${item.id}`, {
        name,
        unit: 'box',
        unitValue: 1650.25,
        currency: 'TRY',
      });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ name, unit: 'box', unitValue: '1650.25', currency: 'TRY' });
      expect((await caseworker.get(`/aid-items/${item.id}`)).body).toEqual(res.body);
      expect(await auditRows('aid_item.updated', item.id)).toEqual([
        {
          actor_user_id: adminId,
          organisation_id: hostId,
          changes: {
            name: { from: item.name, to: name },
            unit: { from: 'parcel', to: 'box' },
            unitValue: { from: '1500.00', to: '1650.25' },
          },
        },
      ]);
    });

    it('removes the value with both fields null, and records nothing when nothing changes', async () => {
      const item = await createAidItem(admin);
      const cleared = await admin.patch(`/aid-items/${item.id}`, { unitValue: null, currency: null });
      expectStatus(cleared, 200);
      expect(cleared.body).toMatchObject({ unitValue: null, currency: null });
      expectStatus(await admin.patch(`/aid-items/${item.id}`, { name: item.name }), 200);
      expect(await auditRows('aid_item.updated', item.id)).toHaveLength(1);
    });

    it('retires and reactivates an item', async () => {
      const item = await createAidItem(admin);
      expect((await admin.patch(`/aid-items/${item.id}`, { isActive: false })).body.isActive).toBe(false);
      expect((await admin.patch(`/aid-items/${item.id}`, { isActive: true })).body.isActive).toBe(true);
    });

    it.each([
      [{ category: 'blanket' }, { category: ['whitelistValidation'] }],
      [{ kind: 'cash' }, { kind: ['whitelistValidation'] }],
      [{ name: null }, { name: ['maxLength', 'minLength', 'isString'] }],
      [{ unit: null }, { unit: ['maxLength', 'minLength', 'isString'] }],
      [{ isActive: null }, { isActive: ['isBoolean'] }],
      [{ isActive: 'no' }, { isActive: ['isBoolean'] }],
      [{ unitValue: 10 }, { currency: ['bothOrNeither'] }],
      [{ currency: 'EUR' }, { unitValue: ['bothOrNeither'] }],
      [{ unitValue: null, currency: 'EUR' }, { unitValue: ['bothOrNeither'] }],
      [{ unitValue: -5, currency: 'EUR' }, { unitValue: ['min'] }],
      [{ unitValue: 5, currency: 'EURO' }, { currency: ['matches', 'isISO4217CurrencyCode'] }],
    ])('refuses the change %j', async (change, details) => {
      const item = await createAidItem(admin);
      const res = await admin.patch(`/aid-items/${item.id}`, change);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.details)).toEqual(Object.keys(details));
      for (const [field, rules] of Object.entries(details)) {
        expect([...res.body.details[field]].sort()).toEqual([...rules].sort());
      }
    });

    it('refuses a name taken in the organisation', async () => {
      const [a, b] = [await createAidItem(admin), await createAidItem(admin)];
      expectError(await admin.patch(`/aid-items/${b.id}`, { name: a.name }), 409, 'NAME_TAKEN', {
        name: ['unique'],
      });
    });

    it("keeps other organisations' items and other roles out", async () => {
      const item = await createAidItem(admin);
      expectError(
        await partnerAdmin.patch(`/aid-items/${item.id}`, { name: 'Taken over' }),
        404,
        'NOT_FOUND',
      );
      expectError(await supervisor.patch(`/aid-items/${item.id}`, { name: 'Renamed' }), 403, 'FORBIDDEN');
      expectError(await admin.patch(`/aid-items/${MISSING}`, { name: 'Renamed' }), 404, 'NOT_FOUND');
      expectError(await admin.patch('/aid-items/42', { name: 'Renamed' }), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
    });
  });
});

/** A valid new item's body. */
function createAidItemBody() {
  return { name: `Blanket ${uniqueSuffix()}`, category: 'blanket', kind: 'in_kind', unit: 'piece' };
}

/** The fields of an item a POST takes. */
function pick(item: any) {
  const { name, category, kind, unit, unitValue, currency } = item;
  return { name, category, kind, unit, unitValue: unitValue === null ? null : Number(unitValue), currency };
}
