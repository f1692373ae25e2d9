import { DEMO_HOST, DEMO_PARTNER } from '../../src/seed/demo-seed';
import { nameKeysOf } from '../../src/beneficiaries/names/name-matching';
import { CANDIDATE_CAP } from '../../src/beneficiaries/search/beneficiary-search';
import { foreignerId, registerBeneficiary } from '../factories/beneficiaries';
import { allPages, Api, asUser, createAndLogin, expectStatus, organisationIdByName } from '../utils/admin';
import { seedUsers, tokenFor } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Finding beneficiaries', () => {
  let t: TestApp;
  let caseworker: Api;
  let supervisor: Api;
  let distribution: Api;
  let partner: Api;
  let otherUnitCaseworker: Api;
  let otherOrgCaseworker: Api;

  const unitId = async (organisation: string, name: string) => {
    const rows: Array<{ id: string }> = await t.dataSource.query(
      `SELECT su.id FROM service_units su JOIN organisations o ON o.id = su.organisation_id
        WHERE o.name = $1 AND su.name = $2`,
      [organisation, name],
    );
    return rows[0].id;
  };
  const search = async (api: Api, params: string) => {
    const res = await api.get(`/beneficiaries?${params}`);
    expectStatus(res, 200);
    return res.body;
  };
  const idsOf = (body: { items: Array<{ id: string }> }) => body.items.map((i) => i.id);

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    caseworker = asUser(t, await tokenFor(t, 'caseworker'));
    supervisor = asUser(t, await tokenFor(t, 'supervisor'));
    distribution = asUser(t, await tokenFor(t, 'distribution'));
    partner = asUser(t, await tokenFor(t, 'partner'));
    const admin = asUser(t, await tokenFor(t, 'admin'));
    otherUnitCaseworker = asUser(
      t,
      (
        await createAndLogin(t, admin, {
          organisationId: await organisationIdByName(t, DEMO_HOST),
          role: 'caseworker',
          unitIds: [await unitId(DEMO_HOST, 'Language courses')],
        })
      ).accessToken,
    );
    otherOrgCaseworker = asUser(
      t,
      (
        await createAndLogin(t, admin, {
          organisationId: await organisationIdByName(t, DEMO_PARTNER),
          role: 'caseworker',
          unitIds: [await unitId(DEMO_PARTNER, 'Legal aid clinic')],
        })
      ).accessToken,
    );
  }, 120_000);
  afterAll(() => t.close());

  describe('by name', () => {
    const people: Record<string, string> = {};

    beforeAll(async () => {
      const register = async (key: string, overrides: Record<string, unknown>) => {
        people[key] = (await registerBeneficiary(caseworker, { documents: [], ...overrides })).id;
      };
      await register('exact', { givenName: 'Mohammed', familyName: 'Al-Hassan' });
      await register('transliterated', { givenName: 'Muhammad', familyName: 'El Hasan' });
      await register('turkish', { givenName: 'Mehmet', familyName: 'Hasan' });
      await register('arabic', { givenName: 'Zaid', familyName: 'Karimi', nameArabic: 'محمد الحسن' });
      await register('swapped', { givenName: 'Hassan', familyName: 'Mohammed' });
      await register('otherFamily', { givenName: 'Mohammed', familyName: 'Yilmaz' });
      await register('otherPerson', { givenName: 'Ahmad', familyName: 'Karimi' });
    });

    it('should find transliteration and spelling variants of Mohammed Al-Hassan', async () => {
      const body = await search(caseworker, 'q=Mohammed%20Al-Hassan');
      const ids = idsOf(body);
      for (const key of ['exact', 'transliterated', 'turkish', 'arabic', 'swapped']) {
        expect({ key, found: ids.includes(people[key]) }).toEqual({ key, found: true });
      }
    });

    it('should not find people who share only one of the names', async () => {
      const ids = idsOf(await search(caseworker, 'q=Mohammed%20Al-Hassan'));
      expect(ids).not.toContain(people.otherFamily);
      expect(ids).not.toContain(people.otherPerson);
    });

    it('should rank the exact spelling first', async () => {
      const body = await search(caseworker, 'q=Mohammed%20Al-Hassan');
      expect(body.items[0].id).toBe(people.exact);
      const scores = body.items.map((i: any) => i.match.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('should say why each person matched', async () => {
      const body = await search(caseworker, 'q=Mohammed%20Al-Hassan');
      for (const item of body.items) {
        expect(item.match.score).toBeGreaterThan(0);
        expect(item.match.score).toBeLessThanOrEqual(1);
        expect(item.match.reasons.length).toBeGreaterThan(0);
      }
      const byKey = (key: string) => body.items.find((i: any) => i.id === people[key]).match;
      expect(byKey('exact').reasons).toContain('name_exact');
      expect(byKey('transliterated').reasons).toContain('name_variant');
      expect(byKey('turkish').reasons).toContain('name_variant');
      expect(byKey('swapped').reasons).toContain('names_swapped');
      expect(byKey('arabic').reasons).toContain('arabic_script');
      expect(byKey('swapped').score).toBeLessThan(byKey('exact').score);
    });

    it('should find a person by the Arabic spelling of their name', async () => {
      const ids = idsOf(await search(caseworker, `q=${encodeURIComponent('محمد الحسن')}`));
      expect(ids).toContain(people.arabic);
    });

    it('should count the ranked matches and say the candidate set was not cut', async () => {
      const body = await search(caseworker, 'q=Mohammed%20Al-Hassan');
      expect(body.total).toBe(body.items.length);
      expect(body.totalCapped).toBe(false);
    });

    it('should answer a query that matches nobody with an empty page', async () => {
      const body = await search(caseworker, 'q=Xylophonist%20Quartzberg');
      expect(body).toEqual({ items: [], total: 0, totalCapped: false });
    });
  });

  describe('by document number and phone', () => {
    it('should find a person by document number however it is spaced', async () => {
      const number = foreignerId();
      const person = await registerBeneficiary(caseworker, {
        documents: [{ type: 'tr_foreigner_id', number }],
      });
      const spaced = `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`;
      const body = await search(caseworker, `q=${encodeURIComponent(spaced)}`);
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({
        id: person.id,
        match: { score: 1, reasons: ['document_number'] },
      });
    });

    it('should find a person by a passport number typed in lower case', async () => {
      const person = await registerBeneficiary(caseworker, {
        documents: [{ type: 'passport', number: 'N98765432' }],
      });
      const body = await search(caseworker, 'q=n98765432');
      expect(idsOf(body)).toEqual([person.id]);
    });

    it('should find a person by phone in national or international form', async () => {
      const person = await registerBeneficiary(caseworker, { phones: ['+905321112233'] });
      for (const q of ['0532 111 22 33', '+90 532 111 22 33', '00905321112233']) {
        const body = await search(caseworker, `q=${encodeURIComponent(q)}`);
        expect(idsOf(body)).toEqual([person.id]);
        expect(body.items[0].match.reasons).toEqual(['phone']);
      }
    });

    it('should find everyone who shares a phone number', async () => {
      const phone = '+905324445566';
      const a = await registerBeneficiary(caseworker, { phones: [phone] });
      const b = await registerBeneficiary(caseworker, { phones: ['+905320000001', phone] });
      const ids = idsOf(await search(caseworker, `q=${encodeURIComponent(phone)}`));
      expect(ids.sort()).toEqual([a.id, b.id].sort());
    });
  });

  describe('filters', () => {
    const f: Record<string, string> = {};
    const district = 'Filterville';
    const inDistrict = (params: string) => search(caseworker, `district=${district}&${params}`);
    const expectPeople = (body: any, keys: string[]) =>
      expect(idsOf(body).sort()).toEqual(keys.map((k) => f[k]).sort());

    beforeAll(async () => {
      const register = async (key: string, overrides: Record<string, unknown>) => {
        f[key] = (
          await registerBeneficiary(caseworker, { district, familyName: 'Filterfam', ...overrides })
        ).id;
      };
      await register('f1', {
        sex: 'female',
        nationality: 'SY',
        dateOfBirth: '1990',
        vulnerabilities: ['disability', 'single_parent'],
        legalStatus: 'temporary_protection',
      });
      await register('f2', {
        sex: 'male',
        nationality: 'AF',
        dateOfBirth: '2010-05-05',
        vulnerabilities: ['disability'],
        legalStatus: 'international_protection_applicant',
      });
      await register('f3', {
        sex: 'female',
        nationality: 'IQ',
        dateOfBirth: undefined,
        vulnerabilities: [],
        legalStatus: 'recognised_refugee',
      });
      await register('f4', {
        sex: 'male',
        nationality: 'SY',
        dateOfBirth: '1950',
        vulnerabilities: ['older_person_at_risk', 'disability'],
        legalStatus: 'temporary_protection',
      });
      await registerBeneficiary(caseworker, { district: 'Elsewhere', familyName: 'Filterfam' });
      const setCreated = (key: string, at: string) =>
        t.dataSource.query(`UPDATE beneficiaries SET created_at = $2 WHERE id = $1`, [f[key], at]);
      await setCreated('f1', '2021-03-10T00:00:00Z');
      await setCreated('f2', '2021-03-11T23:59:59.999Z');
      await setCreated('f3', '2021-03-12T00:00:00Z');
    });

    it('should filter by district', async () => {
      expectPeople(await search(caseworker, `district=${district}`), ['f1', 'f2', 'f3', 'f4']);
    });

    it('should filter by nationality', async () => {
      expectPeople(await inDistrict('nationality=SY'), ['f1', 'f4']);
    });

    it('should filter by sex', async () => {
      expectPeople(await inDistrict('sex=female'), ['f1', 'f3']);
    });

    it('should filter by minimum age, leaving out people without a date of birth', async () => {
      expectPeople(await inDistrict('ageMin=30'), ['f1', 'f4']);
    });

    it('should filter by maximum age', async () => {
      expectPeople(await inDistrict('ageMax=20'), ['f2']);
    });

    it('should filter by an age range', async () => {
      expectPeople(await inDistrict('ageMin=10&ageMax=40'), ['f1', 'f2']);
    });

    it('should filter by one vulnerability', async () => {
      expectPeople(await inDistrict('vulnerability=disability'), ['f1', 'f2', 'f4']);
    });

    it('should filter by several vulnerabilities, all of which must be present', async () => {
      expectPeople(await inDistrict('vulnerability=disability&vulnerability=single_parent'), ['f1']);
    });

    it('should filter by legal status', async () => {
      expectPeople(await inDistrict('legalStatus=temporary_protection'), ['f1', 'f4']);
    });

    it('should filter by registration dates, both days included', async () => {
      expectPeople(await inDistrict('registeredFrom=2021-03-10&registeredTo=2021-03-11'), ['f1', 'f2']);
      expectPeople(await inDistrict('registeredFrom=2021-03-12'), ['f3', 'f4']);
      expectPeople(await inDistrict('registeredTo=2021-03-10'), ['f1']);
    });

    it('should combine filters with a name search', async () => {
      const body = await search(caseworker, 'q=Filterfam&sex=male&nationality=SY');
      expectPeople(body, ['f4']);
      expect(body.items[0].match.reasons.length).toBeGreaterThan(0);
    });

    it('should show the summary of each person', async () => {
      const body = await inDistrict('nationality=AF');
      expect(body.items).toEqual([
        {
          id: f.f2,
          givenName: 'Amina',
          familyName: 'Filterfam',
          fatherName: null,
          motherName: null,
          nameArabic: null,
          documents: [{ type: 'tr_foreigner_id', number: expect.any(String) }],
          householdId: null,
          householdSize: null,
          sex: 'male',
          dateOfBirth: '2010-05-05',
          birthDatePrecision: 'exact',
          nationality: 'AF',
          district,
          legalStatus: 'international_protection_applicant',
          vulnerabilities: ['disability'],
          registeredUnitId: expect.any(String),
          createdAt: '2021-03-11T23:59:59.999Z',
        },
      ]);
      expect(body).not.toHaveProperty('total');
    });
  });

  describe('paging', () => {
    it('should page the newest registered first, without duplicates or gaps', async () => {
      const district = 'Pageville';
      for (let i = 0; i < 7; i++) await registerBeneficiary(caseworker, { district, givenName: `Page${i}` });
      // Equal timestamps for some, to the microsecond: the id breaks the tie.
      await t.dataSource.query(
        `UPDATE beneficiaries SET created_at = '2022-02-02T10:00:00.123456Z'
          WHERE district = $1 AND given_name IN ('Page1', 'Page2', 'Page3')`,
        [district],
      );
      const pages = await allPages(caseworker, `/beneficiaries?district=${district}&limit=3`);
      expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
      const ids = pages.flatMap((p) => p.items.map((i: any) => i.id));
      const expected: Array<{ id: string }> = await t.dataSource.query(
        `SELECT id FROM beneficiaries WHERE district = $1 ORDER BY created_at DESC, id DESC`,
        [district],
      );
      expect(ids).toEqual(expected.map((r) => r.id));
    });

    it('should page search results in rank order, without duplicates or gaps', async () => {
      const registered: string[] = [];
      for (let i = 0; i < 7; i++) {
        registered.push(
          (await registerBeneficiary(caseworker, { familyName: 'Pagerank', givenName: `Rank${i}` })).id,
        );
      }
      const pages = await allPages(caseworker, '/beneficiaries?q=Pagerank&limit=2');
      expect(pages.map((p) => p.items.length)).toEqual([2, 2, 2, 1]);
      const items = pages.flatMap((p) => p.items);
      expect(items.map((i: any) => i.id).sort()).toEqual([...registered].sort());
      const scores = items.map((i: any) => i.match.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const page of pages) expect(page).toMatchObject({ total: 7, totalCapped: false });
    });
  });

  describe('a crowded name', () => {
    beforeAll(async () => {
      // More namesakes than the candidate cap, written straight to the table for speed.
      const keys = nameKeysOf({ givenName: 'Crowded', familyName: 'Namesake' });
      await t.dataSource.query(
        `INSERT INTO beneficiaries (organisation_id, registered_unit_id, registered_by_user_id, given_name,
                                    family_name, name_keys, sex)
         SELECT u.organisation_id, uu.unit_id, u.id, 'Crowded', 'Namesake', $1, 'unknown'
           FROM users u JOIN user_units uu ON uu.user_id = u.id, generate_series(1, $2)
          WHERE u.username = 'caseworker'`,
        [keys, CANDIDATE_CAP + 20],
      );
    });

    it('should rank at most the candidate cap and say that it cut', async () => {
      const body = await search(caseworker, 'q=Crowded%20Namesake&limit=10');
      expect(body).toMatchObject({ total: CANDIDATE_CAP, totalCapped: true });
    });

    it('should page through the capped candidates without duplicates', async () => {
      const pages = await allPages(caseworker, '/beneficiaries?q=Crowded%20Namesake&limit=100');
      const ids = pages.flatMap((p) => p.items.map((i: any) => i.id));
      expect(ids).toHaveLength(CANDIDATE_CAP);
      expect(new Set(ids).size).toBe(CANDIDATE_CAP);
    });
  });

  describe('scope', () => {
    let person: any;

    beforeAll(async () => {
      person = await registerBeneficiary(caseworker, {
        givenName: 'Scopetest',
        familyName: 'Visibility',
        phones: ['+905327778899'],
      });
    });

    it('should find nothing of another unit for a caseworker', async () => {
      for (const q of ['Scopetest Visibility', person.documents[0].number, '+905327778899']) {
        const body = await search(otherUnitCaseworker, `q=${encodeURIComponent(q)}`);
        expect(idsOf(body)).not.toContain(person.id);
      }
      expect(idsOf(await search(otherUnitCaseworker, 'limit=100'))).not.toContain(person.id);
    });

    it('should find nothing of another organisation', async () => {
      for (const q of ['Scopetest Visibility', person.documents[0].number]) {
        expect(await search(otherOrgCaseworker, `q=${encodeURIComponent(q)}`)).toMatchObject({
          items: [],
          total: 0,
        });
      }
    });

    it('should find nothing for partner staff', async () => {
      expect(await search(partner, 'q=Scopetest%20Visibility')).toMatchObject({ items: [], total: 0 });
      expect((await search(partner, 'limit=100')).items).toEqual([]);
    });

    it('should let a supervisor find people of every unit of the organisation', async () => {
      const ofLanguage = await registerBeneficiary(otherUnitCaseworker, {
        givenName: 'Scopetest',
        familyName: 'Visibility',
      });
      const ids = idsOf(await search(supervisor, 'q=Scopetest%20Visibility'));
      expect(ids.sort()).toEqual([person.id, ofLanguage.id].sort());
    });

    it('should give a distribution officer the minimal projection with the match', async () => {
      const body = await search(distribution, `q=${person.documents[0].number}`);
      expect(body.items).toEqual([
        {
          id: person.id,
          givenName: 'Scopetest',
          familyName: 'Visibility',
          fatherName: null,
          motherName: null,
          nameArabic: null,
          documents: [{ type: 'tr_foreigner_id', number: person.documents[0].number }],
          householdId: null,
          householdSize: null,
          match: { score: 1, reasons: ['document_number'] },
        },
      ]);
    });
  });
});
