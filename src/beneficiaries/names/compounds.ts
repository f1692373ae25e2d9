/**
 * Articles, connectors and compound names in Latin transliterations: what makes "Abd al-Rahman",
 * "Abdurrahman", "Abdel Rahman", "Abdulrahman" and "Abd Ar-Rahman" one token, "abdrahman".
 *
 * Canonical compound forms (internal; they only have to be the same for every spelling):
 * - Abd + attribute: "abd" + attribute, article dropped: abdrahman, abdkadir, abdlatif;
 *   Abd Allah in all spellings: "abdullah".
 * - Abu (kunya): "abu" + name, article dropped: abubakr (Abu Bakr, Abubakar, Ebubekir -> abubekir).
 * - X ad-Din: X + "addin": nuraddin (Nur ad-Din, Nureddin, Nurettin, Nour Eddine).
 * - X-ullah: X + "ullah": habibullah (Habib Ullah, Habiballah, Habibollah).
 */
import { foldLatinWords, isVowel, loose } from './fold';
import { NAME_FAMILIES } from './name-families';

/**
 * Latin spellings of the Arabic article, including the sun-letter forms (ad-, ar-, as-, ash-,
 * at-, az-, an-) and the Turkish/Persian ones (ul-, ol-, ud-, ur-, us-). Only dropped before
 * another token: a lone "Er" or "As" at the end of a part may be a (Turkish) family name.
 */
const ARTICLES = new Set([
  'al',
  'el',
  'ul',
  'il',
  'ol',
  'ad',
  'ed',
  'ud',
  'ar',
  'er',
  'ur',
  'as',
  'es',
  'us',
  'ash',
  'esh',
  'ush',
  'at',
  'et',
  'ut',
  'ath',
  'az',
  'ez',
  'uz',
  'adh',
  'an',
  'en',
  'un',
]);

/** "son/daughter of" joins a person's name to the father's; it is not a name itself. */
const CONNECTORS = new Set(['bin', 'ibn', 'bint', 'binti', 'ebn', 'ben']);

/**
 * A separate Abd token that takes the next token ("Abdul Rahman", "Abd el-Kader", "Abdur Rahim").
 * Bare "Abdu", "Abdo", "Abdi" are names of their own and stay apart.
 */
const ABD_PREFIX = /^(?:abd|ebd|evd)(?:[aeiou](?:l|r|s|t|d|z|n|sh))?$/;
const ABU_PREFIX = /^(?:abu|abou|aboo|abo|ebu|abul|abol|aboul|ebul)$/;
/** "ad-Din" written as a separate token: "Nur Eddin", "Salah Eddine", "Nur ud-Din" (article then "din"). */
const DIN_WORD = /^(?:[aeiou](?:l|d|t)?)?[dt](?:in|een|ine)$/;
/** "Ullah" written apart: "Habib Ullah", "Nasr Allah". Not "Ela" or "Ula", which are names. */
const ULLAH_WORD = /^(?:[aou]?llah?|[ou]lah)$/;

/** "Abdullah" however spelt: Abd Allah, Abdallah, Abdulla, Abdellah, Abdollah. */
const ABDULLAH = /^(?:abd|ebd|evd)[aeiou]?l+a+h?$/;
const ABD = /^(?:abd|ebd|evd)(.*)$/;
const ABU = /^(?:abou|aboo|abu|abo|ebu)(.*)$/;
/** X ad-Din in one word: Nureddin, Nurettin, Noureddine, Nour-el-din (joined), Salahuddin. */
const DIN_FUSED = /^([a-z]{2,}?)[aeiou](?:l|d|t)?[dt](?:in|een|ine)$/;
/**
 * X-ullah in one word: Habibullah, Nasrallah, Habibollah. The final h is required so that
 * "Isabella" stays Isabella, and -ilah is excluded so that "Jamilah" and "Nabilah" stay names.
 */
const ULLAH_FUSED = /^([a-z]{3,}?)(?:[ou]l{1,2}|all)ah$/;

