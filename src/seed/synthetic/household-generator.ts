import {
  BirthDatePrecision,
  ConsentDecision,
  ConsentPurpose,
  ConsentScope,
  HouseholdExitReason,
  HouseholdRelationship,
  LegalStatus,
  Sex,
  Vulnerability,
} from '../../beneficiaries/beneficiary-codes';
import { DocumentType } from '../../beneficiaries/documents/document-type';
import { CaseType } from '../../cases/case-codes';
import { CaseGenerator } from './case-generator';
import { dayFromIso, firstDayOfYear, isoDate, isoTimestamp, yearOfDay } from './dates';
import { DocumentRegistry } from './document-registry';
import { PoolName } from './name-pools';
import { DISTRICTS, District, GERMAN_STREETS, TURKISH_STREETS } from './places';
import {
  Nationality,
  NATIONALITIES,
  NATIONALITY_MIX_DE,
  NATIONALITY_MIX_TR,
  Origin,
  ORIGINS,
} from './population';
import { Random, WeightedTable } from './random';
import { SeedContext, SeedUnit, SeedUser } from './seed-context';
import { NameSpeller } from './speller';
import { DocumentRow, RowSink } from './tables';
import { BENEFICIARY_NOTES, HEALTH_CONDITIONS, PROTECTION_CONCERNS, WITHDRAWAL_REASONS } from './texts';

/** The name parts nameKeysOf reads (src/beneficiaries/names/name-matching.ts). */
export interface NameParts {
  givenName: string;
  familyName: string | null;
  fatherName: string | null;
  motherName: string | null;
  nameArabic: string | null;
}

export type NameKeysFn = (parts: NameParts) => string[];

export interface GeneratorDeps {
  context: SeedContext;
  random: Random;
  /** A separate stream for row ids, so that the first ids of a seed are known before generating. */
  ids: Random;
  speller: NameSpeller;
  nameKeys: NameKeysFn;
  documents: DocumentRegistry;
}

/** The association opened its register in 2015: nobody is registered before. */
const REGISTER_OPENED = dayFromIso('2015-03-01');

const DISTRICT_TABLE = new WeightedTable(DISTRICTS);

const PRECISION = new WeightedTable<BirthDatePrecision | null>([
  [BirthDatePrecision.Exact, 58],
  [BirthDatePrecision.Year, 32],
  [BirthDatePrecision.Estimated, 6],
  [null, 4],
]);

const TR_MOBILE_PREFIXES = [
  '501', '505', '506', '507', '530', '531', '532', '533', '534', '535', '536', '537', '538', '539',
  '541', '542', '543', '544', '545', '546', '549', '551', '552', '553', '554', '555', '559',
]; // prettier-ignore
const DE_MOBILE_PREFIXES = ['1511', '1512', '1515', '1516', '1520', '1522', '1570', '1575', '1590'];
const DE_MOBILE_PREFIXES_LONG = ['176', '177', '178', '179'];

/** Statuses under which Turkey issues a foreigner identity number (YKN). */
const YKN_STATUSES = new Set<LegalStatus>([
  LegalStatus.TemporaryProtection,
  LegalStatus.InternationalProtectionApplicant,
  LegalStatus.ConditionalRefugee,
  LegalStatus.ResidencePermit,
  LegalStatus.HumanitarianResidence,
]);

/** Statuses with a German asylum file (BAMF Aktenzeichen). */
const BAMF_STATUSES = new Set<LegalStatus>([
  LegalStatus.AsylumSeeker,
  LegalStatus.ToleratedStay,
  LegalStatus.RecognisedRefugee,
  LegalStatus.SubsidiaryProtection,
]);

/** Share of people holding a passport of their country, by nationality. */
const PASSPORT_SHARE: Readonly<Record<string, number>> = {
  SY: 0.07,
  IQ: 0.2,
  IR: 0.35,
  AF: 0.1,
  UA: 0.85,
  SO: 0.1,
};

/** Share of people with a UNHCR individual number, by nationality (proGres registration). */
const UNHCR_SHARE: Readonly<Record<string, number>> = {
  AF: 0.45,
  IQ: 0.45,
  IR: 0.45,
  SO: 0.5,
  YE: 0.4,
  SY: 0.04,
};

