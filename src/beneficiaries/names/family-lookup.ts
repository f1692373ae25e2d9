/**
 * Which spelling family a canonical token belongs to. Built once from name-families.ts, through the
 * same folding and compound rules as the names themselves, so a table entry and a registered name
 * always meet.
 */
import { arabicExactForm, joinArabicTokens } from './arabic';
import { canonicalLatinWord, joinLatinTokens } from './compounds';
import { foldToTokens, loose } from './fold';
import { NAME_FAMILIES, type NameFamily } from './name-families';

function singleWord(words: readonly string[], family: NameFamily, spelling: string): string {
  if (words.length !== 1) {
    throw new Error(`Name family "${family.canonical}": "${spelling}" is not a single name token`);
  }
  return words[0];
}

function add(map: Map<string, string>, key: string, family: NameFamily, spelling: string): void {
  const existing = map.get(key);
  if (existing !== undefined && existing !== family.canonical) {
    throw new Error(
      `Name families "${existing}" and "${family.canonical}" both claim "${spelling}" (${key})`,
    );
  }
  map.set(key, family.canonical);
}

/** Loose Latin form -> family; Arabic exact form -> family. */
function build(families: readonly NameFamily[]): { latin: Map<string, string>; arabic: Map<string, string> } {
  const latin = new Map<string, string>();
  const arabic = new Map<string, string>();
  for (const family of families) {
    for (const spelling of [family.canonical, ...family.variants]) {
      const raw = foldToTokens(spelling);
      if (raw.some((t) => t.script !== 'latin')) {
        throw new Error(`Name family "${family.canonical}": "${spelling}" is not Latin`);
      }
      const word = singleWord(joinLatinTokens(raw.map((t) => t.text)), family, spelling);
      add(latin, loose(canonicalLatinWord(word)), family, spelling);
    }
    for (const spelling of family.arabic ?? []) {
      const raw = foldToTokens(spelling);
      if (raw.some((t) => t.script !== 'arabic')) {
        throw new Error(`Name family "${family.canonical}": "${spelling}" is not in Arabic script`);
      }
      const word = singleWord(joinArabicTokens(raw.map((t) => t.text)), family, spelling);
      add(arabic, arabicExactForm(word), family, spelling);
    }
  }
  return { latin, arabic };
}

const TABLES = build(NAME_FAMILIES);

/** Number of families in the table (for reports and tests). */
export const FAMILY_COUNT = NAME_FAMILIES.length;

/**
 * The family of a canonical Latin token (see compounds.ts), or undefined. Compounds take their
 * family from their named part: Abdülkadir and Abd al-Qadir are both `abdqadir` because Kadir and
 * Qadir are one family; Ebubekir and Abu Bakr are `abubakr`.
 */
export function familyOfLatin(canonical: string): string | undefined {
  const direct = TABLES.latin.get(loose(canonical));
  if (direct !== undefined) return direct;
  const n = canonical.length;
  if (n > 5 && (canonical.startsWith('abd') || canonical.startsWith('abu'))) {
    const named = TABLES.latin.get(loose(canonical.slice(3)));
    if (named !== undefined) return canonical.slice(0, 3) + named;
  }
  if (n > 7 && (canonical.endsWith('addin') || canonical.endsWith('ullah'))) {
    const named = TABLES.latin.get(loose(canonical.slice(0, -5)));
    if (named !== undefined) return named + canonical.slice(-5);
  }
  return undefined;
}

const ARABIC_ARTICLE = 'ال';

function familyOfArabicWord(exact: string): string | undefined {
  return (
    TABLES.arabic.get(exact) ??
    (exact.startsWith(ARABIC_ARTICLE) ? TABLES.arabic.get(exact.slice(2)) : undefined)
  );
}

/** The family of an Arabic exact form (see arabic.ts), compounds as in `familyOfLatin`. */
export function familyOfArabic(exact: string): string | undefined {
  const direct = TABLES.arabic.get(exact);
  if (direct !== undefined) return direct;
  const n = exact.length;
  if (n > 4 && exact.startsWith('عبد')) {
    const named = familyOfArabicWord(exact.slice(3));
    if (named !== undefined) return 'abd' + named;
  }
  if (n > 4 && exact.startsWith('ابو')) {
    const named = familyOfArabicWord(exact.slice(3));
    if (named !== undefined) return 'abu' + named;
  }
  if (n > 6 && exact.endsWith('الدين')) {
    const named = TABLES.arabic.get(exact.slice(0, -5));
    if (named !== undefined) return named + 'addin';
  }
  if (n > 5 && exact.endsWith('الله')) {
    const named = TABLES.arabic.get(exact.slice(0, -4));
    if (named !== undefined) return named + 'ullah';
  }
  return undefined;
}
