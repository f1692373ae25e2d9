/**
 * Precise ranking of the candidates that the key lookup found. Deterministic, and consistent with
 * the SQL filter: a name gets a score exactly when every query token shares a key with one of its
 * tokens.
 *
 * How a score is made:
 * 1. Each query token is compared with each token of the name: same exact key 1.0; same family
 *    0.88-0.92 (Jaro-Winkler on the canonical forms decides within the band, so "Mohamed" is
 *    nearer "Mohammed" than "Mehmet" is); only a shared skeleton 0.45-0.80 (Jaro-Winkler again,
 *    minus 0.1 when both tokens are in different known families: Mohammed ~ Mahmoud).
 * 2. That is weighted by where the name token sits: given or family name 1.0, the Arabic-script
 *    name 0.98, father's or mother's name 0.75.
 * 3. Query tokens are assigned to distinct name tokens so that the sum is highest (a name token
 *    used twice counts half).
 * 4. score = mean over query tokens x (0.9 + 0.1 x coverage) x order, where coverage is the share
 *    of the name's given+family tokens (or of its Arabic-script tokens) that were matched, so that
 *    matching more of the name ranks higher, and order is 0.97 when given and family name are
 *    swapped, 0.99 when tokens are otherwise out of order.
 */
import { jaroWinkler } from '@skyra/jaro-winkler';

import {
  EXACT_KEY_PREFIX,
  FAMILY_KEY_PREFIX,
  type NameToken,
  nameTokensOf,
  SKELETON_KEY_PREFIX,
} from './keys';
import type { NameScript } from './normalise';
import type { NameMatch, NameMatchReason, NameQuery, PersonName, QueryToken } from './types';

type Role = 'given' | 'family' | 'father' | 'mother' | 'arabic';
type Strength = 'exact' | 'variant' | 'phonetic';

const ROLE_WEIGHT: Readonly<Record<Role, number>> = {
  given: 1,
  family: 1,
  arabic: 0.98,
  father: 0.75,
  mother: 0.75,
};
const REUSE_FACTOR = 0.5;
const SWAPPED_FACTOR = 0.97;
const OUT_OF_ORDER_FACTOR = 0.99;
const OPTIONS_PER_TOKEN = 5;

const REASON_ORDER: readonly NameMatchReason[] = [
  'name_exact',
  'name_variant',
  'name_phonetic',
  'names_swapped',
  'arabic_script',
  'father_name',
];

interface QueryInfo {
  text: string;
  script: NameScript;
  exactKey: string | undefined;
  familyKey: string | undefined;
  skeletonKeys: ReadonlySet<string>;
}

interface NamePoolToken {
  token: NameToken;
  role: Role;
  /** Order among the given+family tokens, or among the Arabic-script tokens. */
  position: number;
}

interface Option {
  index: number;
  value: number;
  strength: Strength;
}

const ARABIC_CHAR = /[\u0600-\u06ff\u0750-\u077f]/;
const LATIN_WORD = /^[a-z]+$/;

const queryInfoCache = new WeakMap<QueryToken, QueryInfo>();

function queryInfo(token: QueryToken): QueryInfo {
  const cached = queryInfoCache.get(token);
  if (cached !== undefined) return cached;
  const info: QueryInfo = {
    text: token.text,
    script: LATIN_WORD.test(token.text) ? 'latin' : ARABIC_CHAR.test(token.text) ? 'arabic' : 'other',
    exactKey: token.keys.find((k) => k.startsWith(EXACT_KEY_PREFIX)),
    familyKey: token.keys.find((k) => k.startsWith(FAMILY_KEY_PREFIX)),
    skeletonKeys: new Set(token.keys.filter((k) => k.startsWith(SKELETON_KEY_PREFIX))),
  };
  queryInfoCache.set(token, info);
  return info;
}

function namePool(name: PersonName): NamePoolToken[] {
  const pool: NamePoolToken[] = [];
  let primary = 0;
  const add = (part: string | null | undefined, role: Role): void => {
    if (!part) return;
    let position = role === 'given' || role === 'family' ? primary : 0;
    for (const token of nameTokensOf(part)) {
      pool.push({ token, role, position: position++ });
    }
    if (role === 'given' || role === 'family') primary = position;
  };
  add(name.givenName, 'given');
  add(name.familyName, 'family');
  add(name.fatherName, 'father');
  add(name.motherName, 'mother');
  add(name.nameArabic, 'arabic');
  return pool;
}

function sharesSkeleton(q: QueryInfo, t: NameToken): boolean {
  for (const key of t.skeletonKeys) if (q.skeletonKeys.has(key)) return true;
  return false;
}

function similarity(q: QueryInfo, t: NameToken): number | undefined {
  return q.script === t.script && q.script !== 'other' ? jaroWinkler(q.text, t.text) : undefined;
}