type Role = 'head' | 'spouse' | 'child' | 'parent' | 'sibling' | 'grandchild' | 'relative' | 'unrelated';

interface MemberPlan {
  role: Role;
  sex: 'male' | 'female';
  age: number;
}

interface Person extends MemberPlan {
  id: string;
  given: PoolName;
  father: PoolName;
  mother: PoolName;
  /** The family name as drawn (null: registered without one). */
  family: PoolName | null;
  birthDay: number;
  vulnerabilities: Vulnerability[];
}

interface HouseholdFacts {
  id: string;
  place: District;
  neighbourhood: string;
  addressLine: string;
  nationality: Nationality;
  origin: Origin;
  arrivalDay: number | null;
  registeredDay: number;
  unit: SeedUnit;
  registrar: SeedUser;
  legalStatus: LegalStatus;
  headPhone: string | null;
  /** The household registered in Arabic script as well (most of its members then are). */
  arabicScript: boolean;
  singleParent: boolean;
}

/**
 * Generates synthetic households one at a time, straight into a {@link RowSink}: the people with
 * their names, birth dates, documents, phones and vulnerabilities, the household and its
 * memberships, consents, and (through {@link CaseGenerator}) cases and services. Every random
 * choice comes from one seeded {@link Random}, so a seed and the same organisation set-up give the
 * same rows.
 */
export class HouseholdGenerator {
  private readonly random: Random;
  private readonly cases: CaseGenerator;
  private readonly lastDay: number;
  /** Per nationality, the years of arrival up to the as-of date. */
  private readonly arrivalYears = new Map<string, WeightedTable<number> | null>();

  constructor(private readonly deps: GeneratorDeps) {
    this.random = deps.random;
    this.cases = new CaseGenerator(deps.context, deps.random, deps.ids);
    // Everything has happened by yesterday: no timestamp lies in the future.
    this.lastDay = deps.context.asOfDay - 1;
    const lastYear = yearOfDay(this.lastDay);
    for (const n of Object.values(NATIONALITIES)) {
      const years = n.arrivalYears.filter(([year]) => year <= lastYear);
      this.arrivalYears.set(n.code, years.length ? new WeightedTable(years) : null);
    }
  }

  /** One household of at most `maxPeople` people; returns how many people it has. */
  generate(sink: RowSink, maxPeople: number): number {
    const r = this.random;
    const ctx = this.deps.context;
    const place = DISTRICT_TABLE.pick(r);
    const nationality =
      NATIONALITIES[(place.country === 'TR' ? NATIONALITY_MIX_TR : NATIONALITY_MIX_DE).pick(r)];
    const origin = ORIGINS[nationality.origins.pick(r)];
    const size = Math.max(1, Math.min(maxPeople, nationality.householdSize.pick(r)));
    const plans = this.compose(size, nationality);

    const arrivalDay = this.arrivalDay(nationality);
    const earliest = Math.max(REGISTER_OPENED, (arrivalDay ?? REGISTER_OPENED) + r.int(3, 90));
    const registeredDay = earliest >= this.lastDay ? this.lastDay : r.int(earliest, this.lastDay);
    const unit = r.pick(ctx.units);
    const household: HouseholdFacts = {
      id: this.deps.ids.uuid(),
      place,
      neighbourhood: r.pick(place.neighbourhoods),
      addressLine:
        place.country === 'TR'
          ? `${r.pick(TURKISH_STREETS)} No:${r.int(1, 120)} D:${r.int(1, 16)}`
          : `${r.pick(GERMAN_STREETS)} ${r.int(1, 150)}`,
      nationality,
      origin,
      arrivalDay,
      registeredDay,
      unit,
      registrar: unit.staff.length ? r.pick(unit.staff) : r.pick(ctx.users),
      legalStatus: (place.country === 'TR' ? nationality.legalStatusTR : nationality.legalStatusDE).pick(r),
      headPhone: null,
      arabicScript: origin.arabicScriptShare > 0 && r.chance(origin.arabicScriptShare),
      singleParent: false,
    };
    household.singleParent =
      plans.length > 1 && !plans.some((p) => p.role === 'spouse') && plans.some((p) => p.role === 'child');

    const people = this.name(plans, household);
    const householdCreatedAt = isoTimestamp(registeredDay, r.int(8 * 3600, 16 * 3600));
    sink.household({
      id: household.id,
      registeredUnitId: unit.id,
      createdByUserId: household.registrar.id,
      notes: null,
      createdAt: householdCreatedAt,
    });

    const familySpelling = new Map<string, string>();
    const adults: { id: string; fromDay: number }[] = [];
    for (const [index, person] of people.entries()) {
      // Children born after registration were added when they were born.
      const addedDay = Math.max(registeredDay, Math.min(this.lastDay, person.birthDay + r.int(7, 120)));
      const createdAt = isoTimestamp(addedDay, r.int(8 * 3600, 17 * 3600) + index);
      this.person(sink, person, household, familySpelling, createdAt);
      const relationship =
        person.role === 'child' && r.chance(0.04)
          ? HouseholdRelationship.Stepchild
          : RELATIONSHIP[person.role];
      // A few grown-up children have moved out; their membership stays as history.
      const movedOut = person.role === 'child' && person.age >= 19 && r.chance(0.03);
      const endedDay = movedOut ? Math.min(this.lastDay, addedDay + r.int(30, 900)) : null;
      sink.membership({
        id: this.deps.ids.uuid(),
        householdId: household.id,
        beneficiaryId: person.id,
        relationship,
        startedOn: isoDate(addedDay),
        endedOn: endedDay === null ? null : isoDate(endedDay),
        exitReason: endedDay === null ? null : HouseholdExitReason.MovedAway,
        createdByUserId: household.registrar.id,
        endedByUserId: endedDay === null ? null : household.registrar.id,
        createdAt,
      });
      if (person.age >= 18) {
        this.consents(sink, person.id, addedDay, household);
        adults.push({ id: person.id, fromDay: addedDay });
      }
    }

    this.casesAndServices(sink, people, household, adults);
    return people.length;
  }

