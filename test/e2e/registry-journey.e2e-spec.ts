import { DocumentType } from '../../src/beneficiaries/documents/document-type';
import { randomDocumentNumber } from '../../src/beneficiaries/documents/document-number';
import { Role } from '../../src/auth/permissions';
import { Api, asUser, createAndLogin, expectStatus, organisationIdByName } from '../utils/admin';
import { seedUsers, tokenFor } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { daysFromToday } from '../utils/dates';

/**
 * The "done when", as a caseworker new to the system would go through it in embedded mode
 * (API and workers in one process, demo data): register a family of five with documents and
 * consents, find one of them by a differently spelled name, open a case, add a sensitive note,
 * schedule a follow-up, record a service, and see it all on the timeline. Staff of another unit
 * or organisation see none of it.
 */
describe('Registry journey', () => {
  let t: TestApp;
  let caseworker: Api;
  let otherUnit: Api;
  let otherOrganisation: Api;
  let hostId: string;
  let protectionUnitId: string;

  const family = [
    { givenName: 'Muhammad', familyName: 'El Hasan', sex: 'male', dateOfBirth: '1981', relationship: 'head' },
    {
      givenName: 'Fatma',
      familyName: 'El Hasan',
      sex: 'female',
      dateOfBirth: '1985-03-14',
      relationship: 'spouse',
    },
    {
      givenName: 'Yusuf',
      familyName: 'El Hasan',
      sex: 'male',
      dateOfBirth: '2010-01-01',
      relationship: 'child',
    },
    {
      givenName: 'Zeynep',
      familyName: 'El Hasan',
      sex: 'female',
      dateOfBirth: '2013-06-02',
      relationship: 'child',
    },
    { givenName: 'Omar', familyName: 'El Hasan', sex: 'male', dateOfBirth: '2019', relationship: 'child' },
  ] as const;
  const ids: string[] = [];
  let householdId: string;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedUsers(t);
    caseworker = asUser(t, await tokenFor(t, 'caseworker'));
    const admin = asUser(t, await tokenFor(t, 'admin'));
    hostId = await organisationIdByName(t, 'Demo Refugee Association');
    const units: { id: string; name: string }[] = await t.dataSource.query(
      `SELECT id, name FROM service_units WHERE organisation_id = $1`,
      [hostId],
    );
    protectionUnitId = units.find((u) => u.name === 'Protection')!.id;
    const legalUnitId = units.find((u) => u.name === 'Legal counselling')!.id;
    otherUnit = asUser(
      t,
      (
        await createAndLogin(t, admin, {
          organisationId: hostId,
          role: Role.Caseworker,
          unitIds: [legalUnitId],
        })
      ).accessToken,
    );
    const partnerId = await organisationIdByName(t, 'Demo Partner NGO');
    const partnerUnits: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM service_units WHERE organisation_id = $1`,
      [partnerId],
    );
    otherOrganisation = asUser(
      t,
      (
        await createAndLogin(t, admin, {
          organisationId: partnerId,
          role: Role.Supervisor,
          unitIds: [partnerUnits[0].id],
        })
      ).accessToken,
    );
  });
  afterAll(() => t.close());

  it('should register a family of five with their documents', async () => {
    for (const person of family) {
      const { relationship: _relationship, ...fields } = person;
      const res = await caseworker.post('/beneficiaries', {
        ...fields,
        nationality: 'SY',
        legalStatus: 'temporary_protection',
        district: 'Sultanbeyli',
        documents: [
          {
            type: DocumentType.TrForeignerId,
            number: randomDocumentNumber(DocumentType.TrForeignerId, Math.random),
          },
        ],
      });
      expectStatus(res, 201);
      ids.push(res.body.id);
    }
    expect(new Set(ids).size).toBe(5);
  });

  it('should put them in one household whose size is counted, not typed', async () => {
    const res = await caseworker.post('/households', {
      members: family.map((p, i) => ({ beneficiaryId: ids[i], relationship: p.relationship })),
    });
    expectStatus(res, 201);
    householdId = res.body.id;
    expect(res.body.size).toBe(5);
  });

  it("should record the head's consents to assistance and to sharing with the partner NGO", async () => {
    const partnerId = await organisationIdByName(t, 'Demo Partner NGO');
    for (const body of [
      { purpose: 'assistance', scope: ['identity', 'contact', 'household'], decision: 'given' },
      {
        purpose: 'data_sharing',
        recipientOrganisationId: partnerId,
        scope: ['identity', 'case_summary'],
        decision: 'given',
      },
    ]) {
      expectStatus(
        await caseworker.post(`/beneficiaries/${ids[0]}/consents`, { ...body, decidedOn: daysFromToday() }),
        201,
      );
    }
    const current = await caseworker.get(
      `/beneficiaries/${ids[0]}/consents?current=true&purpose=data_sharing`,
    );
    expectStatus(current, 200);
    expect(current.body.items).toHaveLength(1);
  });

  it('should find the head again by a differently spelled name, best match first', async () => {
    const res = await caseworker.get(`/beneficiaries?q=${encodeURIComponent('Mehmet Al-Hassan')}`);
    expectStatus(res, 200);
    expect(res.body.items[0].id).toBe(ids[0]);
    expect(res.body.items[0].match.reasons).toContain('name_variant');
  });

  it('should open a case for the household, add a sensitive note and schedule a follow-up', async () => {
    const opened = await caseworker.post('/cases', {
      householdId,
      type: 'protection',
      unitId: protectionUnitId,
      riskLevel: 'high',
    });
    expectStatus(opened, 201);
    caseId = opened.body.id;
    expectStatus(
      await caseworker.post(`/cases/${caseId}/notes`, {
        body: 'Disclosed a protection concern.',
        isSensitive: true,
      }),
      201,
    );
    expectStatus(
      await caseworker.post(`/cases/${caseId}/follow-ups`, {
        description: 'Home visit',
        dueOn: daysFromToday(1),
      }),
      201,
    );
    const notes = await caseworker.get(`/cases/${caseId}/notes`);
    expect(notes.body.items[0]).toMatchObject({ isSensitive: true, body: null });
  });

  it('should record a service of the unit against the case', async () => {
    const types = await caseworker.get(`/service-types?unitId=${protectionUnitId}`);
    expectStatus(types, 200);
    const res = await caseworker.post('/service-deliveries', {
      beneficiaryId: ids[0],
      serviceTypeId: types.body.items[0].id,
      deliveredOn: daysFromToday(),
      caseId,
    });
    expectStatus(res, 201);
  });

  it('should show registration, household, case and service on the timeline, newest first', async () => {
    const res = await caseworker.get(`/beneficiaries/${ids[0]}/timeline`);
    expectStatus(res, 200);
    const kinds: string[] = res.body.items.map((i: { kind: string }) => i.kind);
    for (const kind of [
      'beneficiary_registered',
      'household_joined',
      'consent_recorded',
      'case_opened',
      'service_delivered',
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(kinds[kinds.length - 1]).toBe('beneficiary_registered');
    const times = res.body.items.map((i: { at: string }) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it.each([
    ['another unit', () => otherUnit],
    ['another organisation', () => otherOrganisation],
  ])('should show a caseworker of %s none of it', async (_who, as) => {
    const api = as();
    for (const path of [
      `/beneficiaries/${ids[0]}`,
      `/beneficiaries/${ids[0]}/timeline`,
      `/households/${householdId}`,
      `/cases/${caseId}`,
      `/cases/${caseId}/notes`,
    ]) {
      expectStatus(await api.get(path), 404);
    }
    const search = await api.get(`/beneficiaries?q=${encodeURIComponent('Mehmet Al-Hassan')}`);
    expectStatus(search, 200);
    expect(search.body.items.map((i: { id: string }) => i.id)).not.toContain(ids[0]);
    const cases = await api.get('/cases');
    expect(cases.body.items.map((i: { id: string }) => i.id)).not.toContain(caseId);
  });
});