function compare(q: QueryInfo, t: NameToken): { value: number; strength: Strength } | undefined {
  if (q.exactKey !== undefined && q.exactKey === t.exactKey) return { value: 1, strength: 'exact' };
  if (q.familyKey !== undefined && q.familyKey === t.familyKey) {
    const jw = similarity(q, t);
    return { value: jw === undefined ? 0.9 : 0.88 + 0.04 * jw, strength: 'variant' };
  }
  if (sharesSkeleton(q, t)) {
    const jw = similarity(q, t);
    let value = jw === undefined ? 0.7 : 0.55 + 0.25 * jw;
    if (q.familyKey !== undefined && t.familyKey !== undefined) value -= 0.1;
    return { value, strength: 'phonetic' };
  }
  return undefined;
}

/** Best assignment of query tokens to name tokens (depth-first; a handful of tokens each). */
function bestAssignment(options: readonly Option[][], poolSize: number): Option[] {
  const uses = new Uint8Array(poolSize);
  const current: Option[] = [];
  let best: Option[] = [];
  let bestTotal = -1;
  const visit = (i: number, total: number): void => {
    if (i === options.length) {
      // Strictly greater: among equal totals the first found (best options first) wins.
      if (total > bestTotal + 1e-12) {
        bestTotal = total;
        best = [...current];
      }
      return;
    }
    for (const option of options[i]) {
      const value = uses[option.index] > 0 ? option.value * REUSE_FACTOR : option.value;
      uses[option.index]++;
      current.push({ ...option, value });
      visit(i + 1, total + value);
      current.pop();
      uses[option.index]--;
    }
  };
  visit(0, 0);
  return best;
}

/** Scores one stored name against the query; null if some query token matches no part of the name. */
export function scoreNameMatch(query: NameQuery, name: PersonName): NameMatch | null {
  if (query.tokens.length === 0) return null;
  const pool = namePool(name);
  const options: Option[][] = [];
  for (const token of query.tokens) {
    const q = queryInfo(token);
    const found: Option[] = [];
    pool.forEach((entry, index) => {
      const match = compare(q, entry.token);
      if (match !== undefined) {
        found.push({ index, value: match.value * ROLE_WEIGHT[entry.role], strength: match.strength });
      }
    });
    if (found.length === 0) return null;
    found.sort((a, b) => b.value - a.value || a.index - b.index);
    options.push(found.slice(0, OPTIONS_PER_TOKEN));
  }
  const assignment = bestAssignment(options, pool.length);

  const reasons = new Set<NameMatchReason>();
  let total = 0;
  const matchedPrimary = new Set<number>();
  const matchedArabic = new Set<number>();
  for (let i = 0; i < assignment.length; i++) {
    const option = assignment[i];
    const entry = pool[option.index];
    total += option.value;
    reasons.add(
      option.strength === 'exact'
        ? 'name_exact'
        : option.strength === 'variant'
          ? 'name_variant'
          : 'name_phonetic',
    );
    if (
      entry.role === 'arabic' ||
      entry.token.script === 'arabic' ||
      queryInfo(query.tokens[i]).script === 'arabic'
    ) {
      reasons.add('arabic_script');
    }
    if (entry.role === 'father' || entry.role === 'mother') reasons.add('father_name');
    if (entry.role === 'given' || entry.role === 'family') matchedPrimary.add(option.index);
    if (entry.role === 'arabic') matchedArabic.add(option.index);
  }

  const primaryCount = pool.filter((e) => e.role === 'given' || e.role === 'family').length;
  const arabicCount = pool.filter((e) => e.role === 'arabic').length;
  const coverage = Math.max(
    primaryCount === 0 ? 0 : matchedPrimary.size / primaryCount,
    arabicCount === 0 ? 0 : matchedArabic.size / arabicCount,
  );

  const order = orderOf(assignment.map((o) => pool[o.index]));
  if (order === 'swapped') reasons.add('names_swapped');
  const orderFactor =
    order === 'swapped' ? SWAPPED_FACTOR : order === 'out_of_order' ? OUT_OF_ORDER_FACTOR : 1;

  const mean = total / assignment.length;
  const score = Math.min(1, Math.max(0, mean * (0.9 + 0.1 * coverage) * orderFactor));
  return {
    score: Math.round(score * 1e6) / 1e6,
    reasons: REASON_ORDER.filter((r) => reasons.has(r)),
  };
}

/**
 * Whether the matched name tokens, taken in query order, run backwards: a family-name token before
 * a given-name token is a swap ("Hasan Muhammad" for Muhammad Hasan); any other inversion (within
 * the given names, or in the Arabic-script name) is only out of order.
 */
function orderOf(matched: readonly NamePoolToken[]): 'in_order' | 'swapped' | 'out_of_order' {
  let result: 'in_order' | 'swapped' | 'out_of_order' = 'in_order';
  for (let i = 0; i < matched.length; i++) {
    for (let j = i + 1; j < matched.length; j++) {
      const a = matched[i];
      const b = matched[j];
      if (a.role === 'family' && b.role === 'given') return 'swapped';
      const comparable =
        (a.role === b.role ||
          ((a.role === 'given' || a.role === 'family') && (b.role === 'given' || b.role === 'family'))) &&
        a.role !== 'father' &&
        a.role !== 'mother';
      if (comparable && a.position > b.position) {
        if (a.role === 'arabic') return 'swapped';
        result = 'out_of_order';
      }
    }
  }
  return result;
}