  // --- who lives together ---------------------------------------------------------------------------

  /** The members of a household of `size`: a head, maybe a spouse, children and other relatives. */
  private compose(size: number, nationality: Nationality): MemberPlan[] {
    const r = this.random;
    if (size === 1) {
      if (r.chance(0.02))
        return [{ role: 'head', sex: r.chance(0.85) ? 'male' : 'female', age: r.int(14, 17) }];
      const sex = r.chance(nationality.singleMaleShare) ? 'male' : 'female';
      const age = r.chance(0.12) ? Math.round(r.normal(69, 6, 60, 92)) : Math.round(r.normal(30, 8, 18, 59));
      return [{ role: 'head', sex, age }];
    }
    const members: MemberPlan[] = [];
    const singleMother = r.chance(nationality.singleMotherShare);
    const singleFather = !singleMother && r.chance(0.03);
    let motherAge: number;
    // Bigger households have older heads: more and older children.
    const headMean = 27 + 2.3 * size;
    if (singleMother || singleFather) {
      const age = Math.round(r.normal(headMean, 7, 20, 70));
      members.push({ role: 'head', sex: singleMother ? 'female' : 'male', age });
      motherAge = singleMother ? age : age - r.int(0, 8);
    } else {
      const femaleHead = r.chance(0.04);
      const headAge = Math.round(r.normal(headMean + 1, 8, 19, 80));
      const gap = r.int(0, 8);
      const spouseAge = Math.max(17, femaleHead ? headAge + gap : headAge - gap);
      members.push({ role: 'head', sex: femaleHead ? 'female' : 'male', age: headAge });
      members.push({ role: 'spouse', sex: femaleHead ? 'male' : 'female', age: spouseAge });
      motherAge = femaleHead ? headAge : spouseAge;
    }
    const head = members[0];
    if (size - members.length >= 3 && r.chance(0.12)) {
      members.push({
        role: 'parent',
        sex: r.chance(0.65) ? 'female' : 'male',
        age: Math.min(98, head.age + r.int(20, 32)),
      });
    }
    if (size - members.length >= 2 && r.chance(0.05)) {
      members.push({
        role: 'sibling',
        sex: r.chance(0.5) ? 'female' : 'male',
        age: Math.max(8, head.age + r.int(-10, 10)),
      });
    }
    // Children from the oldest down, one to four years apart, while the mother's age allows.
    let childAge = motherAge - Math.round(r.normal(21, 3, 16, 32));
    while (members.length < size && childAge >= 0) {
      members.push({ role: 'child', sex: r.chance(0.51) ? 'male' : 'female', age: childAge });
      childAge -= r.pick([1, 2, 2, 2, 3, 3, 4]);
    }
    while (members.length < size) {
      if (head.age >= 45 && r.chance(0.6)) {
        members.push({ role: 'grandchild', sex: r.chance(0.5) ? 'male' : 'female', age: r.int(0, 12) });
      } else if (r.chance(0.8)) {
        members.push({ role: 'relative', sex: r.chance(0.5) ? 'male' : 'female', age: r.int(3, 40) });
      } else {
        members.push({ role: 'unrelated', sex: r.chance(0.5) ? 'male' : 'female', age: r.int(16, 50) });
      }
    }
    return members;
  }

