/**
 * Character-level folding of a name as typed: case, diacritics, Turkish and German letters,
 * apostrophes, separators, Arabic letter variants. Knows nothing about names; see normalise.ts for
 * articles, connectors and compounds.
 */

/** A run of letters of one script, as cut out of a name part. */
export interface RawToken {
  text: string;
  script: 'latin' | 'arabic' | 'other';
}

/**
 * Marks that join the letters around them instead of separating them. Apostrophes stand for ayn or
 * hamza ("Ma'mun", "Sa'id", "Abu'l-Hasan"), so "Sa'id" must read as "said", not "sa id". Tatweel
 * (U+0640) only stretches Arabic letters.
 */
const JOINERS = new Set(["'", '`', '´', 'ʼ', 'ʻ', 'ʽ', 'ʾ', 'ʿ', '’', '‘', '′', '\u0640']);

/**
 * Letters that Unicode decomposition does not reduce to a base letter, and Arabic letter variants
 * that writers use interchangeably. ı and İ: Turkish dotless/dotted i are the same letter in
 * transliterations ("İbrahim", "Kasım"). ə: Azerbaijani schwa, written "a" in other
 * transliterations ("Məmməd" = "Mammad"). Persian and Urdu yeh/kaf/heh are the Arabic letters.
 * Hamza on alef (أ إ آ ٱ) is written or left out at will, so it folds to bare alef everywhere;
 * hamza on waw/yeh (ؤ ئ) and ة ى stay, because the Arabic skeleton needs them (arabic.ts).
 */
const SPECIAL: Readonly<Record<string, string>> = {
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ħ: 'h',
  ə: 'a',
  ŋ: 'n',
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  ی: 'ي',
  ې: 'ي',
  ۍ: 'ي',
  ک: 'ك',
  ڪ: 'ك',
  ھ: 'ه',
  ہ: 'ه',
  ۀ: 'ه',
  ۃ: 'ة',
  ڕ: 'ر',
  ڵ: 'ل',
};

/** Arabic-script letters kept as letters (hamza, alef ... yeh, and the Persian/Kurdish additions). */
const ARABIC_LETTER = /^[\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06fc\u0750-\u077f]$/;
/** Arabic short vowels, shadda, sukun, Quranic marks: never part of how a name is spelled. */
const ARABIC_MARK = /^[\u064b-\u065f\u0670\u06d6-\u06ed]$/;
const COMBINING = /^\p{M}$/u;
const COMBINING_ALL = /\p{M}/gu;
const LETTER = /^\p{L}+$/u;

const CHAR_CACHE = new Map<string, string>();

function foldChar(c: string): string {
  const cached = CHAR_CACHE.get(c);
  if (cached !== undefined) return cached;
  let out: string;
  if (JOINERS.has(c)) out = '';
  else if (c in SPECIAL) out = SPECIAL[c];
  else if (ARABIC_LETTER.test(c)) out = c;
  else if (ARABIC_MARK.test(c) || COMBINING.test(c)) out = '';
  else {
    // Latin (and other) letters with diacritics: ç ğ ş ö ü ä é ê î û ... lose their marks.
    const base = c.normalize('NFD').replace(COMBINING_ALL, '');
    out = base !== '' && LETTER.test(base) ? base.toLowerCase() : ' ';
  }
  CHAR_CACHE.set(c, out);
  return out;
}

const PRESENTATION_FORMS = /[\ufb50-\ufdff\ufe70-\ufeff]/;
const NOT_PLAIN = /[^a-z ]/g;
const RUNS = /[a-z]+|[\u0621-\u06ff\u0750-\u077f]+|[^a-z\u0600-\u06ff\u0750-\u077f]+/g;
const ARABIC_RUN = /^[\u0600-\u06ff\u0750-\u077f]/;

/**
 * Folds a name part and cuts it into runs of one script each. Hyphens, dots, digits and other
 * punctuation separate tokens ("Al-Hassan" -> "al", "hassan"); apostrophes join them.
 */
export function foldToTokens(part: string): RawToken[] {
  let s = part;
  // Arabic presentation forms (from PDFs and old keyboards) become ordinary letters first.
  if (PRESENTATION_FORMS.test(s)) s = s.normalize('NFKC');
  s = s.toLowerCase().replace(NOT_PLAIN, foldChar);
  const tokens: RawToken[] = [];
  for (const chunk of s.split(' ')) {
    if (chunk === '') continue;
    for (const run of chunk.match(RUNS) ?? []) {
      const first = run.charCodeAt(0);
      const script = first >= 97 && first <= 122 ? 'latin' : ARABIC_RUN.test(run) ? 'arabic' : 'other';
      tokens.push({ text: run, script });
    }
  }
  return tokens;
}

/** Folds a single Latin word the way `foldToTokens` would; used to build the family tables. */
export function foldLatinWords(text: string): string[] {
  return foldToTokens(text)
    .filter((t) => t.script === 'latin')
    .map((t) => t.text);
}

export function isVowel(c: string): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';
}

/**
 * A coarser Latin form used only to look names up in the spelling families: ou/oo -> u, ee -> i,
 * doubled letters single, a final h after a vowel dropped. So the table need not list "Yousef",
 * "Youssef", "Yusef" and "Yussef" separately, nor "Fatima"/"Fatimah". German passports and
 * machine-readable zones write ü/ö as ue/oe (HUESEYIN, OEMER): folded back to u/o.
 */
export function loose(word: string): string {
  return word
    .replace(/(^|[^aeiou])([uo])e/g, '$1$2')
    .replace(/ou|oo/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/(.)\1+/g, '$1')
    .replace(/([aeiou])h$/, '$1');
}
