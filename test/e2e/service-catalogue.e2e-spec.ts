import { randomUUID } from 'node:crypto';
import { DEMO_HOST, DEMO_PARTNER, DEMO_SERVICE_TYPES } from '../../src/seed/demo-seed';
import {
  addHouseholdMember,
  changeCaseStatus,
  createServiceType,
  endHouseholdMembership,
  insertBeneficiary,
  insertCase,
  insertHousehold,
  recordService,
  serviceTypeIdByName,
  unitIdByName,
} from '../factories/services';
import {
  allPages,
  Api,
  asUser,
  createAndLogin,
  createUnit,
  expectError,
  expectStatus,
  organisationIdByName,
  uniqueSuffix,
  userIdByName,
  UUID,
} from '../utils/admin';
import { seedUsers, tokenFor } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { daysFromToday } from '../utils/dates';

/*
 * People, households and cases are inserted directly (test/factories/services.ts): their routes
 * were written at the same time as the catalogue.
 */
describe('Service catalogue and service deliveries', () => {
  let t: TestApp;
  let hostId: string;
  let partnerId: string;
  let admin: Api;
  let supervisor: Api;
  let caseworker: Api;
  let distribution: Api;
  let dpo: Api;
  let partner: Api;
  let partnerAdmin: Api;
  /** A caseworker of the host's Language courses unit. */
  let languageCaseworker: Api;
  let languageCaseworkerId: string;
  /** A caseworker of the host's Legal counselling unit. */
  let legalCaseworker: Api;
  /** A caseworker of the partner organisation. */
  let partnerCaseworker: Api;
  const users: Record<'admin' | 'supervisor' | 'caseworker', string> = {
    admin: '',
    supervisor: '',
    caseworker: '',
  };
  const units: Record<'protection' | 'legal' | 'language' | 'women' | 'psychosocial', string> = {
    protection: '',
    legal: '',
    language: '',
    women: '',
    psychosocial: '',
  };
  const types: Record<'homeVisit' | 'legalAdvice' | 'turkishA1' | 'partnerCounselling', string> = {
    homeVisit: '',
    legalAdvice: '',
    turkishA1: '',
    partnerCounselling: '',
  };

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    hostId = await organisationIdByName(t, DEMO_HOST);
    partnerId = await organisationIdByName(t, DEMO_PARTNER);
    [admin, supervisor, caseworker, distribution, dpo, partner] = await Promise.all(
      ['admin', 'supervisor', 'caseworker', 'distribution', 'dpo', 'partner'].map(async (u) =>
        asUser(t, await tokenFor(t, u)),
      ),
    );
    for (const u of ['admin', 'supervisor', 'caseworker'] as const) users[u] = await userIdByName(t, u);
    units.protection = await unitIdByName(t, 'Protection', DEMO_HOST);
    units.legal = await unitIdByName(t, 'Legal counselling', DEMO_HOST);
    units.language = await unitIdByName(t, 'Language courses', DEMO_HOST);
    units.women = await unitIdByName(t, "Women's solidarity centre", DEMO_HOST);
    units.psychosocial = await unitIdByName(t, 'Psychosocial support', DEMO_PARTNER);
    types.homeVisit = await serviceTypeIdByName(t, units.protection, 'Home visit');
    types.legalAdvice = await serviceTypeIdByName(t, units.legal, 'Legal advice session');
    types.turkishA1 = await serviceTypeIdByName(t, units.language, 'Turkish A1 course');
    types.partnerCounselling = await serviceTypeIdByName(
      t,
      units.psychosocial,
      'Individual psychological counselling',
    );
    const language = await createAndLogin(t, admin, {
      organisationId: hostId,
      role: 'caseworker',
      unitIds: [units.language],
    });
    languageCaseworker = asUser(t, language.accessToken);
    languageCaseworkerId = language.id;
    legalCaseworker = asUser(
      t,
      (await createAndLogin(t, admin, { organisationId: hostId, role: 'caseworker', unitIds: [units.legal] }))
        .accessToken,
    );
    partnerCaseworker = asUser(
      t,
      (
        await createAndLogin(t, admin, {
          organisationId: partnerId,
          role: 'caseworker',
          unitIds: [units.psychosocial],
        })
      ).accessToken,
    );
    partnerAdmin = asUser(
      t,
      (await createAndLogin(t, admin, { organisationId: partnerId, role: 'admin' })).accessToken,
    );
  }, 60_000);
  afterAll(() => t.close());

  /** A person registered by the Protection unit (the demo caseworker's). */
  const protectionClient = () =>
    insertBeneficiary(t, { registeredUnitId: units.protection, registeredByUserId: users.caseworker });

  async function auditRows(action: string, entityId: string) {
    return t.dataSource.query(
      `SELECT actor_user_id, organisation_id, changes FROM audit_events WHERE action = $1 AND entity_id = $2`,
      [action, entityId],
    );
  }

  describe('Demo catalogue', () => {
    it('gives every demo unit its service types', async () => {
      const rows: Array<{ unit: string; n: number }> = await t.dataSource.query(
        `SELECT su.name AS unit, count(st.id)::int AS n FROM service_units su
           LEFT JOIN service_types st ON st.unit_id = su.id GROUP BY su.name`,
      );
      for (const [unit, demoTypes] of Object.entries(DEMO_SERVICE_TYPES)) {
        expect(rows.find((r) => r.unit === unit)?.n).toBe(demoTypes.length);
      }
    });

    it('does not add the demo catalogue twice when seeding runs again', async () => {
      const before: Array<{ n: number }> = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM service_types`,
      );
      await seedUsers(t);
      const after: Array<{ n: number }> = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM service_types`,
      );
      expect(after[0].n).toBe(before[0].n);
    });
  });

  describe('Service types', () => {
    it('lets an administrator add a service type to a unit', async () => {
      const name = `Legal advice by phone ${uniqueSuffix()}`;
      const res = await admin.post('/service-types', {
        unitId: units.legal,
        name: `  ${name}  `,
        description: 'Advice on residence and registration questions by phone',
      });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        organisationId: hostId,
        unitId: units.legal,
        name,
        description: 'Advice on residence and registration questions by phone',
        isActive: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const got = await caseworker.get(`/service-types/${res.body.id}`);
      expectStatus(got, 200);
      expect(got.body).toEqual(res.body);
    });

    it('audits the creation of a service type', async () => {
      const created = await createServiceType(admin, units.legal);
      expect(await auditRows('service_type.created', created.id)).toEqual([
        {
          actor_user_id: users.admin,
          organisation_id: hostId,
          changes: { unitId: { to: units.legal }, name: { to: created.name } },
        },
      ]);
    });

    it("lets a caseworker read their organisation's catalogue per unit, by name", async () => {
      const res = await caseworker.get(`/service-types?unitId=${units.language}&limit=100`);
      expectStatus(res, 200);
      const names = res.body.items.map((s: any) => s.name);
      expect(names).toEqual(
        expect.arrayContaining(DEMO_SERVICE_TYPES['Language courses'].map((d) => d.name)),
      );
      expect(res.body.items.every((s: any) => s.unitId === units.language)).toBe(true);
      const sorted: Array<{ name: string }> = await t.dataSource.query(
        `SELECT name FROM service_types WHERE unit_id = $1 ORDER BY name, id`,
        [units.language],
      );
      expect(names).toEqual(sorted.map((r) => r.name));
    });

    it.each([
      ['supervisor', () => supervisor],
      ['distribution officer', () => distribution],
      ['data protection officer', () => dpo],
    ])('lets the %s read the catalogue', async (_, api) => {
      expectStatus(await api().get('/service-types'), 200);
      expectStatus(await api().get(`/service-types/${types.homeVisit}`), 200);
    });

    it("shows partner staff only their own organisation's catalogue", async () => {
      const pages = await allPages(partner, '/service-types?limit=100');
      const items = pages.flatMap((p) => p.items);
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((s) => s.organisationId === partnerId)).toBe(true);
      expectError(await partner.get(`/service-types/${types.homeVisit}`), 404, 'NOT_FOUND');
    });

    it('filters the catalogue by whether a service type is active', async () => {
      const retired = await createServiceType(admin, units.women);
      expectStatus(await admin.patch(`/service-types/${retired.id}`, { isActive: false }), 200);
      const inactive = await caseworker.get(`/service-types?unitId=${units.women}&isActive=false`);
      expectStatus(inactive, 200);
      expect(inactive.body.items.map((s: any) => s.id)).toEqual([retired.id]);
      const active = await caseworker.get(`/service-types?unitId=${units.women}&isActive=true&limit=100`);
      expect(active.body.items.map((s: any) => s.id)).not.toContain(retired.id);
      expect(active.body.items.length).toBe(DEMO_SERVICE_TYPES["Women's solidarity centre"].length);
    });

    it('pages through the catalogue by name with a keyset cursor', async () => {
      const unit = await createUnit(admin, hostId);
      const s = uniqueSuffix();
      const names = ['D', 'A', 'E', 'C', 'B'].map((x) => `Course ${s} ${x}`);
      for (const name of names) await createServiceType(admin, unit.id, { name });
      const pages = await allPages(caseworker, `/service-types?unitId=${unit.id}&limit=2`);
      expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
      expect(pages.flatMap((p) => p.items).map((x) => x.name)).toEqual([...names].sort());

      const all = await allPages(caseworker, '/service-types?limit=3');
      const ids = all.flatMap((p) => p.items).map((x) => x.id);
      const expected: Array<{ id: string }> = await t.dataSource.query(
        `SELECT id FROM service_types WHERE organisation_id = $1 ORDER BY name, id`,
        [hostId],
      );
      expect(ids).toEqual(expected.map((r) => r.id));
    });

    it('renames a service type, removes its description and audits the change', async () => {
      const created = await createServiceType(admin, units.legal, { description: 'Old description' });
      const name = `Renamed ${uniqueSuffix()}`;
      const res = await admin.patch(`/service-types/${created.id}`, { name, description: null });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ id: created.id, name, description: null, isActive: true });
      expect((await caseworker.get(`/service-types/${created.id}`)).body).toMatchObject({
        name,
        description: null,
      });
      expect(await auditRows('service_type.updated', created.id)).toEqual([
        {
          actor_user_id: users.admin,
          organisation_id: hostId,
          changes: {
            name: { from: created.name, to: name },
            description: { from: 'Old description', to: null },
          },
        },
      ]);
    });

    it('retires and reactivates a service type', async () => {
      const created = await createServiceType(admin, units.legal);
      const off = await admin.patch(`/service-types/${created.id}`, { isActive: false });
      expect(off.body.isActive).toBe(false);
      const on = await admin.patch(`/service-types/${created.id}`, { isActive: true });
      expect(on.body.isActive).toBe(true);
    });

    it('answers an update that changes nothing with the service type and no audit event', async () => {
      const created = await createServiceType(admin, units.legal);
      const res = await admin.patch(`/service-types/${created.id}`, { name: created.name });
      expectStatus(res, 200);
      expect(res.body.name).toBe(created.name);
      expect(await auditRows('service_type.updated', created.id)).toEqual([]);
    });

    it('refuses a second service type of the same name in a unit', async () => {
      const first = await createServiceType(admin, units.legal);
      const res = await admin.post('/service-types', { unitId: units.legal, name: first.name });
      expectError(res, 409, 'NAME_TAKEN', { name: ['unique'] });
    });

    it('allows the same name in another unit', async () => {
      const first = await createServiceType(admin, units.legal);
      expectStatus(await admin.post('/service-types', { unitId: units.protection, name: first.name }), 201);
    });

    it('refuses a rename to a name the unit already has', async () => {
      const first = await createServiceType(admin, units.legal);
      const second = await createServiceType(admin, units.legal);
      const res = await admin.patch(`/service-types/${second.id}`, { name: first.name });
      expectError(res, 409, 'NAME_TAKEN', { name: ['unique'] });
    });

    it('creates exactly one of two concurrent service types of the same name', async () => {
      const name = `Race ${uniqueSuffix()}`;
      const responses = await Promise.all([
        admin.post('/service-types', { unitId: units.legal, name }),
        admin.post('/service-types', { unitId: units.legal, name }),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(responses.find((r) => r.status === 409)!.body.code).toBe('NAME_TAKEN');
      const rows: unknown[] = await t.dataSource.query(
        `SELECT 1 FROM service_types WHERE unit_id = $1 AND name = $2`,
        [units.legal, name],
      );
      expect(rows).toHaveLength(1);
    });

    it('refuses a unit that does not exist', async () => {
      const res = await admin.post('/service-types', { unitId: randomUUID(), name: 'Anything' });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { unitId: ['notFound'] });
    });

    it("refuses another organisation's unit as if it did not exist", async () => {
      const res = await partnerAdmin.post('/service-types', { unitId: units.legal, name: 'Anything' });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { unitId: ['notFound'] });
    });

    it("lets a partner organisation's administrator manage their own catalogue", async () => {
      const created = await createServiceType(partnerAdmin, units.psychosocial);
      expect(created.organisationId).toBe(partnerId);
      expectStatus(await partnerAdmin.patch(`/service-types/${created.id}`, { isActive: false }), 200);
    });

    it('refuses a deactivated unit', async () => {
      const unit = await createUnit(admin, hostId);
      expectStatus(await admin.patch(`/service-units/${unit.id}`, { isActive: false }), 200);
      const res = await admin.post('/service-types', { unitId: unit.id, name: 'Anything' });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { unitId: ['inactive'] });
    });

    it("answers 404 to a partner administrator changing the host's service type", async () => {
      expectError(
        await partnerAdmin.patch(`/service-types/${types.homeVisit}`, { isActive: false }),
        404,
        'NOT_FOUND',
      );
    });

    it('answers 404 for a service type that does not exist', async () => {
      expectError(await caseworker.get(`/service-types/${randomUUID()}`), 404, 'NOT_FOUND');
      expectError(await admin.patch(`/service-types/${randomUUID()}`, { isActive: false }), 404, 'NOT_FOUND');
    });

    it.each([
      ['supervisor', () => supervisor],
      ['caseworker', () => caseworker],
      ['distribution officer', () => distribution],
      ['data protection officer', () => dpo],
      ['partner', () => partner],
    ])('forbids the %s to add or change service types', async (_, api) => {
      expectError(
        await api().post('/service-types', { unitId: units.legal, name: 'Anything' }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await api().patch(`/service-types/${types.legalAdvice}`, { isActive: false }),
        403,
        'FORBIDDEN',
      );
    });

    describe('bad input', () => {
      it.each([
        ['a unit id that is not a UUID', { unitId: 'legal', name: 'X' }, { unitId: ['isUuid'] }],
        ['a missing name', { unitId: 'UNIT' }, { name: ['isString', 'minLength', 'maxLength'] }],
        ['a blank name', { unitId: 'UNIT', name: '   ' }, { name: ['minLength'] }],
        ['an oversize name', { unitId: 'UNIT', name: 'x'.repeat(201) }, { name: ['maxLength'] }],
        [
          'a name that is a number',
          { unitId: 'UNIT', name: 42 },
          { name: ['isString', 'minLength', 'maxLength'] },
        ],
        [
          'an oversize description',
          { unitId: 'UNIT', name: 'X', description: 'x'.repeat(1001) },
          { description: ['maxLength'] },
        ],
        [
          'an empty description',
          { unitId: 'UNIT', name: 'X', description: '' },
          { description: ['minLength'] },
        ],
        ['an unknown field', { unitId: 'UNIT', name: 'X', price: 10 }, { price: ['whitelistValidation'] }],
        [
          'an organisation id',
          { unitId: 'UNIT', name: 'X', organisationId: 'ORG' },
          { organisationId: ['whitelistValidation'] },
        ],
      ])('refuses %s when creating', async (_, body, details) => {
        const sent = JSON.parse(
          JSON.stringify(body).replace('"UNIT"', `"${units.legal}"`).replace('"ORG"', `"${hostId}"`),
        );
        const res = await admin.post('/service-types', sent);
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(Object.keys(res.body.details)).toEqual(Object.keys(details));
        for (const [field, rules] of Object.entries(details)) {
          expect(res.body.details[field]).toEqual(expect.arrayContaining(rules));
        }
      });

      it.each([
        ['a null name', { name: null }, 'name', 'isString'],
        ['an oversize name', { name: 'x'.repeat(201) }, 'name', 'maxLength'],
        ['a null isActive', { isActive: null }, 'isActive', 'isBoolean'],
        ['isActive as text', { isActive: 'yes' }, 'isActive', 'isBoolean'],
        ['an oversize description', { description: 'x'.repeat(1001) }, 'description', 'maxLength'],
        ['a new unit', { unitId: 'UNIT' }, 'unitId', 'whitelistValidation'],
      ])('refuses %s when updating', async (_, body, field, rule) => {
        const res = await admin.patch(`/service-types/${types.legalAdvice}`, body);
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(Object.keys(res.body.details)).toEqual([field]);
        expect(res.body.details[field]).toContain(rule);
      });

      it.each([
        ['unitId=legal', 'unitId', 'isUuid'],
        ['isActive=maybe', 'isActive', 'isBoolean'],
        ['limit=0', 'limit', 'min'],
        ['limit=101', 'limit', 'max'],
        ['cursor=not*base64', 'cursor', 'matches'],
        ['kind=legal', 'kind', 'whitelistValidation'],
      ])('refuses the list query %s', async (query, field, rule) => {
        const res = await caseworker.get(`/service-types?${query}`);
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(res.body.details[field]).toContain(rule);
      });

      it('refuses a cursor of another shape', async () => {
        const cursor = Buffer.from(JSON.stringify([1, 2])).toString('base64url');
        expectError(await caseworker.get(`/service-types?cursor=${cursor}`), 400, 'VALIDATION_FAILED', {
          cursor: ['invalid'],
        });
      });

      it('refuses an id that is not a UUID', async () => {
        expectError(await caseworker.get('/service-types/home-visit'), 400, 'VALIDATION_FAILED', {
          id: ['isUuid'],
        });
        expectError(await admin.patch('/service-types/42', { isActive: false }), 400, 'VALIDATION_FAILED', {
          id: ['isUuid'],
        });
      });
    });
  });

  describe('Recording a service delivery', () => {
    it('records a service of the caller’s unit for a person they see', async () => {
      const person = await protectionClient();
      const res = await caseworker.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: types.homeVisit,
        deliveredOn: daysFromToday(-2),
        note: '  Visited the family at home  ',
      });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        organisationId: hostId,
        beneficiaryId: person,
        serviceTypeId: types.homeVisit,
        serviceTypeName: 'Home visit',
        unitId: units.protection,
        caseId: null,
        referralId: null,
        deliveredOn: daysFromToday(-2),
        deliveredByUserId: users.caseworker,
        note: 'Visited the family at home',
        createdAt: expect.any(String),
      });
      const got = await caseworker.get(`/service-deliveries/${res.body.id}`);
      expectStatus(got, 200);
      expect(got.body).toEqual(res.body);
    });

    it('accepts today as the delivery day', async () => {
      const person = await protectionClient();
      const body = await recordService(caseworker, {
        beneficiaryId: person,
        serviceTypeId: types.homeVisit,
        deliveredOn: daysFromToday(0),
      });
      expect(body.deliveredOn).toBe(daysFromToday(0));
    });

    it('audits the delivery with ids and codes, and only that a note was written', async () => {
      const person = await protectionClient();
      const body = await recordService(caseworker, {
        beneficiaryId: person,
        serviceTypeId: types.homeVisit,
        deliveredOn: '2025-03-01',
        note: 'Talked about the landlord',
      });
      expect(await auditRows('service_delivery.created', body.id)).toEqual([
        {
          actor_user_id: users.caseworker,
          organisation_id: hostId,
          changes: {
            beneficiaryId: { to: person },
            serviceTypeId: { to: types.homeVisit },
            unitId: { to: units.protection },
            caseId: { to: null },
            deliveredOn: { to: '2025-03-01' },
            note: {},
          },
        },
      ]);
    });

    it('records a service for an open case of the same person', async () => {
      const person = await protectionClient();
      const caseId = await insertCase(t, {
        unitId: units.protection,
        openedByUserId: users.caseworker,
        beneficiaryId: person,
      });
      const body = await recordService(caseworker, {
        beneficiaryId: person,
        serviceTypeId: types.homeVisit,
        caseId,
      });
      expect(body.caseId).toBe(caseId);
    });

    it('records a service for the case of a household the person belongs to', async () => {
      const person = await protectionClient();
      const household = await insertHousehold(t, {
        registeredUnitId: units.protection,
        createdByUserId: users.caseworker,
      });
      await addHouseholdMember(t, {
        householdId: household,
        beneficiaryId: person,
        createdByUserId: users.caseworker,
        startedOn: '2024-01-01',
      });
      const caseId = await insertCase(t, {
        unitId: units.protection,
        openedByUserId: users.caseworker,
        householdId: household,
      });
      const body = await recordService(caseworker, {
        beneficiaryId: person,
        serviceTypeId: types.homeVisit,
        caseId,
      });
      expect(body.caseId).toBe(caseId);
    });

    it('refuses the case of a household the person has left', async () => {
      const person = await protectionClient();
      const household = await insertHousehold(t, {
        registeredUnitId: units.protection,
        createdByUserId: users.caseworker,
      });
      const membership = await addHouseholdMember(t, {
        householdId: household,
        beneficiaryId: person,
        createdByUserId: users.caseworker,
        startedOn: '2024-01-01',
      });
      await endHouseholdMembership(t, membership, { endedOn: '2024-06-01', endedByUserId: users.caseworker });
      const caseId = await insertCase(t, {
        unitId: units.protection,
        openedByUserId: users.caseworker,
        householdId: household,
      });
      const res = await caseworker.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: types.homeVisit,
        deliveredOn: daysFromToday(0),
        caseId,
      });
      expectError(res, 422, 'CASE_NOT_OF_BENEFICIARY', { caseId: ['otherBeneficiary'] });
    });

    it("refuses another person's case", async () => {
      const person = await protectionClient();
      const other = await protectionClient();
      const caseId = await insertCase(t, {
        unitId: units.protection,
        openedByUserId: users.caseworker,
        beneficiaryId: other,
      });
      const res = await caseworker.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: types.homeVisit,
        deliveredOn: daysFromToday(0),
        caseId,
      });
      expectError(res, 422, 'CASE_NOT_OF_BENEFICIARY', { caseId: ['otherBeneficiary'] });
    });

    it('refuses a closed case', async () => {
      const person = await protectionClient();
      const caseId = await insertCase(t, {
        unitId: units.protection,
        openedByUserId: users.caseworker,
        beneficiaryId: person,
      });
      await changeCaseStatus(t, caseId, { to: 'closed', byUserId: users.caseworker });
      const res = await caseworker.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: types.homeVisit,
        deliveredOn: daysFromToday(0),
        caseId,
      });
      expectError(res, 409, 'CASE_CLOSED', { caseId: ['closed'] });
    });

    it('refuses a case the caller may not see, as if it did not exist', async () => {
      const person = await insertBeneficiary(t, {
        registeredUnitId: units.language,
        registeredByUserId: languageCaseworkerId,
      });
      const protectionCase = await insertCase(t, {
        unitId: units.protection,
        openedByUserId: users.caseworker,
        beneficiaryId: person,
      });
      const res = await languageCaseworker.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: types.turkishA1,
        deliveredOn: daysFromToday(0),
        caseId: protectionCase,
      });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { caseId: ['notFound'] });
    });

    it('refuses a case that does not exist', async () => {
      const person = await protectionClient();
      const res = await caseworker.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: types.homeVisit,
        deliveredOn: daysFromToday(0),
        caseId: randomUUID(),
      });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { caseId: ['notFound'] });
    });

    it('refuses a person the caller may not see, as if they did not exist', async () => {
      const person = await protectionClient();
      const res = await languageCaseworker.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: types.turkishA1,
        deliveredOn: daysFromToday(0),
      });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { beneficiaryId: ['notFound'] });
    });

    it('refuses a person who does not exist', async () => {
      const res = await caseworker.post('/service-deliveries', {
        beneficiaryId: randomUUID(),
        serviceTypeId: types.homeVisit,
        deliveredOn: daysFromToday(0),
      });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { beneficiaryId: ['notFound'] });
    });

    it("refuses another organisation's person", async () => {
      const person = await protectionClient();
      const res = await partnerCaseworker.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: types.partnerCounselling,
        deliveredOn: daysFromToday(0),
      });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { beneficiaryId: ['notFound'] });
    });

    it("refuses another organisation's service type, as if it did not exist", async () => {
      const person = await protectionClient();
      const res = await caseworker.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: types.partnerCounselling,
        deliveredOn: daysFromToday(0),
      });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { serviceTypeId: ['notFound'] });
    });

    it('refuses a service type that does not exist', async () => {
      const person = await protectionClient();
      const res = await caseworker.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: randomUUID(),
        deliveredOn: daysFromToday(0),
      });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { serviceTypeId: ['notFound'] });
    });

    it('refuses a retired service type', async () => {
      const person = await protectionClient();
      const retired = await createServiceType(admin, units.protection);
      expectStatus(await admin.patch(`/service-types/${retired.id}`, { isActive: false }), 200);
      const res = await caseworker.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: retired.id,
        deliveredOn: daysFromToday(0),
      });
      expectError(res, 422, 'SERVICE_TYPE_INACTIVE', { serviceTypeId: ['inactive'] });
    });

    it("refuses a caseworker another unit's service", async () => {
      const person = await protectionClient();
      const res = await caseworker.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: types.turkishA1,
        deliveredOn: daysFromToday(0),
      });
      expectError(res, 422, 'NOT_MEMBER_OF_UNIT', { serviceTypeId: ['notYourUnit'] });
    });

    it("refuses a supervisor a unit's service that is not one of theirs", async () => {
      const person = await protectionClient();
      const res = await supervisor.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: types.turkishA1,
        deliveredOn: daysFromToday(0),
      });
      expectError(res, 422, 'NOT_MEMBER_OF_UNIT', { serviceTypeId: ['notYourUnit'] });
    });

    it('lets a supervisor record a service of one of their units for anyone of the organisation', async () => {
      const person = await insertBeneficiary(t, {
        registeredUnitId: units.language,
        registeredByUserId: languageCaseworkerId,
      });
      const body = await recordService(supervisor, {
        beneficiaryId: person,
        serviceTypeId: types.legalAdvice,
      });
      expect(body).toMatchObject({ unitId: units.legal, deliveredByUserId: users.supervisor });
    });

    it('refuses a referral, since none exists yet, as an unknown referral', async () => {
      const person = await protectionClient();
      const res = await caseworker.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: types.homeVisit,
        deliveredOn: daysFromToday(0),
        referralId: randomUUID(),
      });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { referralId: ['notFound'] });
    });

    it('accepts a null referral and a null case', async () => {
      const person = await protectionClient();
      const res = await caseworker.post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: types.homeVisit,
        deliveredOn: daysFromToday(0),
        referralId: null,
        caseId: null,
        note: null,
      });
      expectStatus(res, 201);
      expect(res.body).toMatchObject({ referralId: null, caseId: null, note: null });
    });

    it.each([
      ['administrator', () => admin],
      ['distribution officer', () => distribution],
      ['data protection officer', () => dpo],
      ['partner', () => partner],
    ])('forbids the %s to record services', async (_, api) => {
      const person = await protectionClient();
      const res = await api().post('/service-deliveries', {
        beneficiaryId: person,
        serviceTypeId: types.homeVisit,
        deliveredOn: daysFromToday(0),
      });
      expectError(res, 403, 'FORBIDDEN');
    });

    describe('bad input', () => {
      const valid = () => ({
        beneficiaryId: randomUUID(),
        serviceTypeId: types.homeVisit,
        deliveredOn: '2025-01-15',
      });

      it.each([
        ['a delivery day after today everywhere', { deliveredOn: 'TOMORROW' }, 'deliveredOn', 'notFuture'],
        ['an impossible day', { deliveredOn: '2025-02-30' }, 'deliveredOn', 'notFuture'],
        ['a timestamp as day', { deliveredOn: '2025-01-15T10:00:00Z' }, 'deliveredOn', 'notFuture'],
        ['a day in another format', { deliveredOn: '15.01.2025' }, 'deliveredOn', 'notFuture'],
        ['a missing delivery day', { deliveredOn: undefined }, 'deliveredOn', 'notFuture'],
        ['a person id that is not a UUID', { beneficiaryId: 'p-1' }, 'beneficiaryId', 'isUuid'],
        ['a missing person', { beneficiaryId: undefined }, 'beneficiaryId', 'isUuid'],
        ['a service type id that is not a UUID', { serviceTypeId: 7 }, 'serviceTypeId', 'isUuid'],
        ['a case id that is not a UUID', { caseId: 'case-1' }, 'caseId', 'isUuid'],
        ['a referral id that is not a UUID', { referralId: 12 }, 'referralId', 'isUuid'],
        ['an oversize note', { note: 'x'.repeat(2001) }, 'note', 'maxLength'],
        ['a blank note', { note: '   ' }, 'note', 'minLength'],
        ['a note that is not text', { note: { text: 'x' } }, 'note', 'isString'],
        ['an unknown field', { deliveredBy: 'someone' }, 'deliveredBy', 'whitelistValidation'],
        ['a unit (copied from the service type)', { unitId: randomUUID() }, 'unitId', 'whitelistValidation'],
      ])('refuses %s', async (_, change, field, rule) => {
        const body: Record<string, unknown> = { ...valid(), ...change };
        if (body.deliveredOn === 'TOMORROW') body.deliveredOn = daysFromToday(2);
        const res = await caseworker.post('/service-deliveries', body);
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(Object.keys(res.body.details)).toEqual([field]);
        expect(res.body.details[field]).toContain(rule);
      });

      it('accepts a note of exactly 2000 characters', async () => {
        const person = await protectionClient();
        const body = await recordService(caseworker, {
          beneficiaryId: person,
          serviceTypeId: types.homeVisit,
          note: 'x'.repeat(2000),
        });
        expect(body.note).toHaveLength(2000);
      });
    });
  });

  describe('Listing service deliveries', () => {
    let person: string;
    let caseId: string;
    /** Recorded by the Protection caseworker, in this order. */
    const protection: string[] = [];
    /** Recorded by the supervisor for the Legal counselling unit: for the case, and without one. */
    let legal: string;
    let legalAlone: string;

    beforeAll(async () => {
      person = await protectionClient();
      caseId = await insertCase(t, {
        unitId: units.protection,
        openedByUserId: users.caseworker,
        beneficiaryId: person,
      });
      for (const [deliveredOn, withCase] of [
        ['2025-01-10', false],
        ['2025-03-05', true],
        ['2025-02-01', true],
        ['2025-03-05', false],
      ] as const) {
        const body = await recordService(caseworker, {
          beneficiaryId: person,
          serviceTypeId: types.homeVisit,
          deliveredOn,
          ...(withCase ? { caseId } : {}),
        });
        protection.push(body.id);
      }
      legal = (
        await recordService(supervisor, {
          beneficiaryId: person,
          serviceTypeId: types.legalAdvice,
          deliveredOn: '2025-02-15',
          caseId,
        })
      ).id;
      legalAlone = (
        await recordService(supervisor, {
          beneficiaryId: person,
          serviceTypeId: types.legalAdvice,
          deliveredOn: '2025-01-20',
        })
      ).id;
    });

    const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((d) => d.id);

    it("lists a person's deliveries newest first: by day, then the latest recorded", async () => {
      const res = await supervisor.get(`/service-deliveries?beneficiaryId=${person}`);
      expectStatus(res, 200);
      expect(ids(res)).toEqual([
        protection[3],
        protection[1],
        legal,
        protection[2],
        legalAlone,
        protection[0],
      ]);
      expect(res.body.items.map((d: any) => d.deliveredOn)).toEqual([
        '2025-03-05',
        '2025-03-05',
        '2025-02-15',
        '2025-02-01',
        '2025-01-20',
        '2025-01-10',
      ]);
    });

    it("lists a case's deliveries", async () => {
      const res = await supervisor.get(`/service-deliveries?caseId=${caseId}`);
      expectStatus(res, 200);
      expect(ids(res)).toEqual([protection[1], legal, protection[2]]);
    });

    it("lists a unit's deliveries", async () => {
      const res = await supervisor.get(`/service-deliveries?unitId=${units.legal}&beneficiaryId=${person}`);
      expect(ids(res)).toEqual([legal, legalAlone]);
      const all = await allPages(supervisor, `/service-deliveries?unitId=${units.protection}&limit=100`);
      const items = all.flatMap((p) => p.items);
      expect(items.every((d) => d.unitId === units.protection)).toBe(true);
      expect(items.map((d) => d.id)).toEqual(expect.arrayContaining(protection));
    });

    it('lists the deliveries of a service type', async () => {
      const res = await supervisor.get(
        `/service-deliveries?serviceTypeId=${types.legalAdvice}&beneficiaryId=${person}`,
      );
      expect(ids(res)).toEqual([legal, legalAlone]);
    });

    it('lists the deliveries between two days, both included', async () => {
      const res = await supervisor.get(
        `/service-deliveries?beneficiaryId=${person}&from=2025-02-01&to=2025-02-15`,
      );
      expect(ids(res)).toEqual([legal, protection[2]]);
      const since = await supervisor.get(`/service-deliveries?beneficiaryId=${person}&from=2025-03-05`);
      expect(ids(since)).toEqual([protection[3], protection[1]]);
    });

    it('pages with a keyset cursor, every delivery once and in order', async () => {
      const pages = await allPages(supervisor, `/service-deliveries?beneficiaryId=${person}&limit=2`);
      expect(pages.map((p) => p.items.length)).toEqual([2, 2, 2]);
      expect(pages.flatMap((p) => p.items).map((d) => d.id)).toEqual([
        protection[3],
        protection[1],
        legal,
        protection[2],
        legalAlone,
        protection[0],
      ]);
    });

    it("shows a caseworker their units' deliveries and those for their cases, not another unit's others", async () => {
      const res = await caseworker.get(`/service-deliveries?beneficiaryId=${person}`);
      expect(ids(res)).toEqual([protection[3], protection[1], legal, protection[2], protection[0]]);
    });

    it('shows a delivery of their unit without the case a caseworker may not see', async () => {
      const res = await legalCaseworker.get(`/service-deliveries?beneficiaryId=${person}`);
      expectStatus(res, 200);
      expect(ids(res)).toEqual([legal, legalAlone]);
      expect(res.body.items.map((d: any) => d.caseId)).toEqual([null, null]);
      const one = await legalCaseworker.get(`/service-deliveries/${legal}`);
      expectStatus(one, 200);
      expect(one.body.caseId).toBeNull();
      expect((await supervisor.get(`/service-deliveries/${legal}`)).body.caseId).toBe(caseId);
    });

    it("answers 404 for a delivery of another unit's work", async () => {
      expectError(await languageCaseworker.get(`/service-deliveries/${legal}`), 404, 'NOT_FOUND');
      expect(ids(await languageCaseworker.get(`/service-deliveries?beneficiaryId=${person}`))).toEqual([]);
    });

    it("answers 404 to another organisation's staff and lists nothing for them", async () => {
      expectError(await partner.get(`/service-deliveries/${legal}`), 404, 'NOT_FOUND');
      expectError(await partnerCaseworker.get(`/service-deliveries/${legal}`), 404, 'NOT_FOUND');
      const res = await partnerCaseworker.get('/service-deliveries?limit=100');
      expectStatus(res, 200);
      expect(res.body.items).toEqual([]);
    });

    it('lets the administrator and the data protection officer read deliveries', async () => {
      expect(ids(await admin.get(`/service-deliveries?beneficiaryId=${person}`))).toHaveLength(6);
      expectStatus(await dpo.get(`/service-deliveries/${legal}`), 200);
    });

    it('forbids the distribution officer to read deliveries', async () => {
      expectError(await distribution.get(`/service-deliveries?beneficiaryId=${person}`), 403, 'FORBIDDEN');
      expectError(await distribution.get(`/service-deliveries/${legal}`), 403, 'FORBIDDEN');
    });

    it('answers 404 for a delivery that does not exist', async () => {
      expectError(await supervisor.get(`/service-deliveries/${randomUUID()}`), 404, 'NOT_FOUND');
    });

    describe('bad input', () => {
      it.each([
        ['beneficiaryId=someone', 'beneficiaryId', 'isUuid'],
        ['caseId=1', 'caseId', 'isUuid'],
        ['unitId=protection', 'unitId', 'isUuid'],
        ['serviceTypeId=x', 'serviceTypeId', 'isUuid'],
        ['from=2025-02-30', 'from', 'isCalendarDate'],
        ['to=yesterday', 'to', 'isCalendarDate'],
        ['from=2025-01-01T00:00:00Z', 'from', 'isCalendarDate'],
        ['limit=0', 'limit', 'min'],
        ['limit=101', 'limit', 'max'],
        ['limit=ten', 'limit', 'isInt'],
        ['deliveredBy=me', 'deliveredBy', 'whitelistValidation'],
      ])('refuses the query %s', async (query, field, rule) => {
        const res = await supervisor.get(`/service-deliveries?${query}`);
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(res.body.details[field]).toContain(rule);
      });

      it('refuses a period that ends before it starts', async () => {
        const res = await supervisor.get('/service-deliveries?from=2025-03-01&to=2025-02-28');
        expectError(res, 400, 'VALIDATION_FAILED', { to: ['notBeforeFrom'] });
      });

      it.each([
        ['another shape', ['2025-01-01', 'x']],
        ['a day that is not a day', ['2025-13-01', '2025-01-01T00:00:00.000Z', randomUUID()]],
        ['an instant that is not an instant', ['2025-01-01', 'yesterday', randomUUID()]],
        ['an id that is not a UUID', ['2025-01-01', '2025-01-01T00:00:00.000Z', 'x']],
      ])('refuses a cursor with %s', async (_, key) => {
        const cursor = Buffer.from(JSON.stringify(key)).toString('base64url');
        const res = await supervisor.get(`/service-deliveries?cursor=${cursor}`);
        expectError(res, 400, 'VALIDATION_FAILED', { cursor: ['invalid'] });
      });

      it('refuses an id that is not a UUID', async () => {
        expectError(await supervisor.get('/service-deliveries/last'), 400, 'VALIDATION_FAILED', {
          id: ['isUuid'],
        });
      });
    });
  });
});