  /** Given, father's, mother's and family names, along the family's lines, and ages as birth days. */
  private name(plans: MemberPlan[], household: HouseholdFacts): Person[] {
    const r = this.random;
    const o = household.origin;
    const givenFor = (sex: 'male' | 'female') => (sex === 'male' ? o.male : o.female).pick(r);
    const familyFor = () => (r.chance(o.noFamilyName) ? null : o.family.pick(r));

    const headPlan = plans[0];
    const head = this.newPerson(
      headPlan,
      givenFor(headPlan.sex),
      o.male.pick(r),
      o.female.pick(r),
      familyFor(),
    );
    const people = [head];
    const spousePlan = plans.find((p) => p.role === 'spouse');
    const spouse = spousePlan
      ? this.newPerson(
          spousePlan,
          givenFor(spousePlan.sex),
          o.male.pick(r),
          o.female.pick(r),
          spousePlan.sex === 'female' && r.chance(o.wifeTakesFamilyName) ? head.family : familyFor(),
        )
      : undefined;
    if (spouse) people.push(spouse);
    // The children's parents: the head and spouse, or one parent who does not live with them.
    const fatherName =
      head.sex === 'male' ? head.given : spouse?.sex === 'male' ? spouse.given : o.male.pick(r);
    const motherName =
      head.sex === 'female' ? head.given : spouse?.sex === 'female' ? spouse.given : o.female.pick(r);
    const fatherFamily =
      head.sex === 'male' ? head.family : spouse?.sex === 'male' ? spouse.family : familyFor();
    // Arab, Kurdish and Afghan children carry their father's family name; elsewhere, single
    // mothers' children often carry theirs.
    const childFamily = o.transliterated ? fatherFamily : (head.family ?? fatherFamily);

    for (const plan of plans) {
      if (plan.role === 'head' || plan.role === 'spouse') continue;
      const given = givenFor(plan.sex);
      switch (plan.role) {
        case 'child':
          people.push(this.newPerson(plan, given, fatherName, motherName, childFamily));
          break;
        case 'parent':
          people.push(
            this.newPerson(
              plan,
              plan.sex === 'male' ? head.father : head.mother,
              o.male.pick(r),
              o.female.pick(r),
              plan.sex === 'male' ? head.family : familyFor(),
            ),
          );
          break;
        case 'sibling':
          people.push(this.newPerson(plan, given, head.father, head.mother, head.family));
          break;
        case 'grandchild':
          people.push(this.newPerson(plan, given, o.male.pick(r), o.female.pick(r), head.family));
          break;
        default:
          people.push(this.newPerson(plan, given, o.male.pick(r), o.female.pick(r), familyFor()));
      }
    }
    return people;
  }

  private newPerson(
    plan: MemberPlan,
    given: PoolName,
    father: PoolName,
    mother: PoolName,
    family: PoolName | null,
  ): Person {
    const r = this.random;
    const birthDay = this.deps.context.asOfDay - Math.floor(plan.age * 365.25) - r.int(1, 364);
    return {
      ...plan,
      id: this.deps.ids.uuid(),
      given,
      father,
      mother,
      family,
      birthDay,
      vulnerabilities: [],
    };
  }

  // --- one person -----------------------------------------------------------------------------------

