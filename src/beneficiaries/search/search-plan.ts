import { normalisePhoneQuery } from '../../common/validation/field-rules';
import { documentNumberProblem, normaliseDocumentNumber } from '../documents/document-number';
import { DocumentType } from '../documents/document-type';
import { type NameQuery, parseNameQuery, type PersonName, scoreNameMatch } from '../names/name-matching';

/**
 * The pure half of `GET /beneficiaries?q=`: what a query can mean, and how candidates rank. No
 * database here; beneficiary-search.ts turns a plan into SQL.
 */

/** Why a person matched besides their name; the name matcher adds its own reasons. */
export const DOCUMENT_NUMBER_REASON = 'document_number';
export const PHONE_REASON = 'phone';

/** An exact document number is as certain as search gets. */
const DOCUMENT_SCORE = 1;
/** A phone number is shared within families, so it ranks just below a document number. */
const PHONE_SCORE = 0.95;

const DOCUMENT_TYPES = Object.values(DocumentType);

export interface SearchPlan {
  /** Canonical spellings of `q` that are a valid number of at least one document type. */
  documentNumbers: string[];
  /** `q` as an E.164 phone number, when it is one. */
  phone: string | null;
  /** `q` as a name, when it has letters. */
  name: NameQuery | null;
}

/** Every way `q` could find someone; a query may be read several ways at once. */
export function planSearch(q: string): SearchPlan {
  return {
    documentNumbers: /\p{Nd}/u.test(q) ? documentNumbersOf(q) : [],
    phone: normalisePhoneQuery(q),
    name: parseNameQuery(q),
  };
}

export function isEmptyPlan(plan: SearchPlan): boolean {
  return !plan.documentNumbers.length && !plan.phone && !plan.name;
}

function documentNumbersOf(q: string): string[] {
  const numbers = new Set<string>();
  for (const type of DOCUMENT_TYPES) {
    const number = normaliseDocumentNumber(type, q);
    if (documentNumberProblem(type, number) === null) numbers.add(number);
  }
  return [...numbers];
}

/** A candidate row as the search query returns it. */
export interface Candidate extends PersonName {
  id: string;
  familyName: string | null;
  fatherName: string | null;
  motherName: string | null;
  nameArabic: string | null;
  documentHit: boolean;
  phoneHit: boolean;
}

export interface Ranked<T> {
  row: T;
  score: number;
  reasons: string[];
}

/**
 * Scores each candidate and drops those that match no way (the name keys are coarse: the precise
 * matcher may refuse what they let through). Best first; equal scores by id, so that the order,
 * and with it the paging, is stable.
 */
export function rankCandidates<T extends Candidate>(plan: SearchPlan, rows: readonly T[]): Ranked<T>[] {
  const ranked: Ranked<T>[] = [];
  for (const row of rows) {
    const reasons: string[] = [];
    let score = 0;
    if (row.documentHit) {
      reasons.push(DOCUMENT_NUMBER_REASON);
      score = Math.max(score, DOCUMENT_SCORE);
    }
    if (row.phoneHit) {
      reasons.push(PHONE_REASON);
      score = Math.max(score, PHONE_SCORE);
    }
    const byName = plan.name ? scoreNameMatch(plan.name, row) : null;
    if (byName) {
      reasons.push(...byName.reasons);
      score = Math.max(score, byName.score);
    }
    if (reasons.length) ranked.push({ row, score, reasons });
  }
  return ranked.sort(compareRanked);
}

function compareRanked<T extends Candidate>(a: Ranked<T>, b: Ranked<T>): number {
  return b.score - a.score || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0);
}

/** The ranked items after the position `[score, id]` of the previous page's last item. */
export function rankedAfter<T extends Candidate>(
  ranked: readonly Ranked<T>[],
  after: readonly [number, string] | undefined,
): readonly Ranked<T>[] {
  if (!after) return ranked;
  const [score, id] = after;
  const start = ranked.findIndex((r) => r.score < score || (r.score === score && r.row.id > id));
  return start === -1 ? [] : ranked.slice(start);
}

/**
 * Birth-date bounds for an age range on `today` (UTC, `YYYY-MM-DD`), so the filter compares the
 * indexed column with constants: aged at least `ageMin` means born on or before the day `ageMin`
 * years ago; aged at most `ageMax` means born after the day `ageMax + 1` years ago. A 29 February
 * that the target year lacks becomes 28 February.
 */
export function birthDateBounds(
  ageMin: number | undefined,
  ageMax: number | undefined,
  today: string,
): { bornOnOrBefore?: string; bornAfter?: string } {
  return {
    bornOnOrBefore: ageMin === undefined ? undefined : yearsBefore(today, ageMin),
    bornAfter: ageMax === undefined ? undefined : yearsBefore(today, ageMax + 1),
  };
}

function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const dayOfMonth = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

/** The day after a `YYYY-MM-DD` day. */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
