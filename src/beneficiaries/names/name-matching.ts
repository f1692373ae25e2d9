/**
 * Pure name matching for beneficiary search and duplicate detection: keys to store and query
 * (keys.ts), and the ranking of candidates (score.ts). No Nest, no database.
 *
 * Names are transliterated from Arabic, Persian or Kurdish by different people into Turkish,
 * German, English or French spelling, and sometimes written in Arabic script (DOMAIN.md, "Names").
 * A token matches another at one of three strengths: exact after normalisation, through a
 * spelling family (name-families.ts), or through the consonant skeleton shared by both scripts
 * (skeleton.ts, arabic.ts).
 */
export type { NameMatch, NameMatchReason, NameQuery, PersonName, QueryToken } from './types';
export {
  EXACT_KEY_PREFIX,
  FAMILY_KEY_PREFIX,
  keyStrength,
  MAX_QUERY_TOKENS,
  nameKeysOf,
  parseNameQuery,
  SKELETON_KEY_PREFIX,
  strongestKey,
} from './keys';
export { scoreNameMatch } from './score';
export { NAME_FAMILIES, type NameFamily } from './name-families';