  private person(
    sink: RowSink,
    p: Person,
    h: HouseholdFacts,
    familySpelling: Map<string, string>,
    createdAt: string,
  ): void {
    const r = this.random;
    const { speller } = this.deps;
    const o = h.origin;

    // Spelling: each part written in one of its registered variants. Household members mostly share
    // the family name's spelling; sometimes another registrar wrote it differently.
    const spell = (name: PoolName) => (o.transliterated ? speller.spell(name.latin, r) : name.latin);
    const givenName = spell(p.given);
    let familyName: string | null = null;
    if (p.family) {
      const shared = familySpelling.get(p.family.latin);
      familyName =
        shared && (!o.transliterated || r.chance(0.88))
          ? shared
          : o.transliterated
            ? speller.spellFamilyName(p.family.latin, r)
            : p.family.latin;
      if (!shared) familySpelling.set(p.family.latin, familyName);
    }
    const fatherName = r.chance(o.fatherNameShare) ? spell(p.father) : null;
    const motherName = r.chance(o.motherNameShare) ? spell(p.mother) : null;
    const nameArabic = h.arabicScript && r.chance(0.9) ? this.arabicName(p) : null;
    const parts: NameParts = { givenName, familyName, fatherName, motherName, nameArabic };

    const bornHere = h.arrivalDay !== null && p.birthDay > h.arrivalDay;
    const { dateOfBirth, precision } = this.birthDate(p.birthDay, bornHere);
    this.vulnerabilities(p, h);
    const phones = this.phones(p, h);

    sink.beneficiary({
      id: p.id,
      registeredUnitId: h.unit.id,
      registeredByUserId: h.registrar.id,
      ...parts,
      nameKeys: this.deps.nameKeys(parts),
      sex: r.chance(0.002) ? Sex.Unknown : p.sex === 'male' ? Sex.Male : Sex.Female,
      dateOfBirth,
      birthDatePrecision: precision,
      nationality: h.nationality.code,
      languages: o.languages.pick(r),
      phones,
      addressLine: r.chance(0.85) ? h.addressLine : null,
      neighbourhood: r.chance(0.95) ? h.neighbourhood : null,
      district: h.place.district,
      province: h.place.province,
      arrivalDate: h.arrivalDay === null || bornHere ? null : isoDate(h.arrivalDay),
      legalStatus: h.legalStatus,
      vulnerabilities: p.vulnerabilities,
      notes: r.chance(0.04) ? r.pick(BENEFICIARY_NOTES) : null,
      healthConditions: this.healthConditions(p),
      protectionConcerns: this.protectionConcerns(p),
      ethnicity: o.ethnicity.pick(r),
      religion: o.religion.pick(r),
      createdAt,
    });
    this.documentsOf(sink, p, h, bornHere, createdAt);
  }

  /** Given name, father's name and family name in Arabic script, when each part has one. */
  private arabicName(p: Person): string | null {
    const { speller } = this.deps;
    const given = speller.arabicOf(p.given);
    if (!given) return null;
    const father = speller.arabicOf(p.father);
    const family = p.family ? speller.arabicOf(p.family) : undefined;
    if (p.family && !family) return null;
    return [given, father, family].filter(Boolean).join(' ');
  }

  /**
   * The date of birth with its precision. Many people know only their year, stored as 1 January
   * (precision `year`); even "exact" dates are often 1 January, as registered on arrival. Children
   * born in the host country have exact dates from their birth certificates.
   */
  private birthDate(
    birthDay: number,
    bornHere: boolean,
  ): { dateOfBirth: string | null; precision: string | null } {
    const r = this.random;
    const precision = bornHere
      ? r.chance(0.96)
        ? BirthDatePrecision.Exact
        : BirthDatePrecision.Year
      : PRECISION.pick(r);
    if (precision === null) return { dateOfBirth: null, precision: null };
    const firstOfYear = isoDate(firstDayOfYear(yearOfDay(birthDay)));
    if (precision === BirthDatePrecision.Year) return { dateOfBirth: firstOfYear, precision };
    if (precision === BirthDatePrecision.Estimated)
      return { dateOfBirth: r.chance(0.5) ? firstOfYear : isoDate(birthDay), precision };
    return { dateOfBirth: !bornHere && r.chance(0.08) ? firstOfYear : isoDate(birthDay), precision };
  }

