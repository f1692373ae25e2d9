import { foreignerId } from '../factories/beneficiaries';
import { caseTestContext, CaseTestContext, insertBeneficiary, insertHousehold } from '../factories/cases';
import {
  csvRecords,
  insertReceipt,
  PointPerson,
  registerPointPerson,
  voidReceipt,
} from '../factories/distribution-point';
import { insertAidItem, insertRound, RuleRow } from '../factories/distributions';
import { expectError, expectStatus, MISSING, uniqueSuffix } from '../utils/admin';
import { seedUsers } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

const ON = '2026-06-15';

describe('Distribution point: lookup and distribution lists', () => {
  let t: TestApp;
  let ctx: CaseTestContext;
  let officerId: string;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    ctx = await caseTestContext(t);
    officerId = (await t.dataSource.query(`SELECT id FROM users WHERE username = 'distribution'`))[0].id;
  }, 60_000);
  afterAll(() => t.close());

  /** A person of the host, registered by Protection (through the API, as the supervisor). */
  const person = (o: Parameters<typeof registerPointPerson>[2] = {}) =>
    registerPointPerson(ctx.supervisor, ctx.ids.protection, o);

  /** A household of these people from 2024-01-01, the first the head; `left` ones have moved out. */
  const household = (people: PointPerson[], left: PointPerson[] = []) =>
    insertHousehold(t, {
      organisationId: ctx.ids.hostId,
      registeredUnitId: ctx.ids.protection,
      createdByUserId: ctx.ids.caseworkerId,
      members: [
        ...people.map((p, i) => ({ beneficiaryId: p.id, relationship: i === 0 ? 'head' : 'child' })),
        ...left.map((p) => ({ beneficiaryId: p.id, relationship: 'child', endedOn: '2025-01-01' })),
      ],
    });

  /** A round of the host with one item and its rule (all of 2026, at "Centre", no criteria by default). */
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

  const receipt = (
    r: { roundId: string; aidItemId: string },
    beneficiaryId: string,
    distributedOn: string,
    location = 'Centre',
  ) =>
    insertReceipt(t, {
      organisationId: ctx.ids.hostId,
      ...r,
      beneficiaryId,
      distributedOn,
      recordedByUserId: officerId,
      location,
    });

  const lookup = (params: Record<string, string>) =>
    ctx.distribution.get(`/distribution-point/lookup?${new URLSearchParams(params).toString()}`);

  describe('GET /distribution-point/lookup', () => {
    it('finds a person by document number, in the minimal projection, entitled now', async () => {
      const round = await roundWith({ minDaysBetween: 30 });
      const p = await person();
      const res = await lookup({ q: p.document, ...round, on: ON });
      expectStatus(res, 200);
      expect(res.body).toEqual({ ...round, on: ON, more: false, items: [expect.anything()] });
      const [item] = res.body.items;
      expect(item).toEqual({
        id: p.id,
        givenName: p.givenName,
        familyName: p.familyName,
        fatherName: p.fatherName,
        motherName: null,
        nameArabic: null,
        documents: [{ type: 'tr_foreigner_id', number: p.document }],
        householdId: null,
        householdSize: null,
        entitlement: {
          eligible: true,
          eligibilityProblems: [],
          entitled: true,
          entitledFrom: null,
          refusals: [],
        },
      });
    });

    it('finds a person by phone number, in its national form too', async () => {
      const round = await roundWith();
      const p = await person();
      const national = `0${p.phone.slice(3)}`;
      for (const q of [p.phone, national]) {
        const res = await lookup({ q, ...round, on: ON });
        expectStatus(res, 200);
        expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
      }
    });

    it('finds a person by name, family name first too', async () => {
      const round = await roundWith();
      const p = await person();
      const res = await lookup({ q: `${p.familyName} ${p.givenName}`, ...round, on: ON });
      expectStatus(res, 200);
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
      expect(res.body.items[0]).not.toHaveProperty('phones');
      expect(res.body.items[0]).not.toHaveProperty('match');
    });

    it("lists a household's current members, with the household's size", async () => {
      const round = await roundWith();
      const [head, child, gone] = [await person(), await person(), await person()];
      const householdId = await household([head, child], [gone]);
      const res = await lookup({ householdId, ...round, on: ON });
      expectStatus(res, 200);
      expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual([head.id, child.id].sort());
      for (const item of res.body.items) expect(item).toMatchObject({ householdId, householdSize: 2 });
    });

    it('tells when a person is entitled again, by which rule, with the receipt that uses it up', async () => {
      const round = await roundWith({ minDaysBetween: 30 });
      const p = await person();
      const earlier = await receipt(round, p.id, '2026-06-05', 'Centre');
      const res = await lookup({ q: p.document, ...round, on: ON });
      expectStatus(res, 200);
      const itemName = (
        await t.dataSource.query(`SELECT name FROM aid_items WHERE id = $1`, [round.aidItemId])
      )[0].name;
      expect(res.body.items[0].entitlement).toEqual({
        eligible: true,
        eligibilityProblems: [],
        entitled: false,
        entitledFrom: '2026-07-05',
        refusals: [
          {
            rule: 'min_days_between',
            entitledFrom: '2026-07-05',
            conflictingRecords: [
              {
                id: earlier,
                distributedOn: '2026-06-05',
                aidItemId: round.aidItemId,
                aidItemName: itemName,
                location: 'Centre',
              },
            ],
          },
        ],
      });
    });

    it('answers not in this round (null) when the maximum per period frees up only after the round', async () => {
      const round = await roundWith({ maxPerPeriod: 1, periodDays: 365 });
      const p = await person();
      await receipt(round, p.id, '2026-02-01');
      const res = await lookup({ q: p.document, ...round, on: ON });
      expectStatus(res, 200);
      expect(res.body.items[0].entitlement).toMatchObject({
        entitled: false,
        entitledFrom: null,
        refusals: [{ rule: 'max_per_period', entitledFrom: '2027-02-01' }],
      });
    });

    it("counts a household member's receipt for everyone in the household under a household rule", async () => {
      const round = await roundWith({ countedPer: 'household', minDaysBetween: 60 });
      const [head, child] = [await person(), await person()];
      const householdId = await household([head, child]);
      await receipt(round, child.id, '2026-06-01');
      const res = await lookup({ householdId, ...round, on: ON });
      expectStatus(res, 200);
      expect(res.body.items).toHaveLength(2);
      for (const item of res.body.items) {
        expect(item.entitlement).toMatchObject({
          entitled: false,
          entitledFrom: '2026-07-31',
          refusals: [{ rule: 'min_days_between', entitledFrom: '2026-07-31' }],
        });
      }
    });

    it('does not count a voided receipt', async () => {
      const round = await roundWith({ minDaysBetween: 30 });
      const p = await person();
      await voidReceipt(t, await receipt(round, p.id, '2026-06-10'), officerId);
      const res = await lookup({ q: p.document, ...round, on: ON });
      expectStatus(res, 200);
      expect(res.body.items[0].entitlement).toMatchObject({ entitled: true, refusals: [] });
    });

    it('names the criteria a person does not meet', async () => {
      const round = await roundWith(
        {},
        { eligibleVulnerabilities: ['disability'], eligibleDistricts: ['Fatih'], minHouseholdSize: 3 },
      );
      const p = await person({ district: 'Sultanbeyli', vulnerabilities: ['chronic_illness'] });
      const res = await lookup({ q: p.document, ...round, on: ON });
      expectStatus(res, 200);
      expect(res.body.items[0].entitlement).toMatchObject({
        eligible: false,
        eligibilityProblems: ['vulnerability', 'household_size', 'district'],
      });
    });

    it("does not find another organisation's person, nor show their household", async () => {
      const round = await roundWith();
      const partnerPerson = await insertBeneficiary(t, {
        organisationId: ctx.ids.partnerId,
        registeredUnitId: ctx.ids.psychosocial,
        registeredByUserId: ctx.partnerCaseworker.id,
      });
      // A valid number, held only by the partner's person.
      const partnerDocument = foreignerId();
      await t.dataSource.query(
        `INSERT INTO identity_documents (organisation_id, beneficiary_id, type, number, created_by_user_id)
         VALUES ($1, $2, 'tr_foreigner_id', $3, $4)`,
        [ctx.ids.partnerId, partnerPerson, partnerDocument, ctx.partnerCaseworker.id],
      );
      const res = await lookup({ q: partnerDocument, ...round, on: ON });
      expectStatus(res, 200);
      expect(res.body.items).toEqual([]);

      const partnerHousehold = await insertHousehold(t, {
        organisationId: ctx.ids.partnerId,
        registeredUnitId: ctx.ids.psychosocial,
        createdByUserId: ctx.partnerCaseworker.id,
        members: [{ beneficiaryId: partnerPerson, relationship: 'head' }],
      });
      expectError(await lookup({ householdId: partnerHousehold, ...round, on: ON }), 404, 'NOT_FOUND');
    });

    it("refuses a round or item not of the caller's organisation, naming the field (422)", async () => {
      const round = await roundWith();
      const partnerItem = await insertAidItem(t, ctx.ids.partnerId);
      const partnerRound = await insertRound(t, {
        organisationId: ctx.ids.partnerId,
        createdByUserId: ctx.partnerCaseworker.id,
        items: [{ aidItemId: partnerItem }],
      });
      const otherItem = await insertAidItem(t, ctx.ids.hostId);
      const q = 'Amina';
      expectError(
        await lookup({ q, roundId: partnerRound, aidItemId: partnerItem }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { roundId: ['notFound'] },
      );
      expectError(
        await lookup({ q, roundId: MISSING, aidItemId: round.aidItemId }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { roundId: ['notFound'] },
      );
      expectError(
        await lookup({ q, roundId: round.roundId, aidItemId: partnerItem }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { aidItemId: ['notFound'] },
      );
      expectError(
        await lookup({ q, roundId: round.roundId, aidItemId: otherItem }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { aidItemId: ['notInRound'] },
      );
    });

    it('answers 400 naming the fields for bad input', async () => {
      const round = await roundWith();
      const bad = async (params: Record<string, string>, fields: string[]) => {
        const res = await lookup(params);
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(Object.keys(res.body.details).sort()).toEqual(fields.sort());
      };
      await bad({ q: 'Amina' }, ['roundId', 'aidItemId']);
      await bad({ q: 'Amina', roundId: 'x', aidItemId: round.aidItemId }, ['roundId']);
      await bad({ q: 'Amina', ...round, on: '2026-02-30' }, ['on']);
      await bad({ q: 'Amina', ...round, householdId: 'nope' }, ['householdId']);
      await bad({ q: 'a'.repeat(101), ...round }, ['q']);
      await bad({ ...round }, ['q', 'householdId']);
      await bad({ q: 'Amina', householdId: MISSING, ...round }, ['q', 'householdId']);
    });

    it('needs distribution.record and beneficiary.lookup', async () => {
      const round = await roundWith();
      const res = await ctx.caseworker.get(
        `/distribution-point/lookup?${new URLSearchParams({ q: 'Amina', ...round }).toString()}`,
      );
      expectError(res, 403, 'FORBIDDEN');
    });
  });

  describe('GET /distribution-rounds/:id/distribution-list.csv', () => {
    const HEADER = [
      'beneficiary_id',
      'given_name',
      'family_name',
      'father_name',
      'document_type',
      'document_number',
      'household_id',
      'household_size',
      'district',
    ];

    const list = (roundId: string, params: Record<string, string>) =>
      ctx.distribution
        .get(
          `/distribution-rounds/${roundId}/distribution-list.csv?${new URLSearchParams(params).toString()}`,
        )
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          // Errors are problem answers in JSON; the list itself stays text.
          res.on('end', () =>
            done(null, /json/.test(String(res.headers['content-type'])) ? JSON.parse(text) : text),
          );
        });

    /** A district only this test's people live in, so that the list holds them alone. */
    const district = () => `District ${uniqueSuffix()}`;

    it('lists the eligible people not yet served, as a CSV attachment; a voided receipt does not count', async () => {
      const area = district();
      const round = await roundWith({ minDaysBetween: 30 }, { eligibleDistricts: [area] });
      const served = await person({ district: area });
      const voided = await person({ district: area });
      const waiting = await person({ district: area });
      const elsewhere = await person({ district: district() });
      await receipt(round, served.id, '2026-03-01');
      await voidReceipt(t, await receipt(round, voided.id, '2026-03-01'), officerId);
      void elsewhere;

      const res = await list(round.roundId, { aidItemId: round.aidItemId });
      expectStatus(res, 200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="distribution-list-.+\.csv"$/,
      );
      const { header, records } = csvRecords(res.body as string);
      expect(header).toEqual(HEADER);
      const expected = [voided, waiting].sort((a, b) => a.id.localeCompare(b.id));
      expect(records).toEqual(
        expected.map((p) => ({
          beneficiary_id: p.id,
          given_name: p.givenName,
          family_name: p.familyName,
          father_name: p.fatherName,
          document_type: 'tr_foreigner_id',
          document_number: p.document,
          household_id: '',
          household_size: '',
          district: area,
        })),
      );
      expect(res.body).not.toContain(waiting.phone);
    });

    it('lists each household once under a household rule, by its head, and not once a member was served', async () => {
      const area = district();
      const round = await roundWith({ countedPer: 'household' }, { eligibleDistricts: [area] });
      const served = [await person({ district: area }), await person({ district: area })];
      const waiting = [
        await person({ district: area }),
        await person({ district: area }),
        await person({ district: area }),
      ];
      const servedHousehold = await household(served);
      const waitingHousehold = await household(waiting);
      void servedHousehold;
      await receipt(round, served[1].id, '2026-04-01');

      const res = await list(round.roundId, { aidItemId: round.aidItemId });
      expectStatus(res, 200);
      const { records } = csvRecords(res.body as string);
      expect(records).toEqual([
        expect.objectContaining({
          beneficiary_id: waiting[0].id,
          household_id: waitingHousehold,
          household_size: '3',
        }),
      ]);
    });

    it("lists the first qualifying member when the household's head does not qualify", async () => {
      const area = district();
      const round = await roundWith(
        { countedPer: 'household' },
        { eligibleDistricts: [area], eligibleVulnerabilities: ['disability'] },
      );
      const head = await person({ district: area });
      const child = await person({ district: area, vulnerabilities: ['disability'] });
      const householdId = await household([head, child]);
      const res = await list(round.roundId, { aidItemId: round.aidItemId });
      expectStatus(res, 200);
      expect(csvRecords(res.body as string).records).toEqual([
        expect.objectContaining({ beneficiary_id: child.id, household_id: householdId, household_size: '2' }),
      ]);
    });

    it('does not count a receipt a member got before joining the household', async () => {
      const area = district();
      const round = await roundWith({ countedPer: 'household' }, { eligibleDistricts: [area] });
      const [head, newcomer] = [await person({ district: area }), await person({ district: area })];
      const householdId = await household([head, newcomer]);
      await t.dataSource.query(
        `UPDATE household_memberships SET started_on = '2026-05-01' WHERE beneficiary_id = $1`,
        [newcomer.id],
      );
      await receipt(round, newcomer.id, '2026-02-01');
      const res = await list(round.roundId, { aidItemId: round.aidItemId });
      expectStatus(res, 200);
      expect(csvRecords(res.body as string).records).toEqual([
        expect.objectContaining({ beneficiary_id: head.id, household_id: householdId }),
      ]);
    });

    it('narrows the list to a district, in any spelling of its case', async () => {
      const [here, there] = [district(), district()];
      // The round names the districts in another case than the people were registered with.
      const round = await roundWith({}, { eligibleDistricts: [here.toLowerCase(), there.toUpperCase()] });
      const local = await person({ district: here });
      await person({ district: there });
      const res = await list(round.roundId, { aidItemId: round.aidItemId, district: here.toUpperCase() });
      expectStatus(res, 200);
      expect(csvRecords(res.body as string).records.map((r) => r.beneficiary_id)).toEqual([local.id]);
    });

    it('streams a list longer than one batch, every person once', async () => {
      const area = district();
      const round = await roundWith({}, { eligibleDistricts: [area] });
      const ids: string[] = [];
      const rows = await t.dataSource.query(
        `INSERT INTO beneficiaries (organisation_id, registered_unit_id, registered_by_user_id, given_name, family_name,
                                    sex, district)
         SELECT $1, $2, $3, 'Synthetic', 'Person ' || n, 'female', $4 FROM generate_series(1, 2500) n RETURNING id`,
        [ctx.ids.hostId, ctx.ids.protection, ctx.ids.caseworkerId, area],
      );
      ids.push(...rows.map((r: { id: string }) => r.id));
      const res = await list(round.roundId, { aidItemId: round.aidItemId });
      expectStatus(res, 200);
      const listed = csvRecords(res.body as string).records.map((r) => r.beneficiary_id);
      expect(listed).toEqual([...ids].sort());
    });

    it('answers 400, 404 and 422 for bad input, unknown rounds and items not in the round', async () => {
      const round = await roundWith();
      const otherItem = await insertAidItem(t, ctx.ids.hostId);
      const partnerItem = await insertAidItem(t, ctx.ids.partnerId);
      const partnerRound = await insertRound(t, {
        organisationId: ctx.ids.partnerId,
        createdByUserId: ctx.partnerCaseworker.id,
        items: [{ aidItemId: partnerItem }],
      });
      expectError(await list(round.roundId, {}), 400, 'VALIDATION_FAILED', {
        aidItemId: [expect.any(String)] as unknown as string[],
      });
      expectError(await list('nope', { aidItemId: round.aidItemId }), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
      const longDistrict = await list(round.roundId, {
        aidItemId: round.aidItemId,
        district: 'x'.repeat(201),
      });
      expectError(longDistrict, 400, 'VALIDATION_FAILED');
      expect(Object.keys(longDistrict.body.details)).toEqual(['district']);
      expectError(await list(MISSING, { aidItemId: round.aidItemId }), 404, 'NOT_FOUND');
      expectError(await list(partnerRound, { aidItemId: partnerItem }), 404, 'NOT_FOUND');
      expectError(await list(round.roundId, { aidItemId: otherItem }), 422, 'REFERENCED_RECORD_NOT_FOUND', {
        aidItemId: ['notInRound'],
      });
      expectError(await list(round.roundId, { aidItemId: partnerItem }), 422, 'REFERENCED_RECORD_NOT_FOUND', {
        aidItemId: ['notFound'],
      });
      const asCaseworker = await ctx.caseworker.get(
        `/distribution-rounds/${round.roundId}/distribution-list.csv?aidItemId=${round.aidItemId}`,
      );
      expectError(asCaseworker, 403, 'FORBIDDEN');
    });
  });
});
