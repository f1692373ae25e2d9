import { ConsentsService } from '../../src/beneficiaries/consents/consents.service';
import { ConsentPurpose } from '../../src/beneficiaries/beneficiary-codes';
import { registerBeneficiary, registryCallers } from '../factories/households';
import {
  allPages,
  Api,
  createOrganisation,
  expectError,
  expectStatus,
  MISSING,
  userIdByName,
  UUID,
} from '../utils/admin';
import { seedUsers } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { daysFromToday } from '../utils/dates';

describe('Consents', () => {
  let t: TestApp;
  let admin: Api;
  let supervisor: Api;
  let caseworker: Api;
  let distribution: Api;
  let partner: Api;
  let dpo: Api;
  let otherUnit: Api;
  let otherOrg: Api;
  let partnerId: string;
  let protection: string;
  /** A public body that receives shared data. */
  let cityId: string;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    const callers = await registryCallers(t);
    ({ admin, supervisor, caseworker, distribution, partner, dpo, otherUnit, otherOrg, partnerId } = callers);
    protection = callers.units.protection;
    cityId = (await createOrganisation(admin, 'public_body')).id;
  });
  afterAll(() => t.close());

  const person = () => registerBeneficiary(caseworker, protection);

  async function record(beneficiaryId: string, overrides: Record<string, unknown> = {}) {
    const res = await caseworker.post(`/beneficiaries/${beneficiaryId}/consents`, {
      purpose: 'assistance',
      scope: ['identity', 'contact'],
      decision: 'given',
      decidedOn: daysFromToday(-30),
      ...overrides,
    });
    if (res.status !== 201)
      throw new Error(`consent not recorded: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as {
      id: string;
      purpose: string;
      decision: string;
      recipientOrganisationId: string | null;
    };
  }

  async function withdraw(id: string) {
    expectStatus(await caseworker.post(`/consents/${id}/withdrawal`, { reason: 'Changed her mind' }), 200);
  }

  async function currentIds(beneficiaryId: string, query = ''): Promise<string[]> {
    const res = await caseworker.get(`/beneficiaries/${beneficiaryId}/consents?current=true${query}`);
    expectStatus(res, 200);
    expect(res.body.nextCursor).toBeUndefined();
    return res.body.items.map((c: any) => c.id).sort();
  }

  describe('POST /beneficiaries/:id/consents', () => {
    it('should record a consent with who recorded it and when', async () => {
      const id = await person();
      const res = await caseworker.post(`/beneficiaries/${id}/consents`, {
        purpose: 'assistance',
        scope: ['household', 'identity'],
        decision: 'given',
        decidedOn: '2024-02-01',
        expiresOn: '2026-01-31',
        reference: '  Form 2024/117 ',
      });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        beneficiaryId: id,
        purpose: 'assistance',
        recipientOrganisationId: null,
        scope: ['household', 'identity'],
        decision: 'given',
        decidedOn: '2024-02-01',
        expiresOn: '2026-01-31',
        reference: 'Form 2024/117',
        recordedByUserId: await userIdByName(t, 'caseworker'),
        recordedAt: expect.any(String),
        withdrawnAt: null,
        withdrawnByUserId: null,
        withdrawalReason: null,
      });
    });

    it('should audit the decision with codes and ids only', async () => {
      const id = await person();
      const consent = await record(id, {
        purpose: 'referral',
        recipientOrganisationId: partnerId,
        decision: 'refused',
        reference: 'Form 88',
      });
      const rows: Array<{ action: string; entity_type: string; changes: unknown }> = await t.dataSource.query(
        `SELECT action, entity_type, changes FROM audit_events WHERE entity_id = $1`,
        [consent.id],
      );
      expect(rows).toEqual([
        {
          action: 'consent.recorded',
          entity_type: 'consent',
          changes: {
            beneficiaryId: { to: id },
            purpose: { to: 'referral' },
            recipientOrganisationId: { to: partnerId },
            scope: { to: ['contact', 'identity'] },
            decision: { to: 'refused' },
            reference: {},
          },
        },
      ]);
    });

    it('should record a referral consent to a named organisation of any kind', async () => {
      const id = await person();
      expect(await record(id, { purpose: 'referral', recipientOrganisationId: partnerId })).toMatchObject({
        purpose: 'referral',
        recipientOrganisationId: partnerId,
      });
      expect(await record(id, { purpose: 'data_sharing', recipientOrganisationId: cityId })).toMatchObject({
        purpose: 'data_sharing',
        recipientOrganisationId: cityId,
      });
    });

    it.each(['referral', 'data_sharing'])('should require a recipient for %s', async (purpose) => {
      const res = await caseworker.post(`/beneficiaries/${await person()}/consents`, {
        purpose,
        scope: ['identity'],
        decision: 'given',
        decidedOn: daysFromToday(0),
      });
      expectError(res, 400, 'VALIDATION_FAILED', { recipientOrganisationId: ['requiredForPurpose'] });
    });

    it.each(['assistance', 'contact', 'photo'])('should refuse a recipient for %s', async (purpose) => {
      const res = await caseworker.post(`/beneficiaries/${await person()}/consents`, {
        purpose,
        recipientOrganisationId: partnerId,
        scope: ['identity'],
        decision: 'given',
        decidedOn: daysFromToday(0),
      });
      expectError(res, 400, 'VALIDATION_FAILED', { recipientOrganisationId: ['notAllowedForPurpose'] });
    });

    it('should refuse a recipient organisation that does not exist', async () => {
      const res = await caseworker.post(`/beneficiaries/${await person()}/consents`, {
        purpose: 'referral',
        recipientOrganisationId: MISSING,
        scope: ['identity'],
        decision: 'given',
        decidedOn: daysFromToday(0),
      });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { recipientOrganisationId: ['notFound'] });
    });

    it('should accept an expiry on the day of the decision and refuse one before it', async () => {
      const id = await person();
      expect(await record(id, { decidedOn: '2024-05-10', expiresOn: '2024-05-10' })).toMatchObject({
        expiresOn: '2024-05-10',
      });
      const res = await caseworker.post(`/beneficiaries/${id}/consents`, {
        purpose: 'contact',
        scope: ['contact'],
        decision: 'given',
        decidedOn: '2024-05-10',
        expiresOn: '2024-05-09',
      });
      expectError(res, 400, 'VALIDATION_FAILED', { expiresOn: ['notBeforeDecidedOn'] });
    });

    const valid = { purpose: 'contact', scope: ['contact'], decision: 'given', decidedOn: '2024-01-15' };
    it.each([
      ['an unknown purpose', { purpose: 'marketing' }, { purpose: ['isEnum'] }],
      ['a missing purpose', { purpose: undefined }, { purpose: ['isEnum'] }],
      ['an empty scope', { scope: [] }, { scope: ['arrayMinSize'] }],
      [
        'a scope that is not a list',
        { scope: 'contact' },
        { scope: ['arrayUnique', 'arrayMaxSize', 'arrayMinSize', 'isArray'] },
      ],
      ['an unknown scope', { scope: ['contact', 'finances'] }, { scope: ['isEnum'] }],
      ['a repeated scope', { scope: ['contact', 'contact'] }, { scope: ['arrayUnique'] }],
      ['an unknown decision', { decision: 'maybe' }, { decision: ['isEnum'] }],
      ['a decision in the future', { decidedOn: daysFromToday(2) }, { decidedOn: ['notFuture'] }],
      ['a decision date that is not a date', { decidedOn: '15/01/2024' }, { decidedOn: ['notFuture'] }],
      ['a missing decision date', { decidedOn: undefined }, { decidedOn: ['notFuture'] }],
      ['an impossible expiry', { expiresOn: '2025-02-30' }, { expiresOn: ['isCalendarDate'] }],
      ['an expiry that is a number', { expiresOn: 20250101 }, { expiresOn: ['isCalendarDate'] }],
      [
        'a recipient id that is not a UUID',
        { recipientOrganisationId: 'Partner NGO' },
        { recipientOrganisationId: ['isUuid'] },
      ],
      ['an oversize reference', { reference: 'r'.repeat(101) }, { reference: ['maxLength'] }],
      [
        'a reference that is not text',
        { reference: 5 },
        { reference: ['maxLength', 'minLength', 'isString'] },
      ],
      ['an unknown field', { withdrawnAt: '2024-01-01T00:00:00Z' }, { withdrawnAt: ['whitelistValidation'] }],
    ])('should answer %s with a 400 naming the field and rule', async (_case, change, details) => {
      const body = JSON.parse(JSON.stringify({ ...valid, ...change }));
      expectError(
        await caseworker.post(`/beneficiaries/${await person()}/consents`, body),
        400,
        'VALIDATION_FAILED',
        details,
      );
    });

    it('should answer 400 for a beneficiary id that is not a UUID', async () => {
      expectError(await caseworker.post('/beneficiaries/abc/consents', valid), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
    });

    it('should answer 404 outside the caller’s scope and 403 to roles that may not change people', async () => {
      const id = await person();
      for (const api of [otherUnit, otherOrg]) {
        expectError(await api.post(`/beneficiaries/${id}/consents`, valid), 404, 'NOT_FOUND');
      }
      expectError(await caseworker.post(`/beneficiaries/${MISSING}/consents`, valid), 404, 'NOT_FOUND');
      for (const api of [distribution, partner, admin, dpo]) {
        expectError(await api.post(`/beneficiaries/${id}/consents`, valid), 403, 'FORBIDDEN');
      }
    });
  });

  describe('GET /beneficiaries/:id/consents', () => {
    it('should list the decisions newest first, by decision date then recording time', async () => {
      const id = await person();
      const a = await record(id, { decidedOn: '2024-03-01' });
      const b = await record(id, { decidedOn: '2024-05-01' });
      const c = await record(id, { decidedOn: '2024-03-01', decision: 'refused' });
      const res = await caseworker.get(`/beneficiaries/${id}/consents`);
      expectStatus(res, 200);
      expect(res.body.items.map((x: any) => x.id)).toEqual([b.id, c.id, a.id]);
      expect(res.body.nextCursor).toBeUndefined();
    });

    it('should page through the decisions with a keyset cursor', async () => {
      const id = await person();
      const ids: string[] = [];
      for (const decidedOn of ['2024-01-01', '2024-01-01', '2024-01-02', '2024-01-02', '2024-01-03']) {
        ids.push((await record(id, { decidedOn })).id);
      }
      const pages = await allPages(caseworker, `/beneficiaries/${id}/consents?limit=2`);
      expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
      expect(pages.flatMap((p) => p.items.map((x: any) => x.id))).toEqual([...ids].reverse());
    });

    it('should filter by purpose and recipient', async () => {
      const id = await person();
      const toPartner = await record(id, { purpose: 'referral', recipientOrganisationId: partnerId });
      const toCity = await record(id, { purpose: 'referral', recipientOrganisationId: cityId });
      const contact = await record(id, { purpose: 'contact' });
      const referral = await caseworker.get(`/beneficiaries/${id}/consents?purpose=referral`);
      expect(referral.body.items.map((x: any) => x.id).sort()).toEqual([toPartner.id, toCity.id].sort());
      const city = await caseworker.get(`/beneficiaries/${id}/consents?recipientOrganisationId=${cityId}`);
      expect(city.body.items.map((x: any) => x.id)).toEqual([toCity.id]);
      const contacts = await caseworker.get(`/beneficiaries/${id}/consents?purpose=contact`);
      expect(contacts.body.items.map((x: any) => x.id)).toEqual([contact.id]);
    });

    it('should list with current=true only the decisions that hold today', async () => {
      const id = await person();
      await record(id, { purpose: 'assistance', decidedOn: daysFromToday(-20) });
      await record(id, { purpose: 'assistance', decidedOn: daysFromToday(-10), decision: 'refused' });
      const contact = await record(id, { purpose: 'contact' });
      await record(id, { purpose: 'photo', decidedOn: daysFromToday(-20), expiresOn: daysFromToday(-1) });
      const toPartner = await record(id, { purpose: 'referral', recipientOrganisationId: partnerId });
      await record(id, { purpose: 'referral', recipientOrganisationId: cityId, decision: 'refused' });
      await withdraw((await record(id, { purpose: 'data_sharing', recipientOrganisationId: cityId })).id);

      expect(await currentIds(id)).toEqual([contact.id, toPartner.id].sort());
      expect(await currentIds(id, '&purpose=referral')).toEqual([toPartner.id]);
      expect(await currentIds(id, `&recipientOrganisationId=${cityId}`)).toEqual([]);
    });

    it('should let the latest decision count, whatever order they were recorded in', async () => {
      const id = await person();
      const later = await record(id, { purpose: 'contact', decidedOn: daysFromToday(-5) });
      await record(id, { purpose: 'contact', decidedOn: daysFromToday(-9), decision: 'refused' });
      expect(await currentIds(id)).toEqual([later.id]);
    });

    it('should count a consent on the last day of its validity', async () => {
      const id = await person();
      const lastDay = await record(id, { purpose: 'photo', expiresOn: daysFromToday(0) });
      expect(await currentIds(id)).toEqual([lastDay.id]);
    });

    it('should let administrators and data protection officers read, but not distribution officers', async () => {
      const id = await person();
      await record(id);
      for (const api of [admin, dpo, supervisor]) {
        const res = await api.get(`/beneficiaries/${id}/consents`);
        expectStatus(res, 200);
        expect(res.body.items).toHaveLength(1);
      }
      expectError(await distribution.get(`/beneficiaries/${id}/consents`), 403, 'FORBIDDEN');
    });

    it('should answer 404 to a caseworker of another unit or organisation, and to partner staff', async () => {
      const id = await person();
      await record(id);
      for (const api of [otherUnit, otherOrg, partner]) {
        expectError(await api.get(`/beneficiaries/${id}/consents`), 404, 'NOT_FOUND');
        expectError(await api.get(`/beneficiaries/${id}/consents?current=true`), 404, 'NOT_FOUND');
      }
      expectError(await caseworker.get(`/beneficiaries/${MISSING}/consents`), 404, 'NOT_FOUND');
    });

    const cursorOf = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    it.each([
      ['purpose=marketing', { purpose: ['isEnum'] }],
      ['recipientOrganisationId=partner', { recipientOrganisationId: ['isUuid'] }],
      ['current=yes', { current: ['isBoolean'] }],
      ['limit=1000', { limit: ['max'] }],
      ['decision=given', { decision: ['whitelistValidation'] }],
      [`cursor=${cursorOf(['not-an-id'])}`, { cursor: ['invalid'] }],
      [`cursor=${cursorOf(['2024-01-01', MISSING])}`, { cursor: ['invalid'] }],
      [`current=true&cursor=${cursorOf([MISSING])}`, { cursor: ['notWithCurrent'] }],
    ])('should answer ?%s with a 400 naming the parameter', async (query, details) => {
      expectError(
        await caseworker.get(`/beneficiaries/${await person()}/consents?${query}`),
        400,
        'VALIDATION_FAILED',
        details,
      );
    });

    it('should answer 400 for a beneficiary id that is not a UUID', async () => {
      expectError(await caseworker.get('/beneficiaries/1/consents'), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
    });
  });

  describe('POST /consents/:id/withdrawal', () => {
    it('should withdraw a consent, saying when, by whom and why', async () => {
      const consent = await record(await person());
      const res = await caseworker.post(`/consents/${consent.id}/withdrawal`, {
        reason: '  Asked by phone  ',
      });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({
        id: consent.id,
        withdrawnAt: expect.any(String),
        withdrawnByUserId: await userIdByName(t, 'caseworker'),
        withdrawalReason: 'Asked by phone',
      });
      const rows: Array<{ action: string; changes: unknown }> = await t.dataSource.query(
        `SELECT action, changes FROM audit_events WHERE entity_id = $1 ORDER BY id`,
        [consent.id],
      );
      expect(rows.map((r) => r.action)).toEqual(['consent.recorded', 'consent.withdrawn']);
      expect(rows[1].changes).toEqual({ withdrawalReason: {} });
    });

    it('should refuse to withdraw a refusal', async () => {
      const id = await person();
      const refusal = await record(id, { purpose: 'photo', decision: 'refused' });
      expectError(
        await caseworker.post(`/consents/${refusal.id}/withdrawal`, { reason: 'Asked' }),
        422,
        'REFUSAL_NOT_WITHDRAWABLE',
        { id: ['refusal'] },
      );
    });

    it('should refuse to withdraw a consent twice', async () => {
      const consent = await record(await person());
      await withdraw(consent.id);
      expectError(
        await caseworker.post(`/consents/${consent.id}/withdrawal`, { reason: 'Again' }),
        409,
        'CONSENT_WITHDRAWN',
      );
    });

    it('should answer 404 outside the caller’s scope and 403 to roles that may not change people', async () => {
      const consent = await record(await person());
      const body = { reason: 'Asked to withdraw' };
      for (const api of [otherUnit, otherOrg]) {
        expectError(await api.post(`/consents/${consent.id}/withdrawal`, body), 404, 'NOT_FOUND');
      }
      expectError(await caseworker.post(`/consents/${MISSING}/withdrawal`, body), 404, 'NOT_FOUND');
      for (const api of [distribution, partner, admin, dpo]) {
        expectError(await api.post(`/consents/${consent.id}/withdrawal`, body), 403, 'FORBIDDEN');
      }
    });

    it.each([
      ['no reason', {}, { reason: ['maxLength', 'minLength', 'isString'] }],
      ['an empty reason', { reason: '  ' }, { reason: ['minLength'] }],
      ['an oversize reason', { reason: 'x'.repeat(501) }, { reason: ['maxLength'] }],
      ['a reason that is not text', { reason: ['no'] }, { reason: ['maxLength', 'minLength', 'isString'] }],
      [
        'an unknown field',
        { reason: 'Asked', withdrawnAt: '2024-01-01' },
        { withdrawnAt: ['whitelistValidation'] },
      ],
    ])('should answer %s with a 400 naming the field and rule', async (_case, body, details) => {
      const consent = await record(await person());
      expectError(
        await caseworker.post(`/consents/${consent.id}/withdrawal`, body),
        400,
        'VALIDATION_FAILED',
        details,
      );
    });

    it('should answer 400 for an id that is not a UUID', async () => {
      expectError(
        await caseworker.post('/consents/x/withdrawal', { reason: 'Asked' }),
        400,
        'VALIDATION_FAILED',
        {
          id: ['isUuid'],
        },
      );
    });
  });

  describe(`${ConsentsService.name}.currentConsent`, () => {
    const today = daysFromToday(0);
    const current = (
      beneficiaryId: string,
      purpose: ConsentPurpose,
      recipient: string | null,
      onDate = today,
    ) =>
      t.app
        .get(ConsentsService)
        .currentConsent(t.dataSource.manager, beneficiaryId, purpose, recipient, onDate);

    it('should find a given consent', async () => {
      const id = await person();
      const consent = await record(id, { purpose: 'referral', recipientOrganisationId: partnerId });
      expect(await current(id, ConsentPurpose.Referral, partnerId)).toMatchObject({
        id: consent.id,
        decision: 'given',
        scope: ['contact', 'identity'],
      });
    });

    it('should find nothing when a refusal came after the consent', async () => {
      const id = await person();
      await record(id, {
        purpose: 'referral',
        recipientOrganisationId: partnerId,
        decidedOn: daysFromToday(-9),
      });
      await record(id, {
        purpose: 'referral',
        recipientOrganisationId: partnerId,
        decidedOn: daysFromToday(-2),
        decision: 'refused',
      });
      expect(await current(id, ConsentPurpose.Referral, partnerId)).toBeNull();
      // Before the refusal the consent held.
      expect(await current(id, ConsentPurpose.Referral, partnerId, daysFromToday(-3))).not.toBeNull();
    });

    it('should find nothing once the consent has expired, and the consent on its last day', async () => {
      const id = await person();
      await record(id, {
        purpose: 'assistance',
        decidedOn: daysFromToday(-40),
        expiresOn: daysFromToday(-1),
      });
      expect(await current(id, ConsentPurpose.Assistance, null)).toBeNull();
      expect(await current(id, ConsentPurpose.Assistance, null, daysFromToday(-1))).not.toBeNull();
    });

    it('should find nothing once the consent is withdrawn', async () => {
      const id = await person();
      const consent = await record(id, { purpose: 'data_sharing', recipientOrganisationId: cityId });
      await withdraw(consent.id);
      expect(await current(id, ConsentPurpose.DataSharing, cityId)).toBeNull();
      // It held on the days before the withdrawal.
      expect(await current(id, ConsentPurpose.DataSharing, cityId, daysFromToday(-1))).toMatchObject({
        id: consent.id,
      });
    });

    it('should not let an older consent count again when the newer one is withdrawn', async () => {
      const id = await person();
      const older = await record(id, { purpose: 'contact', decidedOn: daysFromToday(-10) });
      const newer = await record(id, { purpose: 'contact', decidedOn: daysFromToday(-3) });
      await withdraw(newer.id);
      expect(await current(id, ConsentPurpose.Contact, null)).toBeNull();
      expect((await current(id, ConsentPurpose.Contact, null, daysFromToday(-5)))?.id).toBe(older.id);
    });

    it('should find a newer consent given after a refusal', async () => {
      const id = await person();
      await record(id, { purpose: 'contact', decidedOn: daysFromToday(-10), decision: 'refused' });
      const newer = await record(id, { purpose: 'contact', decidedOn: daysFromToday(-3) });
      expect((await current(id, ConsentPurpose.Contact, null))?.id).toBe(newer.id);
      expect(await current(id, ConsentPurpose.Contact, null, daysFromToday(-5))).toBeNull();
    });

    it('should let the later recording decide between decisions of the same day', async () => {
      const id = await person();
      await record(id, { purpose: 'photo', decidedOn: daysFromToday(-4) });
      await record(id, { purpose: 'photo', decidedOn: daysFromToday(-4), decision: 'refused' });
      expect(await current(id, ConsentPurpose.Photo, null)).toBeNull();
    });

    it('should not take a consent to one recipient for another', async () => {
      const id = await person();
      await record(id, { purpose: 'referral', recipientOrganisationId: partnerId });
      expect(await current(id, ConsentPurpose.Referral, cityId)).toBeNull();
      expect(await current(id, ConsentPurpose.DataSharing, partnerId)).toBeNull();
      expect(await current(await person(), ConsentPurpose.Referral, partnerId)).toBeNull();
    });

    it('should not count a decision made after the day asked about', async () => {
      const id = await person();
      await record(id, { purpose: 'assistance', decidedOn: daysFromToday(-2) });
      expect(await current(id, ConsentPurpose.Assistance, null, daysFromToday(-3))).toBeNull();
    });
  });
});