  /** Specific needs at rates like those protection screenings find. */
  private vulnerabilities(p: Person, h: HouseholdFacts): void {
    const r = this.random;
    const v = p.vulnerabilities;
    const child = p.age < 18;
    const woman = p.sex === 'female' && !child;
    const add = (vulnerability: Vulnerability, probability: number) => {
      if (r.chance(probability)) v.push(vulnerability);
    };
    add(Vulnerability.Disability, p.age >= 60 ? 0.12 : 0.035);
    add(Vulnerability.ChronicIllness, p.age >= 50 ? 0.25 : child ? 0.02 : 0.07);
    add(Vulnerability.SeriousMedicalCondition, 0.015);
    if (!child) add(Vulnerability.MentalHealthCondition, 0.03);
    if (p.age >= 60) add(Vulnerability.OlderPersonAtRisk, 0.3);
    if (woman && p.age <= 45) add(Vulnerability.PregnantOrLactating, 0.09);
    if (p.role === 'head' && h.singleParent) add(Vulnerability.SingleParent, 0.85);
    if (woman) add(Vulnerability.WomanAtRisk, p.role === 'head' && h.singleParent ? 0.15 : 0.02);
    add(Vulnerability.SurvivorOfViolence, woman ? 0.03 : 0.008);
    if (child) {
      add(Vulnerability.ChildAtRisk, 0.02);
      if (p.age >= 10) add(Vulnerability.ChildLabour, 0.04);
      if (p.age >= 13 && p.sex === 'female') add(Vulnerability.EarlyMarriage, 0.015);
      if (p.role === 'head') v.push(Vulnerability.UnaccompaniedChild);
      if (p.role === 'relative' || p.role === 'unrelated') add(Vulnerability.SeparatedChild, 0.3);
    }
    add(Vulnerability.LegalProtectionNeed, h.legalStatus === LegalStatus.Undocumented ? 0.4 : 0.03);
  }

  private healthConditions(p: Person): string | null {
    const medical = p.vulnerabilities.some(
      (v) =>
        v === Vulnerability.ChronicIllness ||
        v === Vulnerability.SeriousMedicalCondition ||
        v === Vulnerability.Disability,
    );
    return medical && this.random.chance(0.6) ? this.random.pick(HEALTH_CONDITIONS) : null;
  }

  private protectionConcerns(p: Person): string | null {
    const atRisk = p.vulnerabilities.some(
      (v) =>
        v === Vulnerability.SurvivorOfViolence ||
        v === Vulnerability.WomanAtRisk ||
        v === Vulnerability.ChildAtRisk ||
        v === Vulnerability.EarlyMarriage,
    );
    return atRisk && this.random.chance(0.5) ? this.random.pick(PROTECTION_CONCERNS) : null;
  }

  /** Mobile numbers in E.164: adults mostly have one, spouses sometimes give the head's. */
  private phones(p: Person, h: HouseholdFacts): string[] {
    const r = this.random;
    const own =
      p.role === 'head'
        ? r.chance(0.96)
        : p.age >= 18
          ? r.chance(p.role === 'spouse' ? 0.45 : 0.6)
          : p.age >= 14 && r.chance(0.25);
    const phones: string[] = [];
    if (own) {
      phones.push(this.phoneNumber(h.place.country));
      if (p.role === 'head' && r.chance(0.12)) phones.push(this.phoneNumber(h.place.country));
    }
    if (p.role === 'head') h.headPhone = phones[0] ?? null;
    else if (p.role === 'spouse' && h.headPhone && !own && r.chance(0.3)) phones.push(h.headPhone);
    return [...new Set(phones)];
  }

  private phoneNumber(country: 'TR' | 'DE'): string {
    const r = this.random;
    const digits = (n: number) => String(r.int(0, 10 ** n - 1)).padStart(n, '0');
    if (country === 'TR') return `+90${r.pick(TR_MOBILE_PREFIXES)}${digits(7)}`;
    return r.chance(0.6)
      ? `+49${r.pick(DE_MOBILE_PREFIXES)}${digits(7)}`
      : `+49${r.pick(DE_MOBILE_PREFIXES_LONG)}${digits(8)}`;
  }

  // --- documents, consents --------------------------------------------------------------------------

