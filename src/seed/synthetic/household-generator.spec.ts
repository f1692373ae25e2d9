import { BirthDatePrecision, HouseholdRelationship } from '../../beneficiaries/beneficiary-codes';
import { documentNumberProblem } from '../../beneficiaries/documents/document-number';
import { DocumentType } from '../../beneficiaries/documents/document-type';
import { NAME_FAMILIES } from '../../beneficiaries/names/name-families';
import { nameKeysOf } from '../../beneficiaries/names/name-matching';
import { CaseStatus } from '../../cases/case-codes';
import { isAllowedTransition } from '../../cases/case-status';
import { isE164Phone, isLanguageCode, isNationality } from '../../common/validation/field-rules';
import { dayFromIso } from './dates';
import { DocumentRegistry } from './document-registry';
import { HouseholdGenerator } from './household-generator';
import { Random } from './random';
import { SeedContext, SeedUser } from './seed-context';
import { NameSpeller } from './speller';
import {
  AssignmentRow,
  BeneficiaryRow,
  CaseRow,
  ConsentRow,
  DeliveryRow,
  DocumentRow,
  FollowUpRow,
  HouseholdRow,
  MembershipRow,
  NoteRow,
  RowSink,
  StatusChangeRow,
} from './tables';

class CollectingSink implements RowSink {
  households: HouseholdRow[] = [];
  beneficiaries: BeneficiaryRow[] = [];
  memberships: MembershipRow[] = [];
  documents: DocumentRow[] = [];
  consents: ConsentRow[] = [];
  cases: CaseRow[] = [];
  statusChanges: StatusChangeRow[] = [];
  assignments: AssignmentRow[] = [];
  notes: NoteRow[] = [];
  followUps: FollowUpRow[] = [];
  deliveries: DeliveryRow[] = [];
  household = (r: HouseholdRow) => void this.households.push(r);
  beneficiary = (r: BeneficiaryRow) => void this.beneficiaries.push(r);
  membership = (r: MembershipRow) => void this.memberships.push(r);
  document = (r: DocumentRow) => void this.documents.push(r);
  consent = (r: ConsentRow) => void this.consents.push(r);
  caseFile = (r: CaseRow) => void this.cases.push(r);
  statusChange = (r: StatusChangeRow) => void this.statusChanges.push(r);
  assignment = (r: AssignmentRow) => void this.assignments.push(r);
  note = (r: NoteRow) => void this.notes.push(r);
  followUp = (r: FollowUpRow) => void this.followUps.push(r);
  delivery = (r: DeliveryRow) => void this.deliveries.push(r);
}

const AS_OF = '2026-05-01';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const user = (n: number, role: string, unitIds: string[]): SeedUser => ({
  id: id(n),
  username: `user${n}`,
  role,
  unitIds,
});

function context(): SeedContext {
  const protection = id(10);
  const aid = id(11);
  const supervisor = user(1, 'supervisor', [protection]);
  const caseworkers = [user(2, 'caseworker', [protection]), user(3, 'caseworker', [protection])];
  const officer = user(4, 'distribution_officer', [aid]);
  return {
    organisationId: id(0),
    units: [
      {
        id: protection,
        name: 'Protection',
        staff: [supervisor, ...caseworkers],
        caseStaff: [supervisor, ...caseworkers],
        supervisors: [supervisor],
        serviceTypes: [{ id: id(20), name: 'Protection counselling session' }],
      },
      {
        id: aid,
        name: 'Humanitarian aid',
        staff: [officer],
        caseStaff: [],
        supervisors: [],
        serviceTypes: [
          { id: id(21), name: 'Food parcel' },
          { id: id(22), name: 'Hygiene kit' },
        ],
      },
    ],
    users: [supervisor, ...caseworkers, officer],
    supervisors: [supervisor],
    partnerOrganisationIds: [id(99)],
    asOfDay: dayFromIso(AS_OF),
  };
}

function generate(seed: string, people: number): CollectingSink {
  const generator = new HouseholdGenerator({
    context: context(),
    random: Random.derive(seed, 'data'),
    ids: Random.derive(seed, 'ids'),
    speller: new NameSpeller(NAME_FAMILIES),
    nameKeys: nameKeysOf,
    documents: new DocumentRegistry(),
  });
  const sink = new CollectingSink();
  let done = 0;
  while (done < people) done += generator.generate(sink, people - done);
  return sink;
}

