import { DEMO_HOST, DEMO_PARTNER } from '../../src/seed/demo-seed';
import {
  auditEventsOf,
  beneficiaryBody,
  foreignerId,
  foreignerIdWithWrongLastDigit,
  foreignerIdWithWrongTenthDigit,
  insertHousehold,
  registerBeneficiary,
} from '../factories/beneficiaries';
import {
  API,
  Api,
  asUser,
  createAndLogin,
  expectError,
  expectStatus,
  MISSING,
  organisationIdByName,
  userIdByName,
  UUID,
} from '../utils/admin';
import { seedUsers, tokenFor } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

const SENSITIVE = {
  healthConditions: 'Asthma',
  protectionConcerns: 'None known',
  ethnicity: 'Kurdish',
  religion: 'None',
};

describe('Beneficiary registry', () => {
  let t: TestApp;
  let admin: Api;
  let supervisor: Api;
  let caseworker: Api;
  let distribution: Api;
  let dpo: Api;
  let partner: Api;
  /** A caseworker of the host's language-course unit: same organisation, another unit. */
  let otherUnitCaseworker: Api;
  /** A caseworker of the partner organisation. */
  let otherOrgCaseworker: Api;
  let units: Record<string, string>;
  let hostId: string;

  const unitId = async (organisation: string, name: string) => {
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `SELECT su.id FROM service_units su JOIN organisations o ON o.id = su.organisation_id
        WHERE o.name = $1 AND su.name = $2`,
      [organisation, name],
    );
    return rows[0].id;
  };
  const api = (token: string) => asUser(t, token);
  const del = (who: string, path: string) =>
    t.http().delete(`${API}${path}`).set('Authorization', `Bearer ${who}`);

  let tokens: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    tokens = {};
    for (const u of ['admin', 'supervisor', 'caseworker', 'distribution', 'dpo', 'partner']) {
      tokens[u] = await tokenFor(t, u);
    }
    admin = api(tokens.admin);
    supervisor = api(tokens.supervisor);
    caseworker = api(tokens.caseworker);
    distribution = api(tokens.distribution);
    dpo = api(tokens.dpo);
    partner = api(tokens.partner);
    hostId = await organisationIdByName(t, DEMO_HOST);
    units = {
      protection: await unitId(DEMO_HOST, 'Protection'),
      legal: await unitId(DEMO_HOST, 'Legal counselling'),
      language: await unitId(DEMO_HOST, 'Language courses'),
      partnerLegal: await unitId(DEMO_PARTNER, 'Legal aid clinic'),
    };
    const languageCaseworker = await createAndLogin(t, admin, {
      organisationId: hostId,
      role: 'caseworker',
      unitIds: [units.language],
    });
    tokens.otherUnit = languageCaseworker.accessToken;
    otherUnitCaseworker = api(tokens.otherUnit);
    const partnerCaseworker = await createAndLogin(t, admin, {
      organisationId: await organisationIdByName(t, DEMO_PARTNER),
      role: 'caseworker',
      unitIds: [units.partnerLegal],
    });
    tokens.otherOrg = partnerCaseworker.accessToken;
    otherOrgCaseworker = api(tokens.otherOrg);
  }, 120_000);
  afterAll(() => t.close());

  describe('registration', () => {
    it('should register a person with documents and answer the full record', async () => {
      const number = foreignerId();
      const spaced = `${number.slice(0, 2)} ${number.slice(2, 5)} ${number.slice(5, 8)} ${number.slice(8)}`;
      const res = await caseworker.post(
        '/beneficiaries',
        beneficiaryBody({
          givenName: '  Amina ',
          fatherName: 'Yusuf',
          motherName: 'Fatma',
          nameArabic: 'أمينة',
          dateOfBirth: '1990',
          phones: ['+905321234567'],
          addressLine: 'Street 1',
          neighbourhood: 'Mehmet Akif',
          province: 'Istanbul',
          arrivalDate: '2016-05-01',
          vulnerabilities: ['single_parent', 'chronic_illness'],
          notes: 'Prefers calls in the afternoon.',
          documents: [
            { type: 'tr_foreigner_id', number: spaced, issuingCountry: 'TR', issuedOn: '2016-06-01' },
          ],
        }),
      );
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        givenName: 'Amina',
        familyName: 'Testperson',
        fatherName: 'Yusuf',
        motherName: 'Fatma',
        nameArabic: 'أمينة',
        householdId: null,
        householdSize: null,
        sex: 'female',
        dateOfBirth: '1990-01-01',
        birthDatePrecision: 'year',
        nationality: 'SY',
        district: 'Sultanbeyli',
        legalStatus: 'temporary_protection',
        vulnerabilities: ['single_parent', 'chronic_illness'],
        registeredUnitId: units.protection,
        createdAt: expect.any(String),
        documents: [
          {
            id: expect.stringMatching(UUID),
            beneficiaryId: res.body.id,
            type: 'tr_foreigner_id',
            number,
            issuingCountry: 'TR',
            issuedOn: '2016-06-01',
            expiresOn: null,
            createdAt: expect.any(String),
          },
        ],
        languages: ['ar', 'tr'],
        phones: ['+905321234567'],
        addressLine: 'Street 1',
        neighbourhood: 'Mehmet Akif',
        province: 'Istanbul',
        arrivalDate: '2016-05-01',
        notes: 'Prefers calls in the afternoon.',
        registeredByUserId: await userIdByName(t, 'caseworker'),
        updatedAt: expect.any(String),
      });
      const got = await caseworker.get(`/beneficiaries/${res.body.id}`);
      expectStatus(got, 200);
      expect(got.body).toEqual(res.body);
    });

    it('should store the search keys of every name part', async () => {
      const person = await registerBeneficiary(caseworker, {
        givenName: 'Mohammed',
        familyName: 'Al-Hassan',
      });
      const [row]: Array<{ name_keys: string[] }> = await t.dataSource.query(
        `SELECT name_keys FROM beneficiaries WHERE id = $1`,
        [person.id],
      );
      expect(row.name_keys.length).toBeGreaterThan(0);
    });

    it('should take an exact date of birth as exact unless told otherwise', async () => {
      const exact = await registerBeneficiary(caseworker, { dateOfBirth: '1988-07-14' });
      expect(exact).toMatchObject({ dateOfBirth: '1988-07-14', birthDatePrecision: 'exact' });
      const estimated = await registerBeneficiary(caseworker, {
        dateOfBirth: '1988-07-01',
        birthDatePrecision: 'estimated',
      });
      expect(estimated).toMatchObject({ dateOfBirth: '1988-07-01', birthDatePrecision: 'estimated' });
      const year = await registerBeneficiary(caseworker, {
        dateOfBirth: '1975-01-01',
        birthDatePrecision: 'year',
      });
      expect(year).toMatchObject({ dateOfBirth: '1975-01-01', birthDatePrecision: 'year' });
      const unknown = await registerBeneficiary(caseworker, { dateOfBirth: undefined });
      expect(unknown).toMatchObject({ dateOfBirth: null, birthDatePrecision: null });
    });

    it('should register for the caller’s only unit when none is named', async () => {
      const person = await registerBeneficiary(caseworker);
      expect(person.registeredUnitId).toBe(units.protection);
    });

    it('should ask a supervisor with several units to name the registering unit', async () => {
      const res = await supervisor.post('/beneficiaries', beneficiaryBody());
      expectError(res, 422, 'REGISTERED_UNIT_REQUIRED', { registeredUnitId: ['required'] });
    });

    it('should let a supervisor register for any active unit of the organisation', async () => {
      const person = await registerBeneficiary(supervisor, { registeredUnitId: units.language });
      expect(person.registeredUnitId).toBe(units.language);
    });

    it('should refuse a caseworker registering for a unit they do not belong to', async () => {
      const res = await caseworker.post('/beneficiaries', beneficiaryBody({ registeredUnitId: units.legal }));
      expectError(res, 422, 'NOT_MEMBER_OF_UNIT', { registeredUnitId: ['notMember'] });
    });

    it('should refuse a unit of another organisation', async () => {
      const res = await supervisor.post(
        '/beneficiaries',
        beneficiaryBody({ registeredUnitId: units.partnerLegal }),
      );
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { registeredUnitId: ['notFound'] });
    });

    it('should audit the registration without personal values', async () => {
      const number = foreignerId();
      const person = await registerBeneficiary(caseworker, {
        givenName: 'Zeynep',
        familyName: 'Auditcheck',
        phones: ['+905329876543'],
        documents: [{ type: 'tr_foreigner_id', number }],
      });
      const events = await auditEventsOf(t, person.id);
      expect(events.map((e) => e.action)).toEqual(['beneficiary.created']);
      expect(events[0].changes).toMatchObject({
        givenName: {},
        familyName: {},
        phones: {},
        dateOfBirth: {},
        sex: { to: 'female' },
        nationality: { to: 'SY' },
        registeredUnitId: { to: units.protection },
        documents: { to: ['tr_foreigner_id'] },
      });
      const documentEvents = await auditEventsOf(t, person.documents[0].id);
      expect(documentEvents.map((e) => e.action)).toEqual(['identity_document.added']);
      const all = JSON.stringify([events, documentEvents]);
      for (const personal of ['Zeynep', 'Auditcheck', '+905329876543', number]) {
        expect(all).not.toContain(personal);
      }
    });
  });

  describe('identity documents at registration', () => {
    it('should refuse a foreigner number with a wrong last check digit, naming the rule', async () => {
      const res = await caseworker.post(
        '/beneficiaries',
        beneficiaryBody({
          documents: [{ type: 'tr_foreigner_id', number: foreignerIdWithWrongLastDigit() }],
        }),
      );
      expectError(res, 400, 'VALIDATION_FAILED', { 'documents.0.number': ['checkDigit11'] });
      expect(res.body.message).toContain('checkDigit11');
      expect(res.body.message).toContain('11th digit');
    });

    it('should refuse a foreigner number with a wrong tenth check digit', async () => {
      const res = await caseworker.post(
        '/beneficiaries',
        beneficiaryBody({
          documents: [
            { type: 'passport', number: 'N12345678' },
            { type: 'tr_foreigner_id', number: foreignerIdWithWrongTenthDigit() },
          ],
        }),
      );
      expectError(res, 400, 'VALIDATION_FAILED', { 'documents.1.number': ['checkDigit10'] });
    });

    it('should refuse a foreigner number given as a citizen number', async () => {
      const res = await caseworker.post(
        '/beneficiaries',
        beneficiaryBody({ documents: [{ type: 'tr_citizen_id', number: foreignerId() }] }),
      );
      expectError(res, 400, 'VALIDATION_FAILED', { 'documents.0.number': ['citizenPrefix'] });
    });

    it('should refuse the same document twice in one registration', async () => {
      const number = foreignerId();
      const res = await caseworker.post(
        '/beneficiaries',
        beneficiaryBody({
          documents: [
            { type: 'tr_foreigner_id', number },
            { type: 'tr_foreigner_id', number: `${number.slice(0, 5)} ${number.slice(5)}` },
          ],
        }),
      );
      expectError(res, 400, 'VALIDATION_FAILED', { 'documents.1.number': ['duplicate'] });
    });

    it('should refuse a document that expires before it was issued', async () => {
      const res = await caseworker.post(
        '/beneficiaries',
        beneficiaryBody({
          documents: [
            { type: 'passport', number: 'N1234567', issuedOn: '2020-01-01', expiresOn: '2019-12-31' },
          ],
        }),
      );
      expectError(res, 400, 'VALIDATION_FAILED', { 'documents.0.expiresOn': ['notBeforeIssuedOn'] });
    });

    it('should answer a taken number with the existing record’s id to a caller who may see it', async () => {
      const number = foreignerId();
      const first = await registerBeneficiary(caseworker, {
        documents: [{ type: 'tr_foreigner_id', number }],
      });
      const res = await caseworker.post(
        '/beneficiaries',
        beneficiaryBody({ documents: [{ type: 'tr_foreigner_id', number }] }),
      );
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'DOCUMENT_NUMBER_TAKEN',
        details: { 'documents.0.number': ['taken'], existingBeneficiaryId: first.id },
      });
    });

    it('should answer a taken number without the id to a caseworker of another unit', async () => {
      const number = foreignerId();
      await registerBeneficiary(caseworker, { documents: [{ type: 'tr_foreigner_id', number }] });
      const res = await otherUnitCaseworker.post(
        '/beneficiaries',
        beneficiaryBody({ documents: [{ type: 'tr_foreigner_id', number }] }),
      );
      expectError(res, 409, 'DOCUMENT_NUMBER_TAKEN', { 'documents.0.number': ['taken'] });
      expect(JSON.stringify(res.body)).not.toMatch(UUID);
    });

    it('should leave nobody registered when a document number is taken', async () => {
      const number = foreignerId();
      await registerBeneficiary(caseworker, { documents: [{ type: 'tr_foreigner_id', number }] });
      const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM beneficiaries`);
      const res = await caseworker.post(
        '/beneficiaries',
        beneficiaryBody({ documents: [{ type: 'tr_foreigner_id', number }] }),
      );
      expect(res.status).toBe(409);
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM beneficiaries`)).toEqual(before);
    });

    it('should let another organisation register the same number', async () => {
      const number = foreignerId();
      await registerBeneficiary(caseworker, { documents: [{ type: 'tr_foreigner_id', number }] });
      const other = await registerBeneficiary(otherOrgCaseworker, {
        documents: [{ type: 'tr_foreigner_id', number }],
      });
      expect(other.documents[0].number).toBe(number);
    });

    it('should register a document once when the same number arrives concurrently', async () => {
      const number = foreignerId();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          caseworker.post(
            '/beneficiaries',
            beneficiaryBody({ givenName: `Racer${i}`, documents: [{ type: 'tr_foreigner_id', number }] }),
          ),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
      const winner = results.find((r) => r.status === 201)!;
      for (const loser of results.filter((r) => r.status === 409)) {
        expect(loser.body.details.existingBeneficiaryId).toBe(winner.body.id);
      }
      const rows = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM identity_documents WHERE number = $1`,
        [number],
      );
      expect(rows[0].n).toBe(1);
    });
  });

  describe('sensitive fields', () => {
    let personId: string;

    beforeAll(async () => {
      personId = (await registerBeneficiary(caseworker, SENSITIVE)).id;
    });

    it('should not return the sensitive fields by default', async () => {
      const res = await caseworker.get(`/beneficiaries/${personId}`);
      expectStatus(res, 200);
      for (const field of Object.keys(SENSITIVE)) expect(res.body).not.toHaveProperty(field);
    });

    it('should not audit a read without the sensitive fields', async () => {
      await caseworker.get(`/beneficiaries/${personId}`);
      const events = await auditEventsOf(t, personId);
      expect(events.map((e) => e.action)).toEqual(['beneficiary.created']);
    });

    it('should return the sensitive fields on request and audit the read with the fields read', async () => {
      const res = await caseworker.get(`/beneficiaries/${personId}?includeSensitive=true`);
      expectStatus(res, 200);
      expect(res.body).toMatchObject(SENSITIVE);
      const events = await auditEventsOf(t, personId);
      const read = events.filter((e) => e.action === 'beneficiary.sensitive_read');
      expect(read).toHaveLength(1);
      expect([...read[0].fields_read!].sort()).toEqual(Object.keys(SENSITIVE).sort());
      expect(read[0].actor_user_id).toBe(await userIdByName(t, 'caseworker'));
    });

    it('should let the data protection officer read them too', async () => {
      const res = await dpo.get(`/beneficiaries/${personId}?includeSensitive=true`);
      expectStatus(res, 200);
      expect(res.body.healthConditions).toBe(SENSITIVE.healthConditions);
    });

    it('should refuse the sensitive fields to an administrator', async () => {
      const res = await admin.get(`/beneficiaries/${personId}?includeSensitive=true`);
      expectError(res, 403, 'FORBIDDEN');
      const plain = await admin.get(`/beneficiaries/${personId}`);
      expectStatus(plain, 200);
      expect(plain.body).not.toHaveProperty('healthConditions');
    });

    it('should refuse the sensitive fields to a distribution officer', async () => {
      expectError(
        await distribution.get(`/beneficiaries/${personId}?includeSensitive=true`),
        403,
        'FORBIDDEN',
      );
    });

    it('should audit the change of a sensitive field without its value', async () => {
      const res = await caseworker.patch(`/beneficiaries/${personId}`, { healthConditions: 'Diabetes' });
      expectStatus(res, 200);
      expect(res.body).not.toHaveProperty('healthConditions');
      const events = await auditEventsOf(t, personId);
      const update = events.filter((e) => e.action === 'beneficiary.updated').pop()!;
      expect(update.changes).toEqual({ healthConditions: {} });
      const read = await caseworker.get(`/beneficiaries/${personId}?includeSensitive=true`);
      expect(read.body.healthConditions).toBe('Diabetes');
    });
  });

  describe('projection', () => {
    it('should show a distribution officer only the minimal projection', async () => {
      const person = await registerBeneficiary(caseworker, {
        nameArabic: 'أمينة',
        fatherName: 'Yusuf',
        ...SENSITIVE,
      });
      const res = await distribution.get(`/beneficiaries/${person.id}`);
      expectStatus(res, 200);
      expect(res.body).toEqual({
        id: person.id,
        givenName: 'Amina',
        familyName: 'Testperson',
        fatherName: 'Yusuf',
        motherName: null,
        nameArabic: 'أمينة',
        documents: [{ type: 'tr_foreigner_id', number: person.documents[0].number }],
        householdId: null,
        householdSize: null,
      });
    });

    it('should give a distribution officer minimal list items', async () => {
      const res = await distribution.get('/beneficiaries?limit=5');
      expectStatus(res, 200);
      expect(res.body.items.length).toBeGreaterThan(0);
      for (const item of res.body.items) {
        expect(Object.keys(item).sort()).toEqual(
          [
            'documents',
            'familyName',
            'fatherName',
            'givenName',
            'householdId',
            'householdSize',
            'id',
            'motherName',
            'nameArabic',
          ].sort(),
        );
      }
    });

    it('should show the current household and count only its current members', async () => {
      const head = await registerBeneficiary(caseworker);
      const child = await registerBeneficiary(caseworker, { givenName: 'Child' });
      const other = await registerBeneficiary(caseworker, { givenName: 'Second' });
      const left = await registerBeneficiary(caseworker, { givenName: 'Left' });
      const householdId = await insertHousehold(t, head.id, [child.id, other.id], {
        endedMembers: [left.id],
      });
      const full = await caseworker.get(`/beneficiaries/${child.id}`);
      expect(full.body).toMatchObject({ householdId, householdSize: 3 });
      const minimal = await distribution.get(`/beneficiaries/${head.id}`);
      expect(minimal.body).toMatchObject({ householdId, householdSize: 3 });
      const list = await caseworker.get(`/beneficiaries?q=${head.documents[0].number}`);
      expect(list.body.items[0]).toMatchObject({ id: head.id, householdId, householdSize: 3 });
      const gone = await caseworker.get(`/beneficiaries/${left.id}`);
      expect(gone.body).toMatchObject({ householdId: null, householdSize: null });
    });
  });

  describe('scope', () => {
    let person: any;

    beforeAll(async () => {
      person = await registerBeneficiary(caseworker, { givenName: 'Scoped' });
    });

    it('should hide a person from a caseworker of another unit', async () => {
      expectError(await otherUnitCaseworker.get(`/beneficiaries/${person.id}`), 404, 'NOT_FOUND');
    });

    it('should hide a person from a caseworker of another organisation', async () => {
      expectError(await otherOrgCaseworker.get(`/beneficiaries/${person.id}`), 404, 'NOT_FOUND');
    });

    it('should hide a person from partner staff', async () => {
      expectError(await partner.get(`/beneficiaries/${person.id}`), 404, 'NOT_FOUND');
      const list = await partner.get('/beneficiaries');
      expectStatus(list, 200);
      expect(list.body.items).toEqual([]);
    });

    it('should answer a missing person exactly like a hidden one', async () => {
      const missing = await caseworker.get(`/beneficiaries/${MISSING}`);
      const hidden = await otherUnitCaseworker.get(`/beneficiaries/${person.id}`);
      expect({ ...missing.body, requestId: 0 }).toEqual({ ...hidden.body, requestId: 0 });
    });

    it('should let a supervisor of the organisation read people of every unit', async () => {
      const ofLanguage = await registerBeneficiary(otherUnitCaseworker, { givenName: 'Language' });
      expectStatus(await supervisor.get(`/beneficiaries/${ofLanguage.id}`), 200);
      expectStatus(await supervisor.get(`/beneficiaries/${person.id}`), 200);
    });

    it('should keep a caseworker of another unit from changing the person', async () => {
      expectError(
        await otherUnitCaseworker.patch(`/beneficiaries/${person.id}`, { givenName: 'Changed' }),
        404,
        'NOT_FOUND',
      );
      expectError(
        await otherOrgCaseworker.post(`/beneficiaries/${person.id}/documents`, {
          type: 'passport',
          number: 'P1234567',
        }),
        404,
        'NOT_FOUND',
      );
    });

    it('should keep roles without beneficiary.write from changing people', async () => {
      expectError(
        await admin.patch(`/beneficiaries/${person.id}`, { givenName: 'Changed' }),
        403,
        'FORBIDDEN',
      );
      expectError(await distribution.post('/beneficiaries', beneficiaryBody()), 403, 'FORBIDDEN');
      expectError(
        await dpo.post(`/beneficiaries/${person.id}/documents`, { type: 'passport', number: 'P1234567' }),
        403,
        'FORBIDDEN',
      );
    });

    it('should keep partner staff from registering', async () => {
      expectError(await partner.post('/beneficiaries', beneficiaryBody()), 403, 'FORBIDDEN');
    });

    it('should list for a caseworker only the people in their scope', async () => {
      const mine = await registerBeneficiary(caseworker, { givenName: 'Mine' });
      const theirs = await registerBeneficiary(otherUnitCaseworker, { givenName: 'Theirs' });
      const ids = (await caseworker.get('/beneficiaries?limit=100')).body.items.map((i: any) => i.id);
      expect(ids).toContain(mine.id);
      expect(ids).not.toContain(theirs.id);
    });
  });

  describe('update', () => {
    it('should change the fields sent and recompute the name keys', async () => {
      const person = await registerBeneficiary(caseworker, { givenName: 'Omar', familyName: 'Khalil' });
      const [before]: Array<{ name_keys: string[] }> = await t.dataSource.query(
        `SELECT name_keys FROM beneficiaries WHERE id = $1`,
        [person.id],
      );
      const res = await caseworker.patch(`/beneficiaries/${person.id}`, {
        familyName: 'Haddad',
        nationality: 'IQ',
        vulnerabilities: ['disability'],
      });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({
        givenName: 'Omar',
        familyName: 'Haddad',
        nationality: 'IQ',
        vulnerabilities: ['disability'],
        documents: person.documents,
      });
      expect(new Date(res.body.updatedAt).getTime()).toBeGreaterThanOrEqual(
        new Date(person.updatedAt).getTime(),
      );
      const [after]: Array<{ name_keys: string[] }> = await t.dataSource.query(
        `SELECT name_keys FROM beneficiaries WHERE id = $1`,
        [person.id],
      );
      expect(after.name_keys).not.toEqual(before.name_keys);
      const found = await caseworker.get('/beneficiaries?q=Haddad');
      expect(found.body.items.map((i: any) => i.id)).toContain(person.id);
    });

    it('should clear optional fields sent as null', async () => {
      const person = await registerBeneficiary(caseworker, {
        fatherName: 'Yusuf',
        arrivalDate: '2017-01-01',
      });
      const res = await caseworker.patch(`/beneficiaries/${person.id}`, {
        familyName: null,
        fatherName: null,
        phones: null,
        dateOfBirth: null,
        arrivalDate: null,
        legalStatus: null,
      });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({
        familyName: null,
        fatherName: null,
        phones: [],
        dateOfBirth: null,
        birthDatePrecision: null,
        arrivalDate: null,
        legalStatus: null,
      });
    });

    it('should change the precision of the stored date of birth', async () => {
      const person = await registerBeneficiary(caseworker, { dateOfBirth: '1980-01-01' });
      const res = await caseworker.patch(`/beneficiaries/${person.id}`, { birthDatePrecision: 'year' });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ dateOfBirth: '1980-01-01', birthDatePrecision: 'year' });
    });

    it('should audit the changed fields with codes but without personal values', async () => {
      const person = await registerBeneficiary(caseworker, { givenName: 'Layla' });
      await caseworker.patch(`/beneficiaries/${person.id}`, {
        givenName: 'Leyla',
        nationality: 'AF',
        phones: ['+905551112233'],
      });
      const events = await auditEventsOf(t, person.id);
      expect(events.map((e) => e.action)).toEqual(['beneficiary.created', 'beneficiary.updated']);
      expect(events[1].changes).toEqual({
        givenName: {},
        nationality: { from: 'SY', to: 'AF' },
        phones: {},
      });
    });

    it('should not audit an update that changes nothing', async () => {
      const person = await registerBeneficiary(caseworker, { givenName: 'Same' });
      const res = await caseworker.patch(`/beneficiaries/${person.id}`, { givenName: 'Same', sex: 'female' });
      expectStatus(res, 200);
      expect((await auditEventsOf(t, person.id)).map((e) => e.action)).toEqual(['beneficiary.created']);
    });

    it('should refuse a year precision for a date that is not 1 January', async () => {
      const person = await registerBeneficiary(caseworker, { dateOfBirth: '1980-05-05' });
      const res = await caseworker.patch(`/beneficiaries/${person.id}`, { birthDatePrecision: 'year' });
      expectError(res, 400, 'VALIDATION_FAILED', { birthDatePrecision: ['consistentWithDateOfBirth'] });
    });

    it('should refuse an arrival before the stored date of birth', async () => {
      const person = await registerBeneficiary(caseworker, { dateOfBirth: '2010-06-01' });
      const res = await caseworker.patch(`/beneficiaries/${person.id}`, { arrivalDate: '2009-01-01' });
      expectError(res, 400, 'VALIDATION_FAILED', { arrivalDate: ['notBeforeDateOfBirth'] });
    });

    it('should let a supervisor update a person of any unit', async () => {
      const person = await registerBeneficiary(otherUnitCaseworker);
      expectStatus(await supervisor.patch(`/beneficiaries/${person.id}`, { district: 'Pendik' }), 200);
    });
  });

  describe('documents added and removed', () => {
    it('should add a document in its canonical spelling and audit it', async () => {
      const person = await registerBeneficiary(caseworker, { documents: [] });
      const res = await caseworker.post(`/beneficiaries/${person.id}/documents`, {
        type: 'bamf_file_number',
        number: '1234567423',
        issuedOn: '2016-02-01',
      });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        beneficiaryId: person.id,
        type: 'bamf_file_number',
        number: '1234567-423',
        issuingCountry: null,
        issuedOn: '2016-02-01',
        expiresOn: null,
        createdAt: expect.any(String),
      });
      const events = await auditEventsOf(t, res.body.id);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'identity_document.added',
          changes: { beneficiaryId: { to: person.id }, type: { to: 'bamf_file_number' }, number: {} },
        }),
      ]);
      const got = await caseworker.get(`/beneficiaries/${person.id}`);
      expect(got.body.documents.map((d: any) => d.id)).toEqual([res.body.id]);
    });

    it('should refuse a wrong check digit when adding a document', async () => {
      const person = await registerBeneficiary(caseworker);
      const res = await caseworker.post(`/beneficiaries/${person.id}/documents`, {
        type: 'tr_foreigner_id',
        number: foreignerIdWithWrongLastDigit(),
      });
      expectError(res, 400, 'VALIDATION_FAILED', { number: ['checkDigit11'] });
    });

    it('should refuse a number someone else holds, with their id when visible', async () => {
      const holder = await registerBeneficiary(caseworker);
      const person = await registerBeneficiary(caseworker, { documents: [] });
      const res = await caseworker.post(`/beneficiaries/${person.id}/documents`, {
        type: holder.documents[0].type,
        number: holder.documents[0].number,
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'DOCUMENT_NUMBER_TAKEN',
        details: { number: ['taken'], existingBeneficiaryId: holder.id },
      });
    });

    it('should refuse a number someone out of scope holds, without their id', async () => {
      const holder = await registerBeneficiary(caseworker);
      const person = await registerBeneficiary(otherUnitCaseworker, { documents: [] });
      const res = await otherUnitCaseworker.post(`/beneficiaries/${person.id}/documents`, {
        type: holder.documents[0].type,
        number: holder.documents[0].number,
      });
      expectError(res, 409, 'DOCUMENT_NUMBER_TAKEN', { number: ['taken'] });
    });

    it('should remove a document and audit it', async () => {
      const person = await registerBeneficiary(caseworker);
      const documentId = person.documents[0].id;
      expect((await del(tokens.caseworker, `/identity-documents/${documentId}`)).status).toBe(204);
      const got = await caseworker.get(`/beneficiaries/${person.id}`);
      expect(got.body.documents).toEqual([]);
      expect((await auditEventsOf(t, documentId)).map((e) => e.action)).toEqual([
        'identity_document.added',
        'identity_document.removed',
      ]);
      expectError(await del(tokens.caseworker, `/identity-documents/${documentId}`), 404, 'NOT_FOUND');
    });

    it('should free a removed number for registration again', async () => {
      const person = await registerBeneficiary(caseworker);
      const { id, type, number } = person.documents[0];
      await del(tokens.caseworker, `/identity-documents/${id}`);
      const again = await registerBeneficiary(caseworker, { documents: [{ type, number }] });
      expect(again.documents[0].number).toBe(number);
    });

    it('should hide documents of people out of scope', async () => {
      const person = await registerBeneficiary(caseworker);
      const documentId = person.documents[0].id;
      expectError(await del(tokens.otherUnit, `/identity-documents/${documentId}`), 404, 'NOT_FOUND');
      expectError(await del(tokens.otherOrg, `/identity-documents/${documentId}`), 404, 'NOT_FOUND');
      expectError(await del(tokens.caseworker, `/identity-documents/${MISSING}`), 404, 'NOT_FOUND');
      expectError(await del(tokens.distribution, `/identity-documents/${documentId}`), 403, 'FORBIDDEN');
      expectStatus(await caseworker.get(`/beneficiaries/${person.id}`), 200);
    });
  });

  describe('bad input', () => {
    const post = (overrides: Record<string, unknown>) =>
      caseworker.post('/beneficiaries', beneficiaryBody(overrides));

    it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
      [
        'a given name that is not a string',
        { givenName: 5 },
        { givenName: ['singleLine', 'maxLength', 'minLength', 'isString'] },
      ],
      [
        'a missing given name',
        { givenName: undefined },
        { givenName: ['singleLine', 'maxLength', 'minLength', 'isString'] },
      ],
      ['a blank given name', { givenName: '   ' }, { givenName: ['minLength'] }],
      ['an oversize family name', { familyName: 'x'.repeat(101) }, { familyName: ['maxLength'] }],
      ['a name with a line break', { fatherName: 'Yu\nsuf' }, { fatherName: ['singleLine'] }],
      ['an Arabic name in Latin letters', { nameArabic: 'Amina' }, { nameArabic: ['arabicScript'] }],
      ['an unknown sex', { sex: 'x' }, { sex: ['isEnum'] }],
      ['a date of birth in another format', { dateOfBirth: '14.07.1988' }, { dateOfBirth: ['isBirthDate'] }],
      ['an impossible date of birth', { dateOfBirth: '2023-02-30' }, { dateOfBirth: ['isBirthDate'] }],
      ['a date of birth before 1900', { dateOfBirth: '1850' }, { dateOfBirth: ['plausibleBirthDate'] }],
      [
        'a date of birth in the future',
        { dateOfBirth: '2999-01-01' },
        { dateOfBirth: ['plausibleBirthDate'] },
      ],
      [
        'an unknown birth-date precision',
        { birthDatePrecision: 'roughly' },
        { birthDatePrecision: ['isEnum'] },
      ],
      [
        'a bare year with exact precision',
        { dateOfBirth: '1990', birthDatePrecision: 'exact' },
        { birthDatePrecision: ['consistentWithDateOfBirth'] },
      ],
      [
        'year precision on a day other than 1 January',
        { dateOfBirth: '1990-03-04', birthDatePrecision: 'year' },
        { birthDatePrecision: ['consistentWithDateOfBirth'] },
      ],
      [
        'a precision without a date of birth',
        { dateOfBirth: undefined, birthDatePrecision: 'estimated' },
        { birthDatePrecision: ['requiresDateOfBirth'] },
      ],
      ['a lower-case nationality', { nationality: 'sy' }, { nationality: ['isNationality'] }],
      ['an unknown language', { languages: ['xx'] }, { languages: ['isLanguageCode'] }],
      ['a language given twice', { languages: ['ar', 'ar'] }, { languages: ['arrayUnique'] }],
      ['a phone number not in E.164', { phones: ['0532 123 45 67'] }, { phones: ['isE164Phone'] }],
      [
        'too many phone numbers',
        { phones: Array.from({ length: 6 }, (_, i) => `+90532123456${i}`) },
        { phones: ['arrayMaxSize'] },
      ],
      ['an arrival date in the future', { arrivalDate: '2999-01-01' }, { arrivalDate: ['notFuture'] }],
      [
        'an arrival before birth',
        { dateOfBirth: '2000-05-05', arrivalDate: '2000-01-01' },
        { arrivalDate: ['notBeforeDateOfBirth'] },
      ],
      ['an unknown legal status', { legalStatus: 'refugee' }, { legalStatus: ['isEnum'] }],
      ['an unknown vulnerability', { vulnerabilities: ['sad'] }, { vulnerabilities: ['isEnum'] }],
      [
        'vulnerabilities that are not a list',
        { vulnerabilities: 'disability' },
        { vulnerabilities: ['arrayUnique', 'arrayMaxSize', 'isArray'] },
      ],
      ['oversize notes', { notes: 'x'.repeat(4001) }, { notes: ['maxLength'] }],
      [
        'oversize health conditions',
        { healthConditions: 'x'.repeat(4001) },
        { healthConditions: ['maxLength'] },
      ],
      [
        'a registering unit that is not an id',
        { registeredUnitId: 'protection' },
        { registeredUnitId: ['isUuid'] },
      ],
      ['an unknown field', { nickname: 'Ami' }, { nickname: ['whitelistValidation'] }],
      ['a derived field', { nameKeys: ['x'] }, { nameKeys: ['whitelistValidation'] }],
      [
        'an unknown document type',
        { documents: [{ type: 'library_card', number: '12345' }] },
        { 'documents.0.type': ['isEnum'] },
      ],
      [
        'a document without a number',
        { documents: [{ type: 'passport' }] },
        { 'documents.0.number': ['singleLine', 'maxLength', 'minLength', 'isString'] },
      ],
      [
        'a document issued in the future',
        { documents: [{ type: 'passport', number: 'N1234567', issuedOn: '2999-01-01' }] },
        { 'documents.0.issuedOn': ['notFuture'] },
      ],
      [
        'an unknown field in a document',
        { documents: [{ type: 'passport', number: 'N1234567', colour: 'red' }] },
        { 'documents.0.colour': ['whitelistValidation'] },
      ],
      [
        'documents that are not objects',
        { documents: ['N1234567'] },
        { 'documents.0': ['nestedValidation'] },
      ],
      [
        'a passport number too short',
        { documents: [{ type: 'passport', number: 'AB' }] },
        { 'documents.0.number': ['length'] },
      ],
    ])('should refuse a registration with %s', async (_name, overrides, details) => {
      const res = await post(overrides);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      for (const [field, rules] of Object.entries(details)) {
        expect(res.body.details[field]?.sort()).toEqual([...rules].sort());
      }
      expect(Object.keys(res.body.details).sort()).toEqual(Object.keys(details).sort());
    });

    it('should refuse a body that is not an object', async () => {
      const res = await t
        .http()
        .post(`${API}/beneficiaries`)
        .set('Authorization', `Bearer ${tokens.caseworker}`)
        .set('Content-Type', 'application/json')
        .send('[1,2]');
      expect(res.status).toBe(400);
    });

    it.each<[string, string, Record<string, string[]>]>([
      ['a limit of 0', 'limit=0', { limit: ['min'] }],
      ['a limit over 100', 'limit=101', { limit: ['max'] }],
      ['a forged cursor', 'cursor=abc', { cursor: ['invalid'] }],
      ['a negative age', 'ageMin=-1', { ageMin: ['min'] }],
      ['an age that is not a number', 'ageMax=old', { ageMax: ['max', 'min', 'isInt'] }],
      ['an age range upside down', 'ageMin=40&ageMax=30', { ageMax: ['notLessThanAgeMin'] }],
      [
        'an unknown vulnerability',
        'vulnerability=disability&vulnerability=sad',
        { vulnerability: ['isEnum'] },
      ],
      ['an unknown sex', 'sex=x', { sex: ['isEnum'] }],
      ['an unknown legal status', 'legalStatus=x', { legalStatus: ['isEnum'] }],
      ['a lower-case nationality', 'nationality=sy', { nationality: ['isNationality'] }],
      [
        'an impossible registration date',
        'registeredFrom=2024-13-01',
        { registeredFrom: ['isCalendarDate'] },
      ],
      [
        'registration dates upside down',
        'registeredFrom=2024-02-01&registeredTo=2024-01-01',
        { registeredTo: ['notBeforeRegisteredFrom'] },
      ],
      ['an oversize query', `q=${'a'.repeat(101)}`, { q: ['maxLength'] }],
      ['an unknown parameter', 'colour=red', { colour: ['whitelistValidation'] }],
    ])('should refuse a list with %s', async (_name, params, details) => {
      const res = await caseworker.get(`/beneficiaries?${params}`);
      expectError(res, 400, 'VALIDATION_FAILED');
      for (const [field, rules] of Object.entries(details)) {
        expect(res.body.details[field]?.sort()).toEqual([...rules].sort());
      }
    });

    it('should refuse a cursor of a list without q in a search', async () => {
      const person = await registerBeneficiary(caseworker);
      await registerBeneficiary(caseworker);
      const first = await caseworker.get('/beneficiaries?limit=1');
      expect(first.body.nextCursor).toBeDefined();
      const res = await caseworker.get(
        `/beneficiaries?q=${person.documents[0].number}&cursor=${first.body.nextCursor}`,
      );
      expectError(res, 400, 'VALIDATION_FAILED', { cursor: ['invalid'] });
    });

    it('should refuse a person id that is not a UUID', async () => {
      expectError(await caseworker.get('/beneficiaries/123'), 400, 'VALIDATION_FAILED', { id: ['isUuid'] });
      expectError(
        await caseworker.patch('/beneficiaries/123', { givenName: 'X' }),
        400,
        'VALIDATION_FAILED',
        {
          id: ['isUuid'],
        },
      );
      expectError(
        await caseworker.post('/beneficiaries/123/documents', { type: 'passport', number: 'N1234567' }),
        400,
        'VALIDATION_FAILED',
        { id: ['isUuid'] },
      );
      expectError(await del(tokens.caseworker, '/identity-documents/123'), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
    });

    it('should refuse a read with a malformed or unknown parameter', async () => {
      const person = await registerBeneficiary(caseworker);
      expectError(
        await caseworker.get(`/beneficiaries/${person.id}?includeSensitive=yes`),
        400,
        'VALIDATION_FAILED',
        {
          includeSensitive: ['isBoolean'],
        },
      );
      expectError(await caseworker.get(`/beneficiaries/${person.id}?fields=all`), 400, 'VALIDATION_FAILED', {
        fields: ['whitelistValidation'],
      });
    });

    it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
      [
        'a cleared given name',
        { givenName: null },
        { givenName: ['singleLine', 'maxLength', 'minLength', 'isString'] },
      ],
      ['a cleared sex', { sex: null }, { sex: ['isEnum'] }],
      ['documents', { documents: [] }, { documents: ['whitelistValidation'] }],
      ['a registering unit', { registeredUnitId: MISSING }, { registeredUnitId: ['whitelistValidation'] }],
      ['oversize notes', { notes: 'x'.repeat(4001) }, { notes: ['maxLength'] }],
      ['an arrival date in the future', { arrivalDate: '2999-01-01' }, { arrivalDate: ['notFuture'] }],
      ['an unknown vulnerability', { vulnerabilities: ['sad'] }, { vulnerabilities: ['isEnum'] }],
      ['a wrong type', { languages: 'ar' }, { languages: ['arrayUnique', 'arrayMaxSize', 'isArray'] }],
      [
        'a precision without a date of birth to go with',
        { dateOfBirth: null, birthDatePrecision: 'exact' },
        { birthDatePrecision: ['requiresDateOfBirth'] },
      ],
    ])('should refuse an update with %s', async (_name, body, details) => {
      const person = await registerBeneficiary(caseworker);
      const res = await caseworker.patch(`/beneficiaries/${person.id}`, body);
      expectError(res, 400, 'VALIDATION_FAILED');
      for (const [field, rules] of Object.entries(details)) {
        expect(res.body.details[field]?.sort()).toEqual([...rules].sort());
      }
    });

    it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
      ['no type', { number: 'N1234567' }, { type: ['isEnum'] }],
      ['an unknown type', { type: 'library_card', number: 'N1234567' }, { type: ['isEnum'] }],
      [
        'a number that is not a string',
        { type: 'passport', number: 1234567 },
        { number: ['singleLine', 'maxLength', 'minLength', 'isString'] },
      ],
      ['an oversize number', { type: 'passport', number: '1'.repeat(61) }, { number: ['maxLength'] }],
      [
        'a UNHCR number with an empty group',
        { type: 'unhcr_individual_number', number: '123--45678' },
        { number: ['format'] },
      ],
      [
        'an issue date in the future',
        { type: 'passport', number: 'N1234567', issuedOn: '2999-01-01' },
        { issuedOn: ['notFuture'] },
      ],
      [
        'an impossible expiry date',
        { type: 'passport', number: 'N1234567', expiresOn: '2030-02-30' },
        { expiresOn: ['isCalendarDate'] },
      ],
      [
        'an unknown issuing country',
        { type: 'passport', number: 'N1234567', issuingCountry: 'Syria' },
        { issuingCountry: ['isNationality'] },
      ],
      [
        'an unknown field',
        { type: 'passport', number: 'N1234567', beneficiaryId: MISSING },
        { beneficiaryId: ['whitelistValidation'] },
      ],
    ])('should refuse a document with %s', async (_name, body, details) => {
      const person = await registerBeneficiary(caseworker);
      const res = await caseworker.post(`/beneficiaries/${person.id}/documents`, body);
      expectError(res, 400, 'VALIDATION_FAILED');
      for (const [field, rules] of Object.entries(details)) {
        expect(res.body.details[field]?.sort()).toEqual([...rules].sort());
      }
    });
  });
});