  private documentsOf(
    sink: RowSink,
    p: Person,
    h: HouseholdFacts,
    bornHere: boolean,
    createdAt: string,
  ): void {
    const r = this.random;
    const nat = h.nationality.code;
    const issuedAfter = bornHere ? p.birthDay : (h.arrivalDay ?? p.birthDay);
    const add = (
      type: DocumentType,
      issuingCountry: string | null,
      issuedOn: number | null,
      expiresOn: number | null,
    ) => {
      const number = this.deps.documents.draw(type, r);
      if (number === null) return;
      const row: DocumentRow = {
        id: this.deps.ids.uuid(),
        beneficiaryId: p.id,
        type,
        number,
        issuingCountry,
        issuedOn: issuedOn === null ? null : isoDate(Math.min(issuedOn, this.lastDay)),
        expiresOn: expiresOn === null ? null : isoDate(expiresOn),
        createdByUserId: h.registrar.id,
        createdAt,
      };
      sink.document(row);
    };
    const hostIssue = () => Math.min(this.lastDay, issuedAfter + r.int(10, 300));
    const babyWithoutPapers = p.age < 1 && r.chance(0.5);

    if (h.place.country === 'TR') {
      if (nat === 'TR') {
        if (r.chance(0.98)) add(DocumentType.TrCitizenId, 'TR', null, null);
      } else if (YKN_STATUSES.has(h.legalStatus) && !babyWithoutPapers && r.chance(0.97)) {
        add(DocumentType.TrForeignerId, 'TR', hostIssue(), null);
      }
    } else if (nat === 'DE') {
      if (p.age >= 16 && r.chance(0.6)) add(DocumentType.NationalId, 'DE', null, null);
    } else {
      if (BAMF_STATUSES.has(h.legalStatus) && r.chance(0.9))
        add(DocumentType.BamfFileNumber, 'DE', hostIssue(), null);
      if (h.legalStatus === LegalStatus.AsylumSeeker && r.chance(0.5))
        add(DocumentType.ArrivalCertificate, 'DE', hostIssue(), null);
      if (
        (h.legalStatus === LegalStatus.RecognisedRefugee ||
          h.legalStatus === LegalStatus.SubsidiaryProtection ||
          h.legalStatus === LegalStatus.HumanitarianResidence ||
          h.legalStatus === LegalStatus.ResidencePermit) &&
        r.chance(0.8)
      ) {
        const issued = hostIssue();
        add(DocumentType.ResidencePermit, 'DE', issued, issued + r.int(1, 3) * 365);
      }
    }
    if (nat !== 'TR' && nat !== 'DE' && p.age >= 1) {
      if (r.chance(PASSPORT_SHARE[nat] ?? 0.05)) {
        const issued = Math.max(p.birthDay, (h.arrivalDay ?? this.lastDay) - r.int(100, 2500));
        const validYears = nat === 'SY' ? 2 : p.age < 18 ? 5 : 10;
        add(DocumentType.Passport, nat === 'XX' ? null : nat, issued, issued + validYears * 365);
      }
      if (nat === 'SY' && p.age >= 14 && r.chance(0.08)) add(DocumentType.NationalId, 'SY', null, null);
      if (r.chance(UNHCR_SHARE[nat] ?? 0)) {
        add(DocumentType.UnhcrIndividualNumber, null, hostIssue(), null);
        if (p.role === 'head' && r.chance(0.5)) add(DocumentType.UnhcrCaseNumber, null, hostIssue(), null);
      }
    }
  }

