import { randomUUID } from 'node:crypto';
import { DEMO_HOST, DEMO_PARTNER } from '../../src/seed/demo-seed';
import { insertReferral } from '../factories/referral-rows';
import {
  addHouseholdMember,
  changeCaseStatus,
  endHouseholdMembership,
  insertBeneficiary,
  insertCase,
  insertConsent,
  insertHousehold,
  recordService,
  serviceTypeIdByName,
  unitIdByName,
  withdrawConsent,
} from '../factories/services';
import {
  allPages,
  Api,
  asUser,
  createAndLogin,
  expectError,
  expectStatus,
  organisationIdByName,
  userIdByName,
} from '../utils/admin';
import { seedUsers, tokenFor } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

/*
 * The person's registration, household, consents and cases are inserted directly, at chosen
 * instants (test/factories/services.ts): their routes were written at the same time as the
 * timeline. Services go through the API.
 */
describe('Beneficiary timeline', () => {
  let t: TestApp;
  let supervisor: Api;
  let caseworker: Api;
  let admin: Api;
  let dpo: Api;
  let distribution: Api;
  let partner: Api;
  /** A caseworker of Language courses, who sees the person only because their unit taught her. */
  let languageCaseworker: Api;
  /** A caseworker of the Women's solidarity centre, who has nothing to do with the person. */
  let womenCaseworker: Api;
  /** A caseworker of the partner organisation. */
  let partnerCaseworker: Api;
  const u: Record<'caseworker' | 'supervisor' | 'languageSupervisor', string> = {
    caseworker: '',
    supervisor: '',
    languageSupervisor: '',
  };
  const units: Record<'protection' | 'legal' | 'language', string> = {
    protection: '',
    legal: '',
    language: '',
  };

  /** The story of one person; ids of what the timeline should show. */
  const s = {
    person: '',
    household: '',
    membership: '',
    householdCase: '',
    ownCase: '',
    legalCase: '',
    consent: '',
    homeVisit: '',
    turkishCourse: '',
  };

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    const hostId = await organisationIdByName(t, DEMO_HOST);
    const partnerId = await organisationIdByName(t, DEMO_PARTNER);
    [supervisor, caseworker, admin, dpo, distribution, partner] = await Promise.all(
      ['supervisor', 'caseworker', 'admin', 'dpo', 'distribution', 'partner'].map(async (name) =>
        asUser(t, await tokenFor(t, name)),
      ),
    );
    u.caseworker = await userIdByName(t, 'caseworker');
    u.supervisor = await userIdByName(t, 'supervisor');
    units.protection = await unitIdByName(t, 'Protection', DEMO_HOST);
    units.legal = await unitIdByName(t, 'Legal counselling', DEMO_HOST);
    units.language = await unitIdByName(t, 'Language courses', DEMO_HOST);
    const women = await unitIdByName(t, "Women's solidarity centre", DEMO_HOST);
    const newUser = (organisationId: string, role: string, unitIds: string[]) =>
      createAndLogin(t, admin, { organisationId, role, unitIds });
    languageCaseworker = asUser(t, (await newUser(hostId, 'caseworker', [units.language])).accessToken);
    womenCaseworker = asUser(t, (await newUser(hostId, 'caseworker', [women])).accessToken);
    const psychosocial = await unitIdByName(t, 'Psychosocial support', DEMO_PARTNER);
    partnerCaseworker = asUser(t, (await newUser(partnerId, 'caseworker', [psychosocial])).accessToken);
    const languageSupervisor = await newUser(hostId, 'supervisor', [units.language]);
    u.languageSupervisor = languageSupervisor.id;

    // January 2025: registered by Protection, consents to assistance, joins a household.
    s.person = await insertBeneficiary(t, {
      registeredUnitId: units.protection,
      registeredByUserId: u.caseworker,
      createdAt: '2025-01-01T09:00:00Z',
    });
    s.consent = await insertConsent(t, {
      beneficiaryId: s.person,
      recordedByUserId: u.caseworker,
      recordedAt: '2025-01-01T09:30:00Z',
    });
    s.household = await insertHousehold(t, {
      registeredUnitId: units.protection,
      createdByUserId: u.caseworker,
    });
    // The household's case was opened before she joined: its opening is not part of her story.
    s.householdCase = await insertCase(t, {
      unitId: units.protection,
      openedByUserId: u.caseworker,
      householdId: s.household,
      openedAt: '2025-01-03T10:00:00Z',
    });
    s.membership = await addHouseholdMember(t, {
      householdId: s.household,
      beneficiaryId: s.person,
      createdByUserId: u.caseworker,
      startedOn: '2025-01-05',
      relationship: 'spouse',
    });
    await changeCaseStatus(t, s.householdCase, {
      to: 'active',
      byUserId: u.caseworker,
      at: '2025-01-10T10:00:00Z',
    });
    // Her own protection case, opened and assigned at once.
    s.ownCase = await insertCase(t, {
      unitId: units.protection,
      openedByUserId: u.supervisor,
      beneficiaryId: s.person,
      assignedUserId: u.caseworker,
      openedAt: '2025-01-15T08:00:00Z',
    });
    await changeCaseStatus(t, s.ownCase, {
      to: 'active',
      byUserId: u.caseworker,
      at: '2025-01-16T08:00:00Z',
    });
    s.homeVisit = (
      await recordService(caseworker, {
        beneficiaryId: s.person,
        serviceTypeId: await serviceTypeIdByName(t, units.protection, 'Home visit'),
        deliveredOn: '2025-01-20',
        caseId: s.ownCase,
        note: 'Free-text delivery note',
      })
    ).id;
    // She leaves the household on 1 February; the household case goes on without her.
    await endHouseholdMembership(t, s.membership, { endedOn: '2025-02-01', endedByUserId: u.caseworker });
    await changeCaseStatus(t, s.householdCase, {
      to: 'on_hold',
      byUserId: u.caseworker,
      at: '2025-02-10T10:00:00Z',
    });
    await withdrawConsent(t, s.consent, { byUserId: u.caseworker, at: '2025-02-15T09:00:00Z' });
    // A legal case of the Legal counselling unit, which the Protection caseworker does not see.
    s.legalCase = await insertCase(t, {
      unitId: units.legal,
      openedByUserId: u.supervisor,
      beneficiaryId: s.person,
      type: 'legal',
      openedAt: '2025-02-20T10:00:00Z',
    });
    // A Turkish course of the Language courses unit, recorded by its supervisor.
    s.turkishCourse = (
      await recordService(asUser(t, languageSupervisor.accessToken), {
        beneficiaryId: s.person,
        serviceTypeId: await serviceTypeIdByName(t, units.language, 'Turkish A1 course'),
        deliveredOn: '2025-02-25',
      })
    ).id;
    await changeCaseStatus(t, s.ownCase, {
      to: 'closed',
      byUserId: u.caseworker,
      at: '2025-03-01T12:00:00Z',
      closureReason: 'needs_met',
    });
  }, 60_000);
  afterAll(() => t.close());

  const timeline = (api: Api, query = 'limit=100') => api.get(`/beneficiaries/${s.person}/timeline?${query}`);

  /** Everything that happened to her, newest first, as the whole organisation sees it. */
  const fullStory = () => [
    {
      at: '2025-03-01T12:00:00.000Z',
      kind: 'case_status_changed',
      id: expect.any(String),
      actorUserId: u.caseworker,
      caseId: s.ownCase,
      fromStatus: 'active',
      toStatus: 'closed',
      closureReason: 'needs_met',
    },
    {
      at: '2025-02-25T00:00:00.000Z',
      kind: 'service_delivered',
      id: s.turkishCourse,
      actorUserId: u.languageSupervisor,
      serviceTypeId: expect.any(String),
      unitId: units.language,
      caseId: null,
    },
    {
      at: '2025-02-20T10:00:00.000Z',
      kind: 'case_opened',
      id: s.legalCase,
      actorUserId: u.supervisor,
      caseId: s.legalCase,
      caseType: 'legal',
      unitId: units.legal,
      householdId: null,
    },
    {
      at: '2025-02-15T09:00:00.000Z',
      kind: 'consent_withdrawn',
      id: s.consent,
      actorUserId: u.caseworker,
      purpose: 'assistance',
      decision: 'given',
    },
    {
      at: '2025-02-01T00:00:00.000Z',
      kind: 'household_left',
      id: s.membership,
      actorUserId: u.caseworker,
      householdId: s.household,
      exitReason: 'moved_to_other_household',
    },
    {
      at: '2025-01-20T00:00:00.000Z',
      kind: 'service_delivered',
      id: s.homeVisit,
      actorUserId: u.caseworker,
      serviceTypeId: expect.any(String),
      unitId: units.protection,
      caseId: s.ownCase,
    },
    {
      at: '2025-01-16T08:00:00.000Z',
      kind: 'case_status_changed',
      id: expect.any(String),
      actorUserId: u.caseworker,
      caseId: s.ownCase,
      fromStatus: 'open',
      toStatus: 'active',
      closureReason: null,
    },
    // Opened and assigned at the same instant: the assignment reads as the later of the two.
    {
      at: '2025-01-15T08:00:00.000Z',
      kind: 'case_assigned',
      id: expect.any(String),
      actorUserId: u.supervisor,
      caseId: s.ownCase,
      assignedUserId: u.caseworker,
    },
    {
      at: '2025-01-15T08:00:00.000Z',
      kind: 'case_opened',
      id: s.ownCase,
      actorUserId: u.supervisor,
      caseId: s.ownCase,
      caseType: 'protection',
      unitId: units.protection,
      householdId: null,
    },
    {
      at: '2025-01-10T10:00:00.000Z',
      kind: 'case_status_changed',
      id: expect.any(String),
      actorUserId: u.caseworker,
      caseId: s.householdCase,
      fromStatus: 'open',
      toStatus: 'active',
      closureReason: null,
    },
    {
      at: '2025-01-05T00:00:00.000Z',
      kind: 'household_joined',
      id: s.membership,
      actorUserId: u.caseworker,
      householdId: s.household,
      relationship: 'spouse',
    },
    {
      at: '2025-01-01T09:30:00.000Z',
      kind: 'consent_recorded',
      id: s.consent,
      actorUserId: u.caseworker,
      purpose: 'assistance',
      decision: 'given',
    },
    {
      at: '2025-01-01T09:00:00.000Z',
      kind: 'beneficiary_registered',
      id: s.person,
      actorUserId: u.caseworker,
      unitId: units.protection,
    },
  ];

  const idsAndKinds = (items: Array<{ kind: string; id: string }>) => items.map((i) => `${i.kind}:${i.id}`);

  describe('contents and order', () => {
    it('tells the whole story newest first to a supervisor of the organisation', async () => {
      const res = await timeline(supervisor);
      expectStatus(res, 200);
      expect(res.body).toEqual({ items: fullStory() });
    });

    it('carries ids and codes only, never notes, summaries or reasons', async () => {
      const res = await timeline(supervisor);
      expect(JSON.stringify(res.body)).not.toMatch(/Free-text|FORM-0001/);
    });

    it('places a service recorded on its own day at the moment it was recorded', async () => {
      const person = await insertBeneficiary(t, {
        registeredUnitId: units.protection,
        registeredByUserId: u.caseworker,
      });
      const visit = await recordService(caseworker, {
        beneficiaryId: person,
        serviceTypeId: await serviceTypeIdByName(t, units.protection, 'Home visit'),
      });
      const res = await supervisor.get(`/beneficiaries/${person}/timeline`);
      expect(res.body.items.map((i: any) => i.kind)).toEqual(['service_delivered', 'beneficiary_registered']);
      const [delivered, registered] = res.body.items;
      expect(delivered.id).toBe(visit.id);
      expect(delivered.at.slice(0, 10)).toBe(visit.deliveredOn);
      expect(delivered.at > registered.at).toBe(true);
    });

    it("shows a household case's events only while she belonged to the household", async () => {
      const res = await timeline(supervisor);
      const householdCaseItems = res.body.items.filter((i: any) => i.caseId === s.householdCase);
      expect(householdCaseItems.map((i: any) => `${i.kind}:${i.toStatus}`)).toEqual([
        'case_status_changed:active',
      ]);
    });

    it('shows the administrator and the data protection officer the same story', async () => {
      const story = (await timeline(supervisor)).body;
      expect((await timeline(admin)).body).toEqual(story);
      expect((await timeline(dpo)).body).toEqual(story);
    });
  });

  describe('filtering by what the caller may see', () => {
    it("hides another unit's case from the Protection caseworker, and that unit's services", async () => {
      const res = await timeline(caseworker);
      expectStatus(res, 200);
      const expected = fullStory().filter(
        (i) => i.caseId !== s.legalCase && i.id !== s.turkishCourse && i.id !== s.legalCase,
      );
      expect(res.body.items).toEqual(expected);
    });

    it("shows a caseworker of another unit, who sees her through their unit's service, no case at all", async () => {
      const res = await timeline(languageCaseworker);
      expectStatus(res, 200);
      expect(res.body.items.map((i: any) => i.kind)).toEqual([
        'service_delivered',
        'consent_withdrawn',
        'household_left',
        'household_joined',
        'consent_recorded',
        'beneficiary_registered',
      ]);
      expect(res.body.items[0]).toMatchObject({ id: s.turkishCourse, unitId: units.language });
      expect(JSON.stringify(res.body)).not.toContain(s.ownCase);
      expect(JSON.stringify(res.body)).not.toContain(s.householdCase);
      expect(JSON.stringify(res.body)).not.toContain(s.homeVisit);
    });

    it('shows a service of their unit without the case it was for when the caller may not see the case', async () => {
      // Legal counselling advises someone for a Protection case: the supervisor sees both units' work.
      const person = await insertBeneficiary(t, {
        registeredUnitId: units.language,
        registeredByUserId: u.languageSupervisor,
      });
      const protectionCase = await insertCase(t, {
        unitId: units.protection,
        openedByUserId: u.supervisor,
        beneficiaryId: person,
      });
      const advice = await recordService(supervisor, {
        beneficiaryId: person,
        serviceTypeId: await serviceTypeIdByName(t, units.legal, 'Legal advice session'),
        caseId: protectionCase,
      });
      const legalCaseworker = await createAndLogin(t, admin, {
        organisationId: await organisationIdByName(t, DEMO_HOST),
        role: 'caseworker',
        unitIds: [units.legal],
      });
      const res = await asUser(t, legalCaseworker.accessToken).get(`/beneficiaries/${person}/timeline`);
      expectStatus(res, 200);
      expect(res.body.items.map((i: any) => i.kind)).toEqual(['service_delivered', 'beneficiary_registered']);
      expect(res.body.items[0]).toMatchObject({ id: advice.id, unitId: units.legal, caseId: null });
      const full = await supervisor.get(`/beneficiaries/${person}/timeline`);
      expect(full.body.items.find((i: any) => i.id === advice.id).caseId).toBe(protectionCase);
    });

    it('answers 404 to a caseworker who has nothing to do with her', async () => {
      expectError(await timeline(womenCaseworker), 404, 'NOT_FOUND');
    });

    it("answers 404 to another organisation's staff", async () => {
      expectError(await timeline(partnerCaseworker), 404, 'NOT_FOUND');
      expectError(await timeline(partner), 404, 'NOT_FOUND');
    });

    it('forbids the distribution officer, who sees only the minimal projection', async () => {
      expectError(await timeline(distribution), 403, 'FORBIDDEN');
    });

    it('answers 404 for a person who does not exist', async () => {
      expectError(await supervisor.get(`/beneficiaries/${randomUUID()}/timeline`), 404, 'NOT_FOUND');
    });
  });

  describe('pagination', () => {
    it('pages through the story with a keyset cursor, every item once and in order', async () => {
      const whole = (await timeline(supervisor)).body.items;
      for (const limit of [1, 2, 5]) {
        const pages = await allPages(supervisor, `/beneficiaries/${s.person}/timeline?limit=${limit}`);
        expect(pages.every((p) => p.items.length <= limit)).toBe(true);
        expect(idsAndKinds(pages.flatMap((p) => p.items))).toEqual(idsAndKinds(whole));
      }
    });

    it('gives 25 items by default and says when there are no more', async () => {
      const res = await supervisor.get(`/beneficiaries/${s.person}/timeline`);
      expect(res.body.items).toHaveLength(13);
      expect(res.body.nextCursor).toBeUndefined();
    });

    it("pages a caseworker's filtered view without gaps", async () => {
      const whole = (await timeline(caseworker)).body.items;
      const pages = await allPages(caseworker, `/beneficiaries/${s.person}/timeline?limit=3`);
      expect(idsAndKinds(pages.flatMap((p) => p.items))).toEqual(idsAndKinds(whole));
    });
  });

  /*
   * Referrals about a second person, inserted at chosen instants (test/factories/referral-rows.ts).
   * Protection refers her from her case to Legal counselling, which accepts, starts and completes
   * the referral with a legal advice session; a second referral is rejected with a reason.
   */
  describe('referrals', () => {
    const r = { person: '', case: '', completed: '', rejected: '', advice: '', course: '' };
    let hostId = '';
    let legalCaseworkerId = '';
    let legalCaseworker: Api;
    let legalService = '';

    /** A delivery recorded by a unit on the day it happened, at `createdAt`. */
    async function insertDelivery(opts: {
      beneficiaryId: string;
      serviceTypeId: string;
      byUserId: string;
      createdAt: string;
      referralId?: string;
    }): Promise<string> {
      const rows: Array<{ id: string }> = await t.dataSource.query(
        `INSERT INTO service_deliveries (organisation_id, beneficiary_id, service_type_id, unit_id, referral_id,
                                         delivered_on, delivered_by_user_id, note, created_at)
         SELECT st.organisation_id, $1, st.id, st.unit_id, $3, CAST($5 AS timestamptz)::date, $4,
                'Free-text delivery note', $5
           FROM service_types st WHERE st.id = $2
         RETURNING id`,
        [opts.beneficiaryId, opts.serviceTypeId, opts.referralId ?? null, opts.byUserId, opts.createdAt],
      );
      return rows[0].id;
    }

    beforeAll(async () => {
      hostId = await organisationIdByName(t, DEMO_HOST);
      const legal = await createAndLogin(t, admin, {
        organisationId: hostId,
        role: 'caseworker',
        unitIds: [units.legal],
      });
      legalCaseworkerId = legal.id;
      legalCaseworker = asUser(t, legal.accessToken);
      legalService = await serviceTypeIdByName(t, units.legal, 'Legal advice session');

      r.person = await insertBeneficiary(t, {
        registeredUnitId: units.protection,
        registeredByUserId: u.caseworker,
        createdAt: '2025-04-01T08:00:00Z',
      });
      r.case = await insertCase(t, {
        unitId: units.protection,
        openedByUserId: u.supervisor,
        beneficiaryId: r.person,
        assignedUserId: u.caseworker,
        openedAt: '2025-04-01T09:00:00Z',
      });
      const byLegal = (to: 'accepted' | 'in_progress' | 'completed', at: string) => ({
        to,
        at,
        byUserId: legalCaseworkerId,
      });
      r.completed = await insertReferral(t, {
        beneficiaryId: r.person,
        createdByUserId: u.caseworker,
        fromUnitId: units.protection,
        toUnitId: units.legal,
        serviceTypeId: legalService,
        caseId: r.case,
        urgency: 'high',
        createdAt: '2025-04-02T10:00:00Z',
        steps: [byLegal('accepted', '2025-04-03T10:00:00Z'), byLegal('in_progress', '2025-04-04T10:00:00Z')],
      });
      // Completed through the service delivered, in one transaction: one instant for both.
      r.advice = await insertDelivery({
        beneficiaryId: r.person,
        serviceTypeId: legalService,
        byUserId: legalCaseworkerId,
        createdAt: '2025-04-05T15:00:00Z',
        referralId: r.completed,
      });
      await t.dataSource.query(
        `INSERT INTO referral_transitions (referral_id, from_status, to_status, outcome, service_delivery_id,
                                           changed_by_user_id, changed_at)
         VALUES ($1, 'in_progress', 'completed', 'service_delivered', $2, $3, '2025-04-05T15:00:00Z')`,
        [r.completed, r.advice, legalCaseworkerId],
      );
      await t.dataSource.query(
        `UPDATE referrals SET status = 'completed', outcome = 'service_delivered',
                finished_at = '2025-04-05T15:00:00Z' WHERE id = $1`,
        [r.completed],
      );
      r.rejected = await insertReferral(t, {
        beneficiaryId: r.person,
        createdByUserId: u.caseworker,
        fromUnitId: units.protection,
        toUnitId: units.legal,
        createdAt: '2025-04-06T10:00:00Z',
        steps: [
          {
            to: 'rejected',
            at: '2025-04-06T12:00:00Z',
            byUserId: legalCaseworkerId,
            reason: 'Free-text rejection reason',
          },
        ],
      });
      // Language courses teach her too, so their caseworkers see her, but not her referrals.
      r.course = await insertDelivery({
        beneficiaryId: r.person,
        serviceTypeId: await serviceTypeIdByName(t, units.language, 'Turkish A1 course'),
        byUserId: u.languageSupervisor,
        createdAt: '2025-04-07T09:00:00Z',
      });
    });

    const referralTimeline = (api: Api) => api.get(`/beneficiaries/${r.person}/timeline?limit=100`);
    const referralItems = (items: Array<{ kind: string }>) =>
      items.filter((i) => i.kind.startsWith('referral_'));

    /** The completed referral's items, newest first: made, accepted, started, completed. */
    const completedStory = (caseId: string | null) => [
      {
        at: '2025-04-05T15:00:00.000Z',
        kind: 'referral_status_changed',
        id: expect.any(String),
        actorUserId: legalCaseworkerId,
        referralId: r.completed,
        fromStatus: 'in_progress',
        toStatus: 'completed',
        outcome: 'service_delivered',
        reasonGiven: false,
      },
      {
        at: '2025-04-04T10:00:00.000Z',
        kind: 'referral_status_changed',
        id: expect.any(String),
        actorUserId: legalCaseworkerId,
        referralId: r.completed,
        fromStatus: 'accepted',
        toStatus: 'in_progress',
        outcome: null,
        reasonGiven: false,
      },
      {
        at: '2025-04-03T10:00:00.000Z',
        kind: 'referral_status_changed',
        id: expect.any(String),
        actorUserId: legalCaseworkerId,
        referralId: r.completed,
        fromStatus: 'pending',
        toStatus: 'accepted',
        outcome: null,
        reasonGiven: false,
      },
      {
        at: '2025-04-02T10:00:00.000Z',
        kind: 'referral_made',
        id: r.completed,
        actorUserId: u.caseworker,
        referralId: r.completed,
        caseId,
        toOrganisationId: hostId,
        toUnitId: units.legal,
        serviceTypeId: legalService,
        urgency: 'high',
        referralStatus: 'completed',
      },
    ];

    it('shows a referral made, accepted, started and completed as four items, newest first', async () => {
      const res = await referralTimeline(supervisor);
      expectStatus(res, 200);
      const items = res.body.items.filter((i: any) => i.referralId === r.completed);
      expect(items).toEqual(completedStory(r.case));
    });

    it('places referrals among the rest of her story, the completion after the service that completed it', async () => {
      const res = await referralTimeline(supervisor);
      expect(idsAndKinds(res.body.items)).toEqual([
        `service_delivered:${r.course}`,
        `referral_status_changed:${res.body.items[1].id}`,
        `referral_made:${r.rejected}`,
        `referral_status_changed:${res.body.items[3].id}`,
        `service_delivered:${r.advice}`,
        `referral_status_changed:${res.body.items[5].id}`,
        `referral_status_changed:${res.body.items[6].id}`,
        `referral_made:${r.completed}`,
        `case_assigned:${res.body.items[8].id}`,
        `case_opened:${r.case}`,
        `beneficiary_registered:${r.person}`,
      ]);
      expect(res.body.items[3]).toMatchObject({ referralId: r.completed, toStatus: 'completed' });
    });

    it('says that a reason was given, never what it says', async () => {
      const res = await referralTimeline(supervisor);
      expect(res.body.items.slice(1, 3)).toEqual([
        {
          at: '2025-04-06T12:00:00.000Z',
          kind: 'referral_status_changed',
          id: expect.any(String),
          actorUserId: legalCaseworkerId,
          referralId: r.rejected,
          fromStatus: 'pending',
          toStatus: 'rejected',
          outcome: null,
          reasonGiven: true,
        },
        {
          at: '2025-04-06T10:00:00.000Z',
          kind: 'referral_made',
          id: r.rejected,
          actorUserId: u.caseworker,
          referralId: r.rejected,
          caseId: null,
          toOrganisationId: hostId,
          toUnitId: units.legal,
          serviceTypeId: expect.any(String),
          urgency: 'normal',
          referralStatus: 'rejected',
        },
      ]);
      expect(JSON.stringify(res.body)).not.toMatch(/Free-text|FORM-REF/);
    });

    it('shows the referring caseworker the referrals of their unit, with the case', async () => {
      const res = await referralTimeline(caseworker);
      expectStatus(res, 200);
      expect(res.body.items.filter((i: any) => i.referralId === r.completed)).toEqual(completedStory(r.case));
      expect(referralItems(res.body.items)).toHaveLength(6);
    });

    it('shows the receiving unit the referrals it received, but not the case it may not see', async () => {
      const res = await referralTimeline(legalCaseworker);
      expectStatus(res, 200);
      expect(res.body.items.filter((i: any) => i.referralId === r.completed)).toEqual(completedStory(null));
      expect(JSON.stringify(res.body)).not.toContain(r.case);
    });

    it('hides the referrals from a caseworker of another unit who sees her but not them', async () => {
      const res = await referralTimeline(languageCaseworker);
      expectStatus(res, 200);
      expect(res.body.items.map((i: any) => i.kind)).toEqual(['service_delivered', 'beneficiary_registered']);
      expect(JSON.stringify(res.body)).not.toContain(r.completed);
      expect(JSON.stringify(res.body)).not.toContain(r.rejected);
    });

    it('shows them to the data protection officer, not to the administrator, who may not read referrals', async () => {
      expect(referralItems((await referralTimeline(dpo)).body.items)).toHaveLength(6);
      const adminView = await referralTimeline(admin);
      expectStatus(adminView, 200);
      expect(referralItems(adminView.body.items)).toEqual([]);
    });

    it('pages through referral items without gaps', async () => {
      const whole = (await referralTimeline(supervisor)).body.items;
      const pages = await allPages(supervisor, `/beneficiaries/${r.person}/timeline?limit=2`);
      expect(idsAndKinds(pages.flatMap((p) => p.items))).toEqual(idsAndKinds(whole));
    });
  });

  describe('bad input', () => {
    it('refuses an id that is not a UUID', async () => {
      expectError(await supervisor.get('/beneficiaries/me/timeline'), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
    });

    it.each([
      ['limit=0', 'limit', 'min'],
      ['limit=101', 'limit', 'max'],
      ['limit=many', 'limit', 'isInt'],
      ['cursor=%24%24', 'cursor', 'matches'],
      ['kind=case_opened', 'kind', 'whitelistValidation'],
    ])('refuses the query %s', async (query, field, rule) => {
      const res = await timeline(supervisor, query);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details[field]).toContain(rule);
    });

    it.each([
      ['another shape', ['2025-01-01T00:00:00.000Z', 'case_opened']],
      ['an instant that is not an instant', ['last week', 'case_opened', randomUUID()]],
      ['an instant in another form', ['2025-01-01T00:00:00Z', 'case_opened', randomUUID()]],
      ['an unknown kind', ['2025-01-01T00:00:00.000Z', 'aid_received', randomUUID()]],
      ['numbers', [1, 2, 3]],
    ])('refuses a cursor with %s', async (_, key) => {
      const cursor = Buffer.from(JSON.stringify(key)).toString('base64url');
      expectError(await timeline(supervisor, `cursor=${cursor}`), 400, 'VALIDATION_FAILED', {
        cursor: ['invalid'],
      });
    });
  });
});