describe(HouseholdGenerator.name, () => {
  const sink = generate('spec', 4000);

  it('generates exactly the number of people asked for', () => {
    expect(sink.beneficiaries).toHaveLength(4000);
    expect(sink.memberships).toHaveLength(4000);
  });

  it('gives every household exactly one head', () => {
    const heads = new Map<string, number>();
    for (const m of sink.memberships) {
      if (m.relationship === (HouseholdRelationship.Head as string))
        heads.set(m.householdId, (heads.get(m.householdId) ?? 0) + 1);
    }
    expect(heads.size).toBe(sink.households.length);
    expect([...heads.values()].every((n) => n === 1)).toBe(true);
  });

  it('makes households of about five people on average, some of one', () => {
    const average = sink.beneficiaries.length / sink.households.length;
    expect(average).toBeGreaterThan(3.8);
    expect(average).toBeLessThan(5.5);
    const sizes = new Map<string, number>();
    for (const m of sink.memberships) sizes.set(m.householdId, (sizes.get(m.householdId) ?? 0) + 1);
    expect([...sizes.values()].filter((n) => n === 1).length).toBeGreaterThan(sink.households.length * 0.05);
  });

  it('issues only valid, unique document numbers, mostly foreigner identity numbers', () => {
    const seen = new Set<string>();
    for (const d of sink.documents) {
      expect(documentNumberProblem(d.type as DocumentType, d.number)).toBeNull();
      const key = `${d.type}:${d.number}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    const ykn = sink.documents.filter((d) => d.type === (DocumentType.TrForeignerId as string));
    expect(ykn.length).toBeGreaterThan(sink.beneficiaries.length * 0.7);
    expect(ykn.every((d) => d.number.startsWith('99'))).toBe(true);
  });

  it('stores the name keys of nameKeysOf', () => {
    for (const b of sink.beneficiaries.slice(0, 500)) {
      expect(b.nameKeys).toEqual(nameKeysOf(b));
    }
  });

  it('spells the same name in several ways, and writes about a third of the names in Arabic script', () => {
    const muhammads = new Set(
      sink.beneficiaries
        .filter((b) =>
          nameKeysOf({
            givenName: b.givenName,
            familyName: null,
            fatherName: null,
            motherName: null,
            nameArabic: null,
          }).includes('f:muhammad'),
        )
        .map((b) => b.givenName),
    );
    expect(muhammads.size).toBeGreaterThan(5);
    const arabic = sink.beneficiaries.filter((b) => b.nameArabic !== null).length / sink.beneficiaries.length;
    expect(arabic).toBeGreaterThan(0.2);
    expect(arabic).toBeLessThan(0.4);
  });

  it('keeps the 1 January habit: year-only dates are 1 January, and many exact ones too', () => {
    const years = sink.beneficiaries.filter(
      (b) => b.birthDatePrecision === (BirthDatePrecision.Year as string),
    );
    expect(years.length).toBeGreaterThan(sink.beneficiaries.length * 0.15);
    expect(years.every((b) => b.dateOfBirth!.endsWith('-01-01'))).toBe(true);
    const firstOfJanuary = sink.beneficiaries.filter((b) => b.dateOfBirth?.endsWith('-01-01')).length;
    expect(firstOfJanuary).toBeGreaterThan(sink.beneficiaries.length * 0.25);
  });

  it('keeps dates consistent: born before arriving, nothing after the as-of date', () => {
    for (const b of sink.beneficiaries) {
      expect((b.dateOfBirth === null) === (b.birthDatePrecision === null)).toBe(true);
      if (b.dateOfBirth) expect(b.dateOfBirth < AS_OF).toBe(true);
      if (b.dateOfBirth && b.arrivalDate) expect(b.arrivalDate >= b.dateOfBirth).toBe(true);
      expect(b.createdAt < AS_OF).toBe(true);
    }
  });

  it('writes valid codes: E.164 phones, nationalities, languages', () => {
    for (const b of sink.beneficiaries) {
      for (const phone of b.phones) expect(isE164Phone(phone)).toBe(true);
      expect(isNationality(b.nationality)).toBe(true);
      for (const language of b.languages) expect(isLanguageCode(language)).toBe(true);
    }
    const nationalities = new Map<string, number>();
    for (const b of sink.beneficiaries)
      nationalities.set(b.nationality!, (nationalities.get(b.nationality!) ?? 0) + 1);
    expect(nationalities.get('SY')! / sink.beneficiaries.length).toBeGreaterThan(0.6);
  });

  it('follows the case transition table in every status history, ending in the case status', () => {
    const histories = new Map<string, StatusChangeRow[]>();
    for (const change of sink.statusChanges)
      histories.set(change.caseId, [...(histories.get(change.caseId) ?? []), change]);
    expect(sink.cases.length).toBeGreaterThan(100);
    for (const c of sink.cases) {
      const history = histories.get(c.id)!;
      expect(history[0]).toMatchObject({ fromStatus: null, toStatus: CaseStatus.Open });
      for (const step of history.slice(1)) {
        expect(isAllowedTransition(step.fromStatus as CaseStatus, step.toStatus as CaseStatus)).toBe(true);
      }
      expect(history[history.length - 1].toStatus).toBe(c.status);
      expect(c.status === (CaseStatus.Closed as string)).toBe(c.closureReason !== null);
      expect(num(c.beneficiaryId) + num(c.householdId)).toBe(1);
    }
  });

  it('marks some notes sensitive and leaves some follow-ups overdue', () => {
    expect(sink.notes.some((n) => n.isSensitive)).toBe(true);
    expect(sink.notes.some((n) => !n.isSensitive)).toBe(true);
    const overdue = sink.followUps.filter((f) => f.completedAt === null && f.dueOn < AS_OF);
    expect(overdue.length).toBeGreaterThan(0);
    expect(sink.deliveries.length).toBeGreaterThan(0);
  });

  it('gives the same rows for the same seed and other rows for another', () => {
    const again = generate('spec', 300);
    const first = sink.beneficiaries.slice(0, 50);
    expect(again.beneficiaries.slice(0, 50)).toEqual(first);
    expect(generate('other', 300).beneficiaries.slice(0, 50)).not.toEqual(first);
  });
});

const num = (value: string | null) => (value === null ? 0 : 1);