  private consents(sink: RowSink, beneficiaryId: string, day: number, h: HouseholdFacts): void {
    const r = this.random;
    const partners = this.deps.context.partnerOrganisationIds;
    const recordedAt = isoTimestamp(day, r.int(9 * 3600, 17 * 3600));
    const consent = (
      purpose: ConsentPurpose,
      scope: readonly ConsentScope[],
      decision: ConsentDecision,
      recipient: string | null,
      validDays: number | null,
    ) => {
      const withdrawn = decision === ConsentDecision.Given && r.chance(0.03) && day < this.lastDay;
      const withdrawnDay = withdrawn ? r.int(day + 1, this.lastDay) : 0;
      sink.consent({
        id: this.deps.ids.uuid(),
        beneficiaryId,
        purpose,
        recipientOrganisationId: recipient,
        scope,
        decision,
        decidedOn: isoDate(day),
        expiresOn: validDays === null ? null : isoDate(day + validDays),
        reference: r.chance(0.4) ? `FORM-${r.int(10000, 99999)}` : null,
        recordedByUserId: h.registrar.id,
        recordedAt,
        withdrawnAt: withdrawn ? isoTimestamp(withdrawnDay, r.int(9 * 3600, 17 * 3600)) : null,
        withdrawnByUserId: withdrawn ? h.registrar.id : null,
        withdrawalReason: withdrawn ? r.pick(WITHDRAWAL_REASONS) : null,
      });
    };
    const assistance = r.next();
    if (assistance < 0.93) {
      consent(
        ConsentPurpose.Assistance,
        [ConsentScope.Identity, ConsentScope.Contact, ConsentScope.Household],
        ConsentDecision.Given,
        null,
        null,
      );
    } else if (assistance < 0.95) {
      consent(ConsentPurpose.Assistance, [ConsentScope.Identity], ConsentDecision.Refused, null, null);
    }
    if (r.chance(0.3))
      consent(ConsentPurpose.Contact, [ConsentScope.Contact], ConsentDecision.Given, null, null);
    if (partners.length && r.chance(0.08)) {
      consent(
        ConsentPurpose.DataSharing,
        [ConsentScope.Identity, ConsentScope.CaseSummary],
        r.chance(0.9) ? ConsentDecision.Given : ConsentDecision.Refused,
        r.pick(partners),
        r.pick([365, 730]),
      );
    }
    if (partners.length && r.chance(0.05)) {
      consent(
        ConsentPurpose.Referral,
        [ConsentScope.Identity, ConsentScope.Contact, ConsentScope.CaseSummary],
        ConsentDecision.Given,
        r.pick(partners),
        365,
      );
    }
  }

  // --- cases and services ---------------------------------------------------------------------------

  private casesAndServices(
    sink: RowSink,
    people: Person[],
    h: HouseholdFacts,
    adults: { id: string; fromDay: number }[],
  ): void {
    const r = this.random;
    const members = people.map((p) => p.id);
    if (people.length > 1 && r.chance(0.08)) {
      this.cases.generate(
        sink,
        { beneficiaryId: null, householdId: h.id, recipients: members, fromDay: h.registeredDay },
        r.chance(0.7) ? CaseType.SocioEconomic : CaseType.Housing,
        h.singleParent,
      );
    }
    for (const p of people) {
      const vulnerable = p.vulnerabilities.length > 0;
      let probability = p.age >= 18 ? 0.11 : 0.05;
      if (vulnerable) probability += 0.25;
      if (!r.chance(probability)) continue;
      const fromDay = Math.max(h.registeredDay, Math.min(this.lastDay, p.birthDay + 7));
      const types = new Set<CaseType>();
      const count = r.chance(0.12) ? 2 : 1;
      for (let i = 0; i < count; i++) {
        const type = this.cases.typeFor(p.vulnerabilities, types);
        if (!type) break;
        types.add(type);
        this.cases.generate(
          sink,
          { beneficiaryId: p.id, householdId: null, recipients: [p.id], fromDay },
          type,
          vulnerable,
        );
      }
    }
    // Aid and courses outside cases, mostly to the head of the household.
    if (r.chance(0.35)) {
      const recipient = adults.length ? adults[0] : { id: members[0], fromDay: h.registeredDay };
      this.cases.deliverWithoutCase(sink, recipient.id, recipient.fromDay, r.int(1, 4));
    }
  }

  private arrivalDay(n: Nationality): number | null {
    const r = this.random;
    const years = this.arrivalYears.get(n.code);
    if (!years) return null;
    const year = years.pick(r);
    return Math.min(this.lastDay - 10, firstDayOfYear(year) + r.int(0, 364));
  }
}

const RELATIONSHIP: Readonly<Record<Role, HouseholdRelationship>> = {
  head: HouseholdRelationship.Head,
  spouse: HouseholdRelationship.Spouse,
  child: HouseholdRelationship.Child,
  parent: HouseholdRelationship.Parent,
  sibling: HouseholdRelationship.Sibling,
  grandchild: HouseholdRelationship.Grandchild,
  relative: HouseholdRelationship.OtherRelative,
  unrelated: HouseholdRelationship.NonRelative,
};
