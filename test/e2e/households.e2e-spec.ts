import { HouseholdsRepository } from '../../src/beneficiaries/households/households.repository';
import {
  addMember,
  createHousehold,
  PersonOverrides,
  registerBeneficiaries,
  registerBeneficiary,
  registryCallers,
} from '../factories/households';
import {
  allPages,
  Api,
  createUnit,
  expectError,
  expectStatus,
  MISSING,
  userIdByName,
  UUID,
} from '../utils/admin';
import { seedUsers } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { daysFromToday } from '../utils/dates';

describe('Households', () => {
  let t: TestApp;
  let admin: Api;
  let supervisor: Api;
  let caseworker: Api;
  let distribution: Api;
  let partner: Api;
  let dpo: Api;
  /** A caseworker of the host's language courses: same organisation, another unit. */
  let otherUnit: Api;
  /** A caseworker of the partner organisation. */
  let otherOrg: Api;
  let hostId: string;
  let protection: string;
  let legal: string;
  let language: string;
  let partnerUnit: string;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    const callers = await registryCallers(t);
    ({ admin, supervisor, caseworker, distribution, partner, dpo, otherUnit, otherOrg, hostId } = callers);
    ({ protection, legal, language, partnerUnit } = callers.units);
  });
  afterAll(() => t.close());

  /** Who registers the people of each unit in these tests. */
  const registrarOf = (unitId: string): Api =>
    unitId === protection ? caseworker : unitId === partnerUnit ? otherOrg : supervisor;
  const person = (unitId: string, overrides?: PersonOverrides) =>
    registerBeneficiary(registrarOf(unitId), unitId, overrides);
  const people = (unitId: string, count: number) => registerBeneficiaries(registrarOf(unitId), unitId, count);

  /** A household of the caseworker's unit with a head, a spouse and a child, members since `startedOn`. */
  async function familyOfThree(startedOn = daysFromToday(0)) {
    const [head, spouse, child] = await people(protection, 3);
    const household = await createHousehold(caseworker, {
      members: [
        { beneficiaryId: head, relationship: 'head', startedOn },
        { beneficiaryId: spouse, relationship: 'spouse', startedOn },
        { beneficiaryId: child, relationship: 'child', startedOn },
      ],
    });
    return { household, head, spouse, child };
  }

  async function membershipOf(beneficiaryId: string): Promise<string> {
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM household_memberships WHERE beneficiary_id = $1 AND ended_on IS NULL`,
      [beneficiaryId],
    );
    return rows[0].id;
  }

  async function auditEvents(entityId: string) {
    const rows: Array<{ action: string; entity_type: string; changes: unknown }> = await t.dataSource.query(
      `SELECT action, entity_type, changes FROM audit_events WHERE entity_id = $1 ORDER BY id`,
      [entityId],
    );
    return rows;
  }

  /** A case of `unitId` about the person: it makes them the unit's client without registering them there. */
  async function openCase(beneficiaryId: string, unitId: string): Promise<void> {
    await t.dataSource.query(
      `INSERT INTO case_files (organisation_id, beneficiary_id, type, unit_id, risk_level, status, opened_by_user_id)
       SELECT b.organisation_id, b.id, 'protection', $2, 'medium', 'open', $3 FROM beneficiaries b WHERE b.id = $1`,
      [beneficiaryId, unitId, await userIdByName(t, 'supervisor')],
    );
  }

  describe('POST /households', () => {
    it('should register a family with its members and count its size', async () => {
      const [head, spouse, child] = await people(protection, 3);
      const res = await caseworker.post('/households', {
        registeredUnitId: protection,
        notes: '  Lives on the second floor  ',
        members: [
          { beneficiaryId: head, relationship: 'head', startedOn: '2021-05-01' },
          { beneficiaryId: spouse, relationship: 'spouse', startedOn: '2021-05-01' },
          { beneficiaryId: child, relationship: 'child' },
        ],
      });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        organisationId: hostId,
        registeredUnitId: protection,
        notes: 'Lives on the second floor',
        size: 3,
        members: expect.any(Array),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const byPerson = Object.fromEntries(res.body.members.map((m: any) => [m.beneficiaryId, m]));
      expect(byPerson[head]).toEqual({
        membershipId: expect.stringMatching(UUID),
        beneficiaryId: head,
        givenName: 'Amina',
        familyName: expect.stringMatching(/^Test /),
        relationship: 'head',
        startedOn: '2021-05-01',
        endedOn: null,
        exitReason: null,
      });
      expect(byPerson[child]).toMatchObject({ relationship: 'child', startedOn: daysFromToday(0) });
    });

    it('should record the creation and each member in the audit log with ids and codes only', async () => {
      const name = `Haddad-${Date.now()}`;
      const head = await person(protection, { givenName: 'Yusuf', familyName: name });
      const household = await createHousehold(caseworker, {
        notes: 'Private note',
        members: [{ beneficiaryId: head, relationship: 'head' }],
      });
      expect(await auditEvents(household.id)).toEqual([
        {
          action: 'household.created',
          entity_type: 'household',
          changes: { registeredUnitId: { to: protection }, notes: {} },
        },
      ]);
      const membershipId = household.members[0].membershipId;
      const events = await auditEvents(membershipId);
      expect(events).toEqual([
        {
          action: 'household.member_added',
          entity_type: 'household_membership',
          changes: {
            householdId: { to: household.id },
            beneficiaryId: { to: head },
            relationship: { to: 'head' },
          },
        },
      ]);
      expect(JSON.stringify(events)).not.toMatch(/Yusuf|Haddad|Private note/);
    });

    it("should register the household in the caller's only unit when none is named", async () => {
      const household = await createHousehold(caseworker, {});
      expect(household).toMatchObject({ registeredUnitId: protection, size: 0, members: [] });
    });

    it('should ask a caller with several units which unit registers the household', async () => {
      const res = await supervisor.post('/households', {});
      expectError(res, 422, 'REGISTERED_UNIT_REQUIRED', { registeredUnitId: ['required'] });
    });

    it('should let a supervisor register a household in any active unit of the organisation', async () => {
      const household = await createHousehold(supervisor, { registeredUnitId: language });
      expect(household.registeredUnitId).toBe(language);
    });

    it("should refuse a caseworker's household in a unit that is not theirs", async () => {
      const res = await caseworker.post('/households', { registeredUnitId: legal });
      expectError(res, 422, 'NOT_MEMBER_OF_UNIT', { registeredUnitId: ['notMember'] });
    });

    it("should refuse another organisation's unit and a deactivated unit", async () => {
      expectError(
        await supervisor.post('/households', { registeredUnitId: partnerUnit }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { registeredUnitId: ['notFound'] },
      );
      const closed = await createUnit(admin, hostId);
      expectStatus(await admin.patch(`/service-units/${closed.id}`, { isActive: false }), 200);
      expectError(
        await supervisor.post('/households', { registeredUnitId: closed.id }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { registeredUnitId: ['notFound'] },
      );
    });

    it('should refuse members the caller may not change, naming each of them', async () => {
      const mine = await person(protection);
      const otherUnits = await person(language);
      const otherOrgs = await person(partnerUnit);
      const res = await caseworker.post('/households', {
        members: [
          { beneficiaryId: mine, relationship: 'head' },
          { beneficiaryId: otherUnits, relationship: 'spouse' },
          { beneficiaryId: otherOrgs, relationship: 'child' },
          { beneficiaryId: MISSING, relationship: 'child' },
        ],
      });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', {
        'members.1.beneficiaryId': ['notFound'],
        'members.2.beneficiaryId': ['notFound'],
        'members.3.beneficiaryId': ['notFound'],
      });
      const rows: unknown[] = await t.dataSource.query(
        `SELECT 1 FROM household_memberships WHERE beneficiary_id = $1`,
        [mine],
      );
      expect(rows).toHaveLength(0);
    });

    it('should refuse a member who belongs to another household, and create nothing', async () => {
      const { household, child } = await familyOfThree();
      const newcomer = await person(protection);
      const before: Array<{ n: number }> = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM households`,
      );
      const res = await caseworker.post('/households', {
        members: [
          { beneficiaryId: newcomer, relationship: 'head' },
          { beneficiaryId: child, relationship: 'child' },
        ],
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'MEMBER_OF_OTHER_HOUSEHOLD',
        details: { 'members.1.beneficiaryId': ['memberOfOtherHousehold'], householdId: household.id },
      });
      const after: Array<{ n: number }> = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM households`,
      );
      expect(after[0].n).toBe(before[0].n);
    });

    it('should refuse two heads of household', async () => {
      const [a, b] = await people(protection, 2);
      const res = await caseworker.post('/households', {
        members: [
          { beneficiaryId: a, relationship: 'head' },
          { beneficiaryId: b, relationship: 'head' },
        ],
      });
      expectError(res, 400, 'VALIDATION_FAILED', { members: ['atMostOneHead'] });
    });

    it('should refuse a size sent by the client: the size is counted', async () => {
      const res = await caseworker.post('/households', { size: 5 });
      expectError(res, 400, 'VALIDATION_FAILED', { size: ['whitelistValidation'] });
    });

    it.each([
      ['an unknown field', { colour: 'blue' }, { colour: ['whitelistValidation'] }],
      ['a unit id that is not a UUID', { registeredUnitId: 'protection' }, { registeredUnitId: ['isUuid'] }],
      ['notes that are not text', { notes: 12 }, { notes: ['maxLength', 'minLength', 'isString'] }],
      ['empty notes', { notes: '   ' }, { notes: ['minLength'] }],
      ['oversize notes', { notes: 'x'.repeat(1001) }, { notes: ['maxLength'] }],
      [
        'members that are not a list',
        { members: 'all of us' },
        { members: ['arrayUnique', 'arrayMaxSize', 'isArray', 'nestedValidation'] },
      ],
      ['a member that is not an object', { members: [7] }, { 'members.0': ['nestedValidation'] }],
      [
        'a member id that is not a UUID',
        { members: [{ beneficiaryId: '12', relationship: 'head' }] },
        { 'members.0.beneficiaryId': ['isUuid'] },
      ],
      [
        'an unknown relationship',
        { members: [{ beneficiaryId: MISSING, relationship: 'cousin' }] },
        { 'members.0.relationship': ['isEnum'] },
      ],
      [
        'a missing relationship',
        { members: [{ beneficiaryId: MISSING }] },
        { 'members.0.relationship': ['isEnum'] },
      ],
      [
        'a start in the future',
        { members: [{ beneficiaryId: MISSING, relationship: 'head', startedOn: daysFromToday(2) }] },
        { 'members.0.startedOn': ['notFuture'] },
      ],
      [
        'an impossible start date',
        { members: [{ beneficiaryId: MISSING, relationship: 'head', startedOn: '2023-02-29' }] },
        { 'members.0.startedOn': ['notFuture'] },
      ],
      [
        'an unknown field in a member',
        { members: [{ beneficiaryId: MISSING, relationship: 'head', name: 'Ali' }] },
        { 'members.0.name': ['whitelistValidation'] },
      ],
      [
        'the same person twice',
        {
          members: [
            { beneficiaryId: MISSING, relationship: 'head' },
            { beneficiaryId: MISSING, relationship: 'child' },
          ],
        },
        { members: ['arrayUnique'] },
      ],
      [
        'too many members',
        {
          members: Array.from({ length: 51 }, (_, i) => ({
            beneficiaryId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            relationship: 'child',
          })),
        },
        { members: ['arrayMaxSize'] },
      ],
    ])('should answer %s with a 400 naming the field and rule', async (_case, body, details) => {
      expectError(await caseworker.post('/households', body), 400, 'VALIDATION_FAILED', details);
    });

    it('should refuse roles without beneficiary.write with 403', async () => {
      for (const api of [distribution, partner, admin, dpo]) {
        expectError(await api.post('/households', { registeredUnitId: protection }), 403, 'FORBIDDEN');
      }
    });
  });

  describe('GET /households/:id', () => {
    it('should show the household with its current members and size', async () => {
      const { household, head, spouse, child } = await familyOfThree();
      const res = await caseworker.get(`/households/${household.id}`);
      expectStatus(res, 200);
      expect(res.body).toEqual(household);
      expect(res.body.size).toBe(3);
      expect(res.body.members.map((m: any) => m.beneficiaryId).sort()).toEqual([head, spouse, child].sort());
    });

    it('should show distribution officers the members and size, without the notes', async () => {
      const [head] = await people(protection, 1);
      const household = await createHousehold(caseworker, {
        notes: 'Landlord is difficult',
        members: [{ beneficiaryId: head, relationship: 'head' }],
      });
      const res = await distribution.get(`/households/${household.id}`);
      expectStatus(res, 200);
      expect(res.body).not.toHaveProperty('notes');
      expect(res.body).toMatchObject({ size: 1, members: [{ beneficiaryId: head, relationship: 'head' }] });
      const full = await supervisor.get(`/households/${household.id}`);
      expect(full.body.notes).toBe('Landlord is difficult');
    });

    it('should list only the members the caller may see, but count them all', async () => {
      // Registered by the language courses, with one member who is a client of the protection unit.
      const client = await person(protection);
      const stranger = await person(language);
      const household = await createHousehold(supervisor, {
        registeredUnitId: language,
        members: [
          { beneficiaryId: stranger, relationship: 'head' },
          { beneficiaryId: client, relationship: 'spouse' },
        ],
      });
      const res = await caseworker.get(`/households/${household.id}`);
      expectStatus(res, 200);
      expect(res.body.size).toBe(2);
      expect(res.body.members.map((m: any) => m.beneficiaryId)).toEqual([client]);
    });

    it('should answer 404 to a caseworker of another unit or organisation, and to partner staff', async () => {
      const { household } = await familyOfThree();
      for (const api of [otherUnit, otherOrg, partner]) {
        expectError(await api.get(`/households/${household.id}`), 404, 'NOT_FOUND');
      }
    });

    it('should answer 404 for a household that does not exist and 400 for an id that is not a UUID', async () => {
      expectError(await supervisor.get(`/households/${MISSING}`), 404, 'NOT_FOUND');
      expectError(await supervisor.get('/households/42'), 400, 'VALIDATION_FAILED', { id: ['isUuid'] });
    });
  });

  describe('GET /households/:id/members', () => {
    it('should list the current members by default and the history with includeFormer', async () => {
      const { household, head, spouse, child } = await familyOfThree();
      const ended = await caseworker.post(`/household-memberships/${await membershipOf(spouse)}/end`, {
        exitReason: 'moved_away',
      });
      expectStatus(ended, 200);

      const current = await caseworker.get(`/households/${household.id}/members`);
      expectStatus(current, 200);
      expect(current.body.items.map((m: any) => m.beneficiaryId).sort()).toEqual([head, child].sort());
      expect(current.body.nextCursor).toBeUndefined();

      const history = await caseworker.get(`/households/${household.id}/members?includeFormer=true`);
      expectStatus(history, 200);
      expect(history.body.items).toHaveLength(3);
      expect(history.body.items.find((m: any) => m.beneficiaryId === spouse)).toMatchObject({
        relationship: 'spouse',
        startedOn: daysFromToday(0),
        endedOn: daysFromToday(0),
        exitReason: 'moved_away',
      });
    });

    it('should page through the members with a keyset cursor', async () => {
      const family = await people(protection, 5);
      const household = await createHousehold(caseworker, {
        members: family.map((beneficiaryId, i) => ({
          beneficiaryId,
          relationship: i === 0 ? 'head' : 'child',
          startedOn: `2020-0${i + 1}-01`,
        })),
      });
      const pages = await allPages(caseworker, `/households/${household.id}/members?limit=2`);
      expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
      expect(pages.flatMap((p) => p.items.map((m: any) => m.beneficiaryId))).toEqual(family);
    });

    it('should refuse distribution officers, who see the household only through GET /households/:id', async () => {
      const { household } = await familyOfThree();
      expectError(await distribution.get(`/households/${household.id}/members`), 403, 'FORBIDDEN');
    });

    it('should answer 404 outside the caller’s scope', async () => {
      const { household } = await familyOfThree();
      for (const api of [otherUnit, otherOrg, partner]) {
        expectError(await api.get(`/households/${household.id}/members`), 404, 'NOT_FOUND');
      }
      expectError(await caseworker.get(`/households/${MISSING}/members`), 404, 'NOT_FOUND');
    });

    it.each([
      ['includeFormer=yes', { includeFormer: ['isBoolean'] }],
      ['limit=0', { limit: ['min'] }],
      ['limit=101', { limit: ['max'] }],
      ['sort=name', { sort: ['whitelistValidation'] }],
      [
        `cursor=${Buffer.from(JSON.stringify(['not-a-date', MISSING])).toString('base64url')}`,
        { cursor: ['invalid'] },
      ],
      [
        `cursor=${Buffer.from(JSON.stringify(['2024-01-01', 'x'])).toString('base64url')}`,
        { cursor: ['invalid'] },
      ],
      ['cursor=notjsonatall', { cursor: ['invalid'] }],
    ])('should answer ?%s with a 400 naming the parameter', async (query, details) => {
      const { household } = await familyOfThree();
      expectError(
        await caseworker.get(`/households/${household.id}/members?${query}`),
        400,
        'VALIDATION_FAILED',
        details,
      );
    });

    it('should answer 400 for a household id that is not a UUID', async () => {
      expectError(await caseworker.get('/households/x/members'), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
    });
  });

  describe('POST /households/:id/members', () => {
    it('should add a member, whom the size then counts', async () => {
      const { household } = await familyOfThree();
      const baby = await person(protection);
      const res = await caseworker.post(`/households/${household.id}/members`, {
        beneficiaryId: baby,
        relationship: 'child',
        startedOn: daysFromToday(-3),
      });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        householdId: household.id,
        beneficiaryId: baby,
        relationship: 'child',
        startedOn: daysFromToday(-3),
        endedOn: null,
        exitReason: null,
        createdAt: expect.any(String),
      });
      expect((await caseworker.get(`/households/${household.id}`)).body.size).toBe(4);
      expect(await auditEvents(res.body.id)).toEqual([
        expect.objectContaining({ action: 'household.member_added', entity_type: 'household_membership' }),
      ]);
    });

    it('should refuse a current member of another household, naming that household', async () => {
      const first = await familyOfThree();
      const second = await familyOfThree();
      const res = await caseworker.post(`/households/${second.household.id}/members`, {
        beneficiaryId: first.child,
        relationship: 'child',
      });
      expectError(res, 409, 'MEMBER_OF_OTHER_HOUSEHOLD');
      expect(res.body.details).toEqual({
        beneficiaryId: ['memberOfOtherHousehold'],
        householdId: first.household.id,
      });
    });

    it('should not name the other household when the caller may not see it', async () => {
      // A legal-counselling client, in a legal-counselling household, who has a protection case.
      const client = await person(legal);
      const hidden = await createHousehold(supervisor, {
        registeredUnitId: legal,
        members: [{ beneficiaryId: client, relationship: 'head' }],
      });
      await openCase(client, protection);
      expectError(await caseworker.get(`/households/${hidden.id}`), 404, 'NOT_FOUND');
      const mine = await createHousehold(caseworker, {});
      const res = await caseworker.post(`/households/${mine.id}/members`, {
        beneficiaryId: client,
        relationship: 'head',
      });
      expectError(res, 409, 'MEMBER_OF_OTHER_HOUSEHOLD', { beneficiaryId: ['memberOfOtherHousehold'] });
    });

    it('should move a person with move: true, keeping the old membership as history', async () => {
      const from = await familyOfThree(daysFromToday(-30));
      const to = await familyOfThree();
      const oldMembership = await membershipOf(from.child);
      const movedOn = daysFromToday(-1);
      const res = await caseworker.post(`/households/${to.household.id}/members`, {
        beneficiaryId: from.child,
        relationship: 'grandchild',
        startedOn: movedOn,
        move: true,
      });
      expectStatus(res, 201);
      expect(res.body).toMatchObject({ householdId: to.household.id, startedOn: movedOn, endedOn: null });

      expect((await caseworker.get(`/households/${from.household.id}`)).body.size).toBe(2);
      expect((await caseworker.get(`/households/${to.household.id}`)).body.size).toBe(4);
      const history = await caseworker.get(`/households/${from.household.id}/members?includeFormer=true`);
      expect(history.body.items.find((m: any) => m.beneficiaryId === from.child)).toMatchObject({
        membershipId: oldMembership,
        relationship: 'child',
        endedOn: movedOn,
        exitReason: 'moved_to_other_household',
      });
      expect((await auditEvents(oldMembership)).map((e) => e.action)).toEqual([
        'household.member_added',
        'household.member_ended',
      ]);
      expect((await auditEvents(oldMembership))[1].changes).toEqual({
        exitReason: { to: 'moved_to_other_household' },
      });
    });

    it('should refuse a move that starts before the current membership did', async () => {
      const [mover] = await people(protection, 1);
      await createHousehold(caseworker, {
        members: [{ beneficiaryId: mover, relationship: 'head', startedOn: daysFromToday(-10) }],
      });
      const to = await createHousehold(caseworker, {});
      const res = await caseworker.post(`/households/${to.id}/members`, {
        beneficiaryId: mover,
        relationship: 'head',
        startedOn: daysFromToday(-11),
        move: true,
      });
      expectError(res, 400, 'VALIDATION_FAILED', { startedOn: ['beforeEarlierMembership'] });
    });

    it('should refuse a membership that starts before the last one ended', async () => {
      const { household, spouse } = await familyOfThree();
      expectStatus(
        await caseworker.post(`/household-memberships/${await membershipOf(spouse)}/end`, {
          exitReason: 'moved_away',
        }),
        200,
      );
      const res = await caseworker.post(`/households/${household.id}/members`, {
        beneficiaryId: spouse,
        relationship: 'spouse',
        startedOn: daysFromToday(-1),
      });
      expectError(res, 400, 'VALIDATION_FAILED', { startedOn: ['beforeEarlierMembership'] });
      // Coming back from today on is a new period of the same household.
      expectStatus(
        await caseworker.post(`/households/${household.id}/members`, {
          beneficiaryId: spouse,
          relationship: 'spouse',
        }),
        201,
      );
    });

    it('should refuse a person who is already a member of this household, with or without move', async () => {
      const { household, child } = await familyOfThree();
      for (const move of [false, true]) {
        const res = await caseworker.post(`/households/${household.id}/members`, {
          beneficiaryId: child,
          relationship: 'child',
          move,
        });
        expectError(res, 409, 'ALREADY_HOUSEHOLD_MEMBER', { beneficiaryId: ['alreadyMember'] });
      }
    });

    it('should refuse a second head', async () => {
      const { household } = await familyOfThree();
      const other = await person(protection);
      const res = await caseworker.post(`/households/${household.id}/members`, {
        beneficiaryId: other,
        relationship: 'head',
      });
      expectError(res, 409, 'HOUSEHOLD_HAS_HEAD', { relationship: ['householdHasHead'] });
    });

    it('should refuse a person the caller may not change with 422', async () => {
      const { household } = await familyOfThree();
      for (const beneficiaryId of [await person(language), await person(partnerUnit), MISSING]) {
        const res = await caseworker.post(`/households/${household.id}/members`, {
          beneficiaryId,
          relationship: 'child',
        });
        expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { beneficiaryId: ['notFound'] });
      }
    });

    it('should let exactly one of two concurrent requests add the same person to two households', async () => {
      const first = await createHousehold(caseworker, {});
      const second = await createHousehold(caseworker, {});
      const stranger = await person(protection);
      const responses = await Promise.all(
        [first, second].map((h) =>
          caseworker.post(`/households/${h.id}/members`, { beneficiaryId: stranger, relationship: 'head' }),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      const loser = responses.find((r) => r.status === 409)!;
      const winner = responses.find((r) => r.status === 201)!;
      expect(loser.body).toMatchObject({
        code: 'MEMBER_OF_OTHER_HOUSEHOLD',
        details: { beneficiaryId: ['memberOfOtherHousehold'], householdId: winner.body.householdId },
      });
      const rows: unknown[] = await t.dataSource.query(
        `SELECT 1 FROM household_memberships WHERE beneficiary_id = $1`,
        [stranger],
      );
      expect(rows).toHaveLength(1);
    });

    it('should keep one unbroken history when the same person is moved twice at once', async () => {
      const home = await familyOfThree(daysFromToday(-30));
      const targets = [await createHousehold(caseworker, {}), await createHousehold(caseworker, {})];
      const responses = await Promise.all(
        targets.map((h) =>
          caseworker.post(`/households/${h.id}/members`, {
            beneficiaryId: home.child,
            relationship: 'child',
            move: true,
          }),
        ),
      );
      // Either both moves run one after the other (home → A → B), or the loser of the race is told
      // the person now belongs elsewhere; never two current memberships.
      const moved = responses.filter((r) => r.status === 201);
      expect(moved.length).toBeGreaterThanOrEqual(1);
      for (const r of responses.filter((x) => x.status !== 201))
        expectError(r, 409, 'MEMBER_OF_OTHER_HOUSEHOLD');
      const rows: Array<{ household_id: string; ended: boolean }> = await t.dataSource.query(
        `SELECT household_id, ended_on IS NOT NULL AS ended FROM household_memberships
          WHERE beneficiary_id = $1 ORDER BY started_on, created_at`,
        [home.child],
      );
      expect(rows.map((r) => r.ended)).toEqual([...moved.map(() => true), false]);
      expect(rows[0].household_id).toBe(home.household.id);
    });

    it('should let exactly one of two concurrent heads in', async () => {
      const household = await createHousehold(caseworker, {});
      const [a, b] = await people(protection, 2);
      const responses = await Promise.all(
        [a, b].map((beneficiaryId) =>
          caseworker.post(`/households/${household.id}/members`, { beneficiaryId, relationship: 'head' }),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(responses.find((r) => r.status === 409)!.body.code).toBe('HOUSEHOLD_HAS_HEAD');
    });

    it('should answer 404 outside the caller’s scope and 403 to roles that may not change households', async () => {
      const { household } = await familyOfThree();
      const member = await person(protection);
      const body = { beneficiaryId: member, relationship: 'child' };
      for (const api of [otherUnit, otherOrg]) {
        expectError(await api.post(`/households/${household.id}/members`, body), 404, 'NOT_FOUND');
      }
      expectError(await caseworker.post(`/households/${MISSING}/members`, body), 404, 'NOT_FOUND');
      for (const api of [distribution, partner, admin, dpo]) {
        expectError(await api.post(`/households/${household.id}/members`, body), 403, 'FORBIDDEN');
      }
    });

    it.each([
      ['a missing person', { relationship: 'child' }, { beneficiaryId: ['isUuid'] }],
      [
        'a person id that is not a UUID',
        { beneficiaryId: 'Ali', relationship: 'child' },
        { beneficiaryId: ['isUuid'] },
      ],
      [
        'an unknown relationship',
        { beneficiaryId: MISSING, relationship: 'uncle' },
        { relationship: ['isEnum'] },
      ],
      [
        'a start in the future',
        { beneficiaryId: MISSING, relationship: 'child', startedOn: daysFromToday(2) },
        { startedOn: ['notFuture'] },
      ],
      [
        'a start that is not a date',
        { beneficiaryId: MISSING, relationship: 'child', startedOn: '01.02.2020' },
        { startedOn: ['notFuture'] },
      ],
      [
        'move that is not a boolean',
        { beneficiaryId: MISSING, relationship: 'child', move: 'yes' },
        { move: ['isBoolean'] },
      ],
      [
        'an unknown field',
        { beneficiaryId: MISSING, relationship: 'child', size: 3 },
        { size: ['whitelistValidation'] },
      ],
    ])('should answer %s with a 400 naming the field and rule', async (_case, body, details) => {
      const { household } = await familyOfThree();
      expectError(
        await caseworker.post(`/households/${household.id}/members`, body),
        400,
        'VALIDATION_FAILED',
        details,
      );
    });

    it('should answer 400 for a household id that is not a UUID', async () => {
      const res = await caseworker.post('/households/1/members', {
        beneficiaryId: MISSING,
        relationship: 'child',
      });
      expectError(res, 400, 'VALIDATION_FAILED', { id: ['isUuid'] });
    });
  });

  describe('PATCH /household-memberships/:id', () => {
    it("should change a member's relationship and audit the codes", async () => {
      const { spouse } = await familyOfThree();
      const id = await membershipOf(spouse);
      const res = await caseworker.patch(`/household-memberships/${id}`, { relationship: 'other_relative' });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({
        id,
        beneficiaryId: spouse,
        relationship: 'other_relative',
        endedOn: null,
      });
      expect((await auditEvents(id)).at(-1)).toEqual({
        action: 'household.member_updated',
        entity_type: 'household_membership',
        changes: { relationship: { from: 'spouse', to: 'other_relative' } },
      });
    });

    it('should refuse to make a second head, and allow it once the head has left', async () => {
      const { head, spouse } = await familyOfThree();
      const spouseMembership = await membershipOf(spouse);
      expectError(
        await caseworker.patch(`/household-memberships/${spouseMembership}`, { relationship: 'head' }),
        409,
        'HOUSEHOLD_HAS_HEAD',
        { relationship: ['householdHasHead'] },
      );
      expectStatus(
        await caseworker.post(`/household-memberships/${await membershipOf(head)}/end`, {
          exitReason: 'deceased',
        }),
        200,
      );
      const res = await caseworker.patch(`/household-memberships/${spouseMembership}`, {
        relationship: 'head',
      });
      expectStatus(res, 200);
      expect(res.body.relationship).toBe('head');
    });

    it('should refuse to change an ended membership', async () => {
      const { child } = await familyOfThree();
      const id = await membershipOf(child);
      expectStatus(
        await caseworker.post(`/household-memberships/${id}/end`, { exitReason: 'moved_away' }),
        200,
      );
      expectError(
        await caseworker.patch(`/household-memberships/${id}`, { relationship: 'stepchild' }),
        409,
        'MEMBERSHIP_ENDED',
      );
    });

    it('should answer 404 outside the caller’s scope and 403 to roles that may not change households', async () => {
      const { child } = await familyOfThree();
      const id = await membershipOf(child);
      for (const api of [otherUnit, otherOrg]) {
        expectError(
          await api.patch(`/household-memberships/${id}`, { relationship: 'stepchild' }),
          404,
          'NOT_FOUND',
        );
      }
      expectError(
        await caseworker.patch(`/household-memberships/${MISSING}`, { relationship: 'child' }),
        404,
        'NOT_FOUND',
      );
      for (const api of [distribution, partner, admin, dpo]) {
        expectError(
          await api.patch(`/household-memberships/${id}`, { relationship: 'stepchild' }),
          403,
          'FORBIDDEN',
        );
      }
    });

    it.each([
      ['no relationship', {}, { relationship: ['isEnum'] }],
      ['an unknown relationship', { relationship: 'neighbour' }, { relationship: ['isEnum'] }],
      ['a relationship that is not text', { relationship: 3 }, { relationship: ['isEnum'] }],
      [
        'an unknown field',
        { relationship: 'child', startedOn: '2020-01-01' },
        { startedOn: ['whitelistValidation'] },
      ],
    ])('should answer %s with a 400 naming the field and rule', async (_case, body, details) => {
      const { child } = await familyOfThree();
      const id = await membershipOf(child);
      expectError(
        await caseworker.patch(`/household-memberships/${id}`, body),
        400,
        'VALIDATION_FAILED',
        details,
      );
    });

    it('should answer 400 for an id that is not a UUID', async () => {
      expectError(
        await caseworker.patch('/household-memberships/abc', { relationship: 'child' }),
        400,
        'VALIDATION_FAILED',
        { id: ['isUuid'] },
      );
    });
  });

  describe('POST /household-memberships/:id/end', () => {
    it('should end a membership on the given day with its reason', async () => {
      const { household, spouse } = await familyOfThree();
      const id = await membershipOf(spouse);
      const endedOn = daysFromToday(0);
      const res = await caseworker.post(`/household-memberships/${id}/end`, {
        endedOn,
        exitReason: 'moved_away',
      });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ id, householdId: household.id, endedOn, exitReason: 'moved_away' });
      expect((await caseworker.get(`/households/${household.id}`)).body.size).toBe(2);
      expect((await auditEvents(id)).at(-1)).toEqual({
        action: 'household.member_ended',
        entity_type: 'household_membership',
        changes: { exitReason: { to: 'moved_away' } },
      });
    });

    it('should end a membership today when no day is given', async () => {
      const { child } = await familyOfThree();
      const res = await caseworker.post(`/household-memberships/${await membershipOf(child)}/end`, {
        exitReason: 'other',
      });
      expectStatus(res, 200);
      expect(res.body.endedOn).toBe(daysFromToday(0));
    });

    it('should refuse to end a membership before it started', async () => {
      const member = await person(protection);
      await createHousehold(caseworker, {
        members: [{ beneficiaryId: member, relationship: 'head', startedOn: daysFromToday(-5) }],
      });
      const res = await caseworker.post(`/household-memberships/${await membershipOf(member)}/end`, {
        endedOn: daysFromToday(-6),
        exitReason: 'recorded_in_error',
      });
      expectError(res, 400, 'VALIDATION_FAILED', { endedOn: ['notBeforeStartedOn'] });
    });

    it('should refuse to end a membership twice', async () => {
      const { child } = await familyOfThree();
      const id = await membershipOf(child);
      expectStatus(
        await caseworker.post(`/household-memberships/${id}/end`, { exitReason: 'moved_away' }),
        200,
      );
      expectError(
        await caseworker.post(`/household-memberships/${id}/end`, { exitReason: 'moved_away' }),
        409,
        'MEMBERSHIP_ENDED',
      );
    });

    it('should answer 404 outside the caller’s scope and 403 to roles that may not change households', async () => {
      const { child } = await familyOfThree();
      const id = await membershipOf(child);
      for (const api of [otherUnit, otherOrg]) {
        expectError(
          await api.post(`/household-memberships/${id}/end`, { exitReason: 'moved_away' }),
          404,
          'NOT_FOUND',
        );
      }
      expectError(
        await caseworker.post(`/household-memberships/${MISSING}/end`, { exitReason: 'moved_away' }),
        404,
        'NOT_FOUND',
      );
      for (const api of [distribution, partner, admin, dpo]) {
        expectError(
          await api.post(`/household-memberships/${id}/end`, { exitReason: 'moved_away' }),
          403,
          'FORBIDDEN',
        );
      }
    });

    it.each([
      ['no exit reason', {}, { exitReason: ['isEnum'] }],
      ['an unknown exit reason', { exitReason: 'married' }, { exitReason: ['isEnum'] }],
      [
        'an end in the future',
        { exitReason: 'moved_away', endedOn: daysFromToday(2) },
        { endedOn: ['notFuture'] },
      ],
      [
        'an end that is not a date',
        { exitReason: 'moved_away', endedOn: 20240101 },
        { endedOn: ['notFuture'] },
      ],
      ['an unknown field', { exitReason: 'moved_away', note: 'left' }, { note: ['whitelistValidation'] }],
    ])('should answer %s with a 400 naming the field and rule', async (_case, body, details) => {
      const { child } = await familyOfThree();
      const id = await membershipOf(child);
      expectError(
        await caseworker.post(`/household-memberships/${id}/end`, body),
        400,
        'VALIDATION_FAILED',
        details,
      );
    });

    it('should answer 400 for an id that is not a UUID', async () => {
      expectError(
        await caseworker.post('/household-memberships/abc/end', { exitReason: 'moved_away' }),
        400,
        'VALIDATION_FAILED',
        { id: ['isUuid'] },
      );
    });
  });

  describe(HouseholdsRepository.name, () => {
    it('should tell who belonged to a household, and where a person lived, on a given day', async () => {
      const households = t.app.get(HouseholdsRepository);
      const em = t.dataSource.manager;
      const [head, child] = await people(protection, 2);
      const from = await createHousehold(caseworker, {
        members: [
          { beneficiaryId: head, relationship: 'head', startedOn: '2022-01-10' },
          { beneficiaryId: child, relationship: 'child', startedOn: '2022-03-01' },
        ],
      });
      const to = await createHousehold(caseworker, {});
      await addMember(caseworker, to.id, {
        beneficiaryId: child,
        relationship: 'head',
        startedOn: '2023-06-15',
        move: true,
      });

      const idsOn = async (date: string) =>
        (await households.membersOn(em, from.id, date)).map((m) => m.beneficiaryId).sort();
      expect(await idsOn('2022-01-09')).toEqual([]);
      expect(await idsOn('2022-02-01')).toEqual([head]);
      expect(await idsOn('2023-06-14')).toEqual([head, child].sort());
      expect(await idsOn('2023-06-15')).toEqual([head]);

      expect(await households.householdOf(em, child, '2022-02-28')).toBeNull();
      expect((await households.householdOf(em, child, '2022-03-01'))?.householdId).toBe(from.id);
      expect((await households.householdOf(em, child, '2023-06-14'))?.householdId).toBe(from.id);
      expect(await households.householdOf(em, child, '2023-06-15')).toMatchObject({
        householdId: to.id,
        relationship: 'head',
        startedOn: '2023-06-15',
        endedOn: null,
      });
      expect((await households.householdOf(em, child, daysFromToday(0)))?.householdId).toBe(to.id);
    });
  });
});