/**
 * Loose forms of the one-word names in the family table, used where a split is ambiguous:
 * "Abdulatif" is Abd al-Latif (Latif is a name), "Abdulaziz" is Abd al-Aziz ("Laziz" is not).
 */
const KNOWN_SIMPLE: ReadonlySet<string> = (() => {
  const known = new Set<string>();
  for (const family of NAME_FAMILIES) {
    for (const variant of [family.canonical, ...family.variants]) {
      const words = foldLatinWords(variant);
      if (words.length === 1) known.add(loose(words[0]));
    }
  }
  return known;
})();

function isConsonant(c: string | undefined): boolean {
  return c !== undefined && !isVowel(c);
}

function canonicalAbd(word: string, tail: string): string {
  if (tail === '') return 'abd';
  let rest: string;
  if (isVowel(tail[0])) {
    const t2 = tail.slice(1);
    if (t2.length >= 2 && t2[0] === t2[1] && isConsonant(t2[0])) {
      // Sun-letter assimilation: abd-ur-rahman, abd-us-salam, abd-ul-latif.
      rest = t2.slice(1);
    } else if (t2[0] === 'l') {
      const withoutArticle = t2.slice(1);
      rest = isConsonant(withoutArticle[0]) || !KNOWN_SIMPLE.has(loose(t2)) ? withoutArticle : t2;
    } else {
      // Abdurahman, Abdirahman, Abdukadir: a linking vowel without the article's l.
      rest = t2;
    }
  } else {
    rest = tail;
  }
  return rest.length >= 3 ? 'abd' + rest : word;
}

function canonicalAbu(word: string, tail: string): string {
  let rest = tail;
  const article = /^[aeiou]?l(?=[^aeiou])/.exec(rest);
  if (article) rest = rest.slice(article[0].length);
  else if (rest.length >= 2 && rest[0] === rest[1] && isConsonant(rest[0])) rest = rest.slice(1);
  return rest.length >= 3 ? 'abu' + rest : word;
}

/** The canonical form of one (possibly joined) Latin word; idempotent. */
export function canonicalLatinWord(word: string): string {
  if (ABDULLAH.test(word)) return 'abdullah';
  const abd = ABD.exec(word);
  if (abd) return canonicalAbd(word, abd[1]);
  const abu = ABU.exec(word);
  if (abu) {
    const compound = canonicalAbu(word, abu[1]);
    if (compound !== word) return compound;
  }
  const ullah = ULLAH_FUSED.exec(word);
  if (ullah) return ullah[1] + 'ullah';
  const din = DIN_FUSED.exec(word);
  if (din) return din[1] + 'addin';
  return word;
}

/**
 * Joins the folded Latin tokens of one name part into words: drops articles and connectors,
 * fuses Abd/Abu with the following name and "ad-Din"/"ullah" with the preceding one. The result
 * still has to go through `canonicalLatinWord`.
 */
export function joinLatinTokens(tokens: readonly string[]): string[] {
  const words: string[] = [];
  const n = tokens.length;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const next = i + 1 < n ? tokens[i + 1] : undefined;
    if (ARTICLES.has(t) && next !== undefined) {
      if (DIN_WORD.test(next) && words.length > 0) {
        words[words.length - 1] += 'addin';
        i++;
      }
      continue;
    }
    if (CONNECTORS.has(t) && n > 1) continue;
    if (words.length > 0 && DIN_WORD.test(t)) {
      words[words.length - 1] += 'addin';
      continue;
    }
    if (words.length > 0 && ULLAH_WORD.test(t)) {
      words[words.length - 1] += 'ullah';
      continue;
    }
    if (next !== undefined && (ABD_PREFIX.test(t) || ABU_PREFIX.test(t))) {
      // The article between them goes: "Abd al-Rahman" joins as "abdrahman".
      let j = i + 1;
      if (ARTICLES.has(tokens[j]) && j + 1 < n) j++;
      words.push(t + tokens[j]);
      i = j;
      continue;
    }
    words.push(t);
  }
  return words;
}
