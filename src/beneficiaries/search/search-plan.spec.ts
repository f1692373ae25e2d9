import { randomDocumentNumber } from '../documents/document-number';
import { DocumentType } from '../documents/document-type';
import {
  birthDateBounds,
  type Candidate,
  isEmptyPlan,
  nextDay,
  planSearch,
  rankCandidates,
  rankedAfter,
} from './search-plan';

const person = (
  id: string,
  givenName: string,
  familyName: string | null,
  extra: Partial<Candidate> = {},
) => ({
  id,
  givenName,
  familyName,
  fatherName: null,
  motherName: null,
  nameArabic: null,
  documentHit: false,
  phoneHit: false,
  ...extra,
});

describe('planSearch', () => {
  it('reads a spaced foreigner identity number as a document number', () => {
    const number = randomDocumentNumber(DocumentType.TrForeignerId, () => 0.42);
    const plan = planSearch(`${number.slice(0, 2)} ${number.slice(2, 6)} ${number.slice(6)}`);
    expect(plan.documentNumbers).toContain(number);
    expect(plan.name).toBeNull();
  });

  it('reads a national Turkish mobile number as a phone number', () => {
    expect(planSearch('0532 123 45 67').phone).toBe('+905321234567');
  });

  it('reads letters as a name and not as a document or phone number', () => {
    const plan = planSearch('Mohammed Al-Hassan');
    expect(plan.name).not.toBeNull();
    expect(plan.documentNumbers).toEqual([]);
    expect(plan.phone).toBeNull();
  });

  it('finds nothing to search for in punctuation', () => {
    expect(isEmptyPlan(planSearch('--- ...'))).toBe(true);
  });
});

describe('rankCandidates', () => {
  it('puts a document-number match first and says why', () => {
    const plan = planSearch('Mohammed Hasan');
    const ranked = rankCandidates(plan, [
      person('b', 'Mohammed', 'Hasan'),
      person('a', 'Someone', 'Else', { documentHit: true }),
    ]);
    expect(ranked[0]).toMatchObject({ row: { id: 'a' }, score: 1, reasons: ['document_number'] });
    expect(ranked[1].row.id).toBe('b');
  });

  it('drops candidates that match no way at all', () => {
    const plan = planSearch('Mohammed Hasan');
    expect(rankCandidates(plan, [person('a', 'Ahmad', 'Karimi')])).toEqual([]);
  });

  it('orders equal scores by id, so that pages are stable', () => {
    const plan = planSearch('0532 123 45 67');
    const ranked = rankCandidates(plan, [
      person('c', 'X', null, { phoneHit: true }),
      person('a', 'Y', null, { phoneHit: true }),
      person('b', 'Z', null, { phoneHit: true }),
    ]);
    expect(ranked.map((r) => r.row.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('rankedAfter', () => {
  const ranked = [
    { row: person('a', 'A', null), score: 0.9, reasons: ['x'] },
    { row: person('b', 'B', null), score: 0.9, reasons: ['x'] },
    { row: person('c', 'C', null), score: 0.5, reasons: ['x'] },
  ];

  it('starts at the beginning without a position', () => {
    expect(rankedAfter(ranked, undefined)).toBe(ranked);
  });

  it('continues after an item of equal score by id', () => {
    expect(rankedAfter(ranked, [0.9, 'a']).map((r) => r.row.id)).toEqual(['b', 'c']);
  });

  it('continues at a lower score', () => {
    expect(rankedAfter(ranked, [0.9, 'b']).map((r) => r.row.id)).toEqual(['c']);
  });

  it('is empty after the last item', () => {
    expect(rankedAfter(ranked, [0.5, 'c'])).toEqual([]);
  });
});

describe('birthDateBounds', () => {
  it('turns an age range into birth-date bounds', () => {
    expect(birthDateBounds(18, 30, '2026-06-15')).toEqual({
      bornOnOrBefore: '2008-06-15',
      bornAfter: '1995-06-15',
    });
  });

  it('leaves out the bounds not asked for', () => {
    expect(birthDateBounds(undefined, undefined, '2026-06-15')).toEqual({
      bornOnOrBefore: undefined,
      bornAfter: undefined,
    });
  });

  it('moves 29 February to 28 February in a common year', () => {
    expect(birthDateBounds(1, 1, '2024-02-29')).toEqual({
      bornOnOrBefore: '2023-02-28',
      bornAfter: '2022-02-28',
    });
  });

  it('keeps 29 February in a leap year', () => {
    expect(birthDateBounds(4, undefined, '2024-02-29').bornOnOrBefore).toBe('2020-02-29');
  });
});

describe('nextDay', () => {
  it.each([
    ['2024-02-28', '2024-02-29'],
    ['2023-02-28', '2023-03-01'],
    ['2025-12-31', '2026-01-01'],
  ])('follows %s with %s', (day, next) => {
    expect(nextDay(day)).toBe(next);
  });
});
