import { randomUUID } from 'node:crypto';
import { DocumentType } from '../../src/beneficiaries/documents/document-type';
import { randomDocumentNumber } from '../../src/beneficiaries/documents/document-number';
import { Api, asUser, expectStatus } from '../utils/admin';
import { seedUsers, tokenFor } from '../utils/auth';
import { daysFromToday } from '../utils/dates';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * The "done when", as new users would go through it in embedded mode (API and workers in
 * one process, demo data with its winter round): a distribution officer looks a person up, is told
 * they are entitled, records a food parcel, tries again for another member of the same household
 * and is refused with the rule and the date they become entitled; a supervisor overrides with a
 * reason; a partner's list brought in afterwards holds a parcel for the same family the day before,
 * and the scan finds the double receipt.
 */
describe('Distribution journey', () => {
  let t: TestApp;
  let caseworker: Api;
  let officer: Api;
  let supervisor: Api;
  let roundId: string;
  let parcelId: string;
  const members: string[] = [];
  const document = randomDocumentNumber(DocumentType.TrForeignerId, Math.random);
  let firstRecordId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedUsers(t);
    caseworker = asUser(t, await tokenFor(t, 'caseworker'));
    officer = asUser(t, await tokenFor(t, 'distribution'));
    supervisor = asUser(t, await tokenFor(t, 'supervisor'));
  });
  afterAll(() => t.close());

  it('should find the demo winter round and its food parcel rule', async () => {
    const rounds = await officer.get(`/distribution-rounds?activeOn=${daysFromToday()}`);
    expectStatus(rounds, 200);
    const winter = rounds.body.items.find((r: { name: string }) => r.name.startsWith('Winter support'));
    expect(winter).toBeDefined();
    roundId = winter.id;
    const round = await officer.get(`/distribution-rounds/${roundId}`);
    const parcel = round.body.items.find((i: { category: string }) => i.category === 'food_parcel');
    expect(parcel).toMatchObject({ countedPer: 'household', minDaysBetween: 30 });
    parcelId = parcel.aidItemId;
  });

  it('should register a family of two in one household', async () => {
    for (const [givenName, documents] of [
      ['Amal', [{ type: DocumentType.TrForeignerId, number: document }]],
      ['Samir', []],
    ] as const) {
      const res = await caseworker.post('/beneficiaries', {
        givenName,
        familyName: 'Synthetic',
        sex: givenName === 'Amal' ? 'female' : 'male',
        dateOfBirth: '1980',
        documents,
      });
      expectStatus(res, 201);
      members.push(res.body.id);
    }
    const household = await caseworker.post('/households', {
      members: [
        // They have lived together since before the round began.
        { beneficiaryId: members[0], relationship: 'head', startedOn: daysFromToday(-60) },
        { beneficiaryId: members[1], relationship: 'spouse', startedOn: daysFromToday(-60) },
      ],
    });
    expectStatus(household, 201);
  });

  it('should tell the officer that the person found by document is entitled', async () => {
    const res = await officer.get(
      `/distribution-point/lookup?q=${document}&roundId=${roundId}&aidItemId=${parcelId}`,
    );
    expectStatus(res, 200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: members[0],
        householdSize: 2,
        entitlement: expect.objectContaining({ eligible: true, entitled: true }),
      }),
    ]);
  });

  it('should record the food parcel', async () => {
    const res = await officer
      .post('/distributions', { roundId, aidItemId: parcelId, beneficiaryId: members[0] })
      .set('Idempotency-Key', randomUUID());
    expectStatus(res, 201);
    firstRecordId = res.body.id;
    expect(res.body).toMatchObject({
      distributedOn: daysFromToday(),
      location: 'Sultanbeyli distribution centre',
    });
  });

  it('should refuse a parcel for the other member of the household, with the rule and the date', async () => {
    const res = await officer
      .post('/distributions', { roundId, aidItemId: parcelId, beneficiaryId: members[1] })
      .set('Idempotency-Key', randomUUID());
    expectStatus(res, 409);
    expect(res.body).toMatchObject({
      code: 'ENTITLEMENT_EXCEEDED',
      message: `Not entitled until ${daysFromToday(30)} (min_days_between)`,
      details: {
        rule: 'min_days_between',
        entitledFrom: daysFromToday(30),
        earlierRecords: [expect.objectContaining({ id: firstRecordId, beneficiaryId: members[0] })],
      },
    });
  });

  it('should let the supervisor override with a reason', async () => {
    const res = await supervisor
      .post('/distributions', {
        roundId,
        aidItemId: parcelId,
        beneficiaryId: members[1],
        override: { reason: 'The family now shelters two more relatives' },
      })
      .set('Idempotency-Key', randomUUID());
    expectStatus(res, 201);
    expect(res.body.overriddenRules).toEqual(['min_days_between']);
  });

  it("should find the double receipt that came in through a partner's list", async () => {
    const imported = await supervisor.post('/distributions/imports', {
      sourceNote: 'Demo Partner NGO, winter list',
      records: [
        { beneficiaryId: members[0], aidItemId: parcelId, quantity: 1, distributedOn: daysFromToday(-1) },
      ],
    });
    expectStatus(imported, 201);
    const importedId = imported.body.recordIds[0];
    expectStatus(await supervisor.post('/duplicate-aid-scans', { mode: 'incremental' }), 202);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const runs = await supervisor.get('/duplicate-aid-scans');
      if (runs.body.items.some((r: { finishedAt: string | null }) => r.finishedAt)) break;
      if (Date.now() > deadline) throw new Error('the scan did not finish');
      await new Promise((r) => setTimeout(r, 200));
    }
    const flags = await supervisor.get('/duplicate-aid-flags?status=open');
    expectStatus(flags, 200);
    expect(flags.body.items).toHaveLength(1);
    const flag = await supervisor.get(`/duplicate-aid-flags/${flags.body.items[0].id}`);
    expect(flag.body).toMatchObject({ rule: 'min_days_between', category: 'food_parcel', status: 'open' });
    expect(flag.body.records.map((r: { id: string }) => r.id).sort()).toEqual(
      [firstRecordId, importedId].sort(),
    );
    // The overridden receipt is not flagged again: the supervisor decided it already.
  });
});
