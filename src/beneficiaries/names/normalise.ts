/**
 * From a name part as typed to canonical name tokens: fold characters (fold.ts), drop articles and
 * connectors, join compounds (compounds.ts, arabic.ts), strip an article written together with a
 * known name ("Alhassan", "Elkurdi").
 */
import { arabicExactForm, joinArabicTokens } from './arabic';
import { canonicalLatinWord, joinLatinTokens } from './compounds';
import { familyOfLatin } from './family-lookup';
import { foldToTokens, type RawToken } from './fold';

export type NameScript = 'latin' | 'arabic' | 'other';

export interface CanonicalToken {
  script: NameScript;
  /** Latin: the canonical form (a-z). Arabic: the exact form. Other scripts: folded letters. */
  text: string;
  /** Arabic only: the canonical word before the exact-form folding, which the skeleton needs. */
  arabicWord?: string;
}

const ATTACHED_ARTICLE = /^(?:al|el|ul)/;

/**
 * "Alhassan", "Elkurdi", "Alabdullah": an article written together with the name. Stripped only
 * when what follows is a name in the families table and the whole is not ("Elias", "Alaaddin"
 * stay), because many names simply start with al/el (Alper, Elif, Elham, Alan).
 */
function stripAttachedArticle(word: string): string {
  if (word.length < 5 || !ATTACHED_ARTICLE.test(word) || familyOfLatin(word) !== undefined) return word;
  const rest = canonicalLatinWord(word.slice(2));
  return familyOfLatin(rest) !== undefined ? rest : word;
}

function pushGroup(out: CanonicalToken[], script: NameScript, group: readonly string[]): void {
  if (group.length === 0) return;
  if (script === 'latin') {
    for (const word of joinLatinTokens(group)) {
      out.push({ script, text: stripAttachedArticle(canonicalLatinWord(word)) });
    }
  } else if (script === 'arabic') {
    for (const word of joinArabicTokens(group)) {
      out.push({ script, text: arabicExactForm(word), arabicWord: word });
    }
  } else {
    for (const word of group) out.push({ script, text: word });
  }
}

/** Canonical tokens of one name part, in order. Tokens of one letter are dropped (initials). */
export function canonicalTokens(part: string): CanonicalToken[] {
  const raw: RawToken[] = foldToTokens(part);
  const out: CanonicalToken[] = [];
  let group: string[] = [];
  let script: NameScript = 'latin';
  for (const token of raw) {
    if (token.script !== script) {
      pushGroup(out, script, group);
      group = [];
      script = token.script;
    }
    group.push(token.text);
  }
  pushGroup(out, script, group);
  return out.filter((t) => t.text.length >= 2);
}
