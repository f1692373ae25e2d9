import { foldLatinWords, loose } from '../../beneficiaries/names/fold';
import type { NameFamily } from '../../beneficiaries/names/name-families';
import { PoolName } from './name-pools';
import { Random, WeightedTable } from './random';

/**
 * How the Arabic article of a family name ends up in registers: `Al-Hassan`, `Al Hassan`,
 * `Alhassan`, `El-Hassan`, `El Hassan`, or dropped (`Hassan`), as different registrars wrote it.
 */
const ARTICLE_STYLES = new WeightedTable<(root: string) => string>([
  [(root) => `Al-${root}`, 34],
  [(root) => `Al ${root}`, 10],
  [(root) => `Al${root.toLowerCase()}`, 8],
  [(root) => `El-${root}`, 10],
  [(root) => `El ${root}`, 6],
  [(root) => `al-${root}`, 4],
  [(root) => root, 28],
]);

/**
 * "Abd al-X" (servant of X) as registers write it: Abdulrahman, Abdul Rahman, Abd al-Rahman,
 * Abdelrahman, and with the article assimilated before sun letters, Abdurrahman (the Turkish form).
 */
const ABD_STYLES = new WeightedTable<(root: string, sun: boolean) => string>([
  [(root) => `Abdul${root.toLowerCase()}`, 30],
  [(root) => `Abdul ${root}`, 12],
  [(root) => `Abd al-${root}`, 10],
  [(root) => `Abdel${root.toLowerCase()}`, 10],
  [(root) => `Abd El ${root}`, 4],
  [
    (root, sun) => (sun ? `Abdu${root[0].toLowerCase()}${root.toLowerCase()}` : `Abdül${root.toLowerCase()}`),
    10,
  ],
]);

/** "X-ullah" (X of God): Habibullah, Habib Ullah, Habibollah, Habibulla. */
const ULLAH_STYLES = new WeightedTable<(root: string) => string>([
  [(root) => `${root}ullah`, 55],
  [(root) => `${root} Ullah`, 15],
  [(root) => `${root}ollah`, 20],
  [(root) => `${root}ulla`, 10],
]);

const ARTICLE = /^Al-/;
const ABD = /^Abdul(.+)$/;
const ULLAH = /^(.+)ullah$/;
/** Letters before which the Arabic article assimilates (ar-Rahman, as-Salam, at-Tawwab). */
const SUN_LETTERS = /^(t|th|d|dh|r|z|s|sh|l|n)/i;
/** How often a name is registered exactly in its pool spelling; otherwise in a family variant. */
const POOL_SPELLING_SHARE = 0.4;

const capitalise = (name: string) =>
  name.replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase());

/** The key a name is looked up by: folded as search folds it, then loosened like the family table. */
const lookupKey = (name: string) => loose(foldLatinWords(name).join(''));

interface FamilyEntry {
  family: NameFamily;
  spellings: WeightedTable<string>;
}

/**
 * Spells names the way people are registered: a name is drawn from a pool in its common spelling
 * and written either so or in one of its spelling-family variants (src/beneficiaries/names/
 * name-families.ts), as different registrars transliterated it. Compounds (Abdulrahman,
 * Habibullah) and the article of family names vary too. Names without a family keep their spelling.
 */
export class NameSpeller {
  private readonly families = new Map<string, FamilyEntry>();

  constructor(families: readonly NameFamily[]) {
    for (const family of families) {
      const forms = [...new Set([family.canonical, ...family.variants])];
      // Variants are listed roughly from common to rare.
      const spellings = new WeightedTable(
        forms.map((form, i) => [capitalise(form), 1 / Math.sqrt(i + 1)] as const),
      );
      const entry = { family, spellings };
      for (const form of forms) {
        const key = lookupKey(form);
        if (key && !this.families.has(key)) this.families.set(key, entry);
      }
    }
  }

  /** The spelling family a single-word name belongs to, if any. */
  familyOf(name: string): NameFamily | undefined {
    return this.families.get(lookupKey(name))?.family;
  }

  /** One registered spelling of a given name (or of a family name without the article). */
  spell(name: string, random: Random): string {
    const abd = ABD.exec(name);
    if (abd) {
      const root = this.spellWord(abd[1], random);
      return ABD_STYLES.pick(random)(root, SUN_LETTERS.test(root));
    }
    const ullah = ULLAH.exec(name);
    if (ullah && name !== 'Abdullah') {
      return ULLAH_STYLES.pick(random)(this.spellWord(ullah[1], random));
    }
    return this.spellWord(name, random);
  }

  /** One registered spelling of a family name, article included where it has one. */
  spellFamilyName(name: string, random: Random): string {
    if (!ARTICLE.test(name)) return this.spell(name, random);
    return ARTICLE_STYLES.pick(random)(this.spell(name.slice(3), random));
  }

  /** The Arabic-script form: the pool's own, else the spelling family's first. */
  arabicOf(name: PoolName): string | undefined {
    if (name.arabic) return name.arabic;
    const root = name.latin.replace(ARTICLE, '');
    const arabic = this.familyOf(root)?.arabic?.[0];
    if (!arabic) return undefined;
    return ARTICLE.test(name.latin) ? `ال${arabic}` : arabic;
  }

  private spellWord(word: string, random: Random): string {
    const entry = this.families.get(lookupKey(word));
    if (!entry || random.chance(POOL_SPELLING_SHARE)) return word;
    return entry.spellings.pick(random);
  }
}
