/**
 * Name keys: what is stored in `beneficiaries.name_keys` (text[], GIN index) and what a search
 * token asks for.
 *
 * Every token gives up to three kinds of key, strongest first:
 * - `x:<form>`     the exact canonical form: case, diacritics, Turkish/German letters, articles
 *                  and compound spellings folded (x:hasan, x:abdrahman, x:محمد);
 * - `f:<family>`   the spelling family, when the token is in the table (f:muhammad for Mehmet,
 *                  Mohammed and محمد);
 * - `s:<skeleton>` the consonant skeleton(s), shared by Latin and Arabic script (s:hsn, s:_bdrhmn).
 *
 * Keys carry no position, so a search for "Mohammed Hasan" finds "Hasan Mohammed"; scoring
 * (score.ts) tells the two apart. SQL: for each query token, `name_keys && token.keys`, ANDed over
 * the tokens.
 */
import { arabicSkeletons } from './arabic';
import { familyOfArabic, familyOfLatin } from './family-lookup';
import { canonicalTokens, type CanonicalToken, type NameScript } from './normalise';
import { latinSkeletons } from './skeleton';
import type { NameQuery, PersonName, QueryToken } from './types';

export const EXACT_KEY_PREFIX = 'x:';
export const FAMILY_KEY_PREFIX = 'f:';
export const SKELETON_KEY_PREFIX = 's:';

/** At most this many tokens of a query are used; the rest are ignored. */
export const MAX_QUERY_TOKENS = 6;

/** A canonical token with its keys. */
export interface NameToken {
  readonly text: string;
  readonly script: NameScript;
  /** `x:` key first, then `f:` (if any), then `s:` keys. */
  readonly keys: readonly string[];
  readonly exactKey: string;
  readonly familyKey: string | undefined;
  readonly skeletonKeys: readonly string[];
}

function buildToken(token: CanonicalToken): NameToken {
  let family: string | undefined;
  let skeletons: readonly string[] = [];
  if (token.script === 'latin') {
    family = familyOfLatin(token.text);
    skeletons = latinSkeletons(token.text);
  } else if (token.script === 'arabic') {
    family = familyOfArabic(token.text);
    skeletons = arabicSkeletons(token.arabicWord ?? token.text);
  }
  const exactKey = EXACT_KEY_PREFIX + token.text;
  const familyKey = family === undefined ? undefined : FAMILY_KEY_PREFIX + family;
  const skeletonKeys = skeletons.map((s) => SKELETON_KEY_PREFIX + s);
  const keys = familyKey === undefined ? [exactKey, ...skeletonKeys] : [exactKey, familyKey, ...skeletonKeys];
  return { text: token.text, script: token.script, keys, exactKey, familyKey, skeletonKeys };
}

/**
 * Parsing is pure, and names repeat a lot (a million people share a few thousand name parts and
 * fewer distinct tokens), so parts and tokens are cached. A cache is simply emptied when full:
 * cheap, and bounded.
 */
const MAX_CACHED = 50_000;
const partCache = new Map<string, readonly NameToken[]>();
const tokenCache = new Map<string, NameToken>();

function cachedToken(token: CanonicalToken): NameToken {
  // Latin canonical forms are a-z only, Arabic ones Arabic letters only, other scripts neither: the
  // text alone is a safe key.
  const cached = tokenCache.get(token.text);
  if (cached !== undefined) return cached;
  const built = buildToken(token);
  if (tokenCache.size >= MAX_CACHED) tokenCache.clear();
  tokenCache.set(token.text, built);
  return built;
}

/** The tokens of one name part (given name, family name, ...), with their keys, in order. */
export function nameTokensOf(part: string): readonly NameToken[] {
  const cached = partCache.get(part);
  if (cached !== undefined) return cached;
  const tokens = canonicalTokens(part).map(cachedToken);
  if (partCache.size >= MAX_CACHED) partCache.clear();
  partCache.set(part, tokens);
  return tokens;
}

function partsOf(name: PersonName): string[] {
  const parts: string[] = [];
  for (const part of [name.givenName, name.familyName, name.fatherName, name.motherName, name.nameArabic]) {
    if (part) parts.push(part);
  }
  return parts;
}

/** Every key of every token of every part of the name (deduplicated, sorted). Stored in beneficiaries.name_keys. */
export function nameKeysOf(name: PersonName): string[] {
  const keys: string[] = [];
  for (const part of partsOf(name)) {
    for (const token of nameTokensOf(part)) {
      for (const key of token.keys) keys.push(key);
    }
  }
  // Sorting first makes duplicates adjacent; cheaper than a Set for the ~20 keys of a name.
  keys.sort();
  let n = 0;
  for (let i = 0; i < keys.length; i++) {
    if (i === 0 || keys[i] !== keys[n - 1]) keys[n++] = keys[i];
  }
  keys.length = n;
  return keys;
}

/**
 * The search tokens of a query: Latin, Arabic script or both, any order. Null when q contains no
 * usable name token (only punctuation, digits or one-letter tokens). At most MAX_QUERY_TOKENS tokens.
 * `text` is the canonical form of the token (e.g. "abdrahman" for "Abd al-Rahman").
 */
export function parseNameQuery(q: string): NameQuery | null {
  const tokens: QueryToken[] = canonicalTokens(q)
    .slice(0, MAX_QUERY_TOKENS)
    .map(buildToken)
    .map((t) => ({ text: t.text, keys: [...t.keys] }));
  return tokens.length === 0 ? null : { tokens };
}

/** The strongest key of a query token: its exact key (keys are ordered strongest first). */
export function strongestKey(token: QueryToken): string {
  return token.keys[0];
}

/** 3 for an exact key, 2 for a family key, 1 for a skeleton key: for cheap SQL pre-ranking. */
export function keyStrength(key: string): 1 | 2 | 3 {
  if (key.startsWith(EXACT_KEY_PREFIX)) return 3;
  if (key.startsWith(FAMILY_KEY_PREFIX)) return 2;
  return 1;
}
