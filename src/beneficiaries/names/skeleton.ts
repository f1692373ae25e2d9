/**
 * Consonant skeletons: the weakest of the three keys, and the only one that lets a Latin
 * transliteration meet the Arabic-script name ("Hasan", "Hassan", "Hasen" and حسن are all `hsn`).
 *
 * Both scripts are reduced to the same consonant classes. The classes follow how Arabic letters are
 * transliterated by English, French, German, Turkish, Persian and Kurdish writers, so they merge
 * what these writers confuse:
 *
 * | class | Arabic (and Persian/Kurdish) | Latin                                              |
 * |-------|------------------------------|----------------------------------------------------|
 * | b     | ب پ                          | b p (Turkish final -p: Recep, Zeynep, Habip)       |
 * | t     | ت ط                          | t; also any word-final d (Turkish Mehmet, Halit)   |
 * | d     | د ض                          | d (ض is d in Arabic; Persian/Turkish z is lost)    |
 * | s     | س ص ث ش چ                    | s ş sh sch ch(French) th                           |
 * | j     | ج ژ                          | j c ç(Turkish) dj dsch zh                          |
 * | h     | ح ه خ                        | h kh x(Kurmanji) — Turkish writes خ as h (Halil)   |
 * | z     | ز ذ ظ                        | z dh                                               |
 * | k     | ق ك                          | k q ck                                             |
 * | g     | غ گ                          | g gh                                               |
 * | f     | ف                            | f ph                                               |
 * | w, y  | و ي (when consonants)        | w v, y                                             |
 * | l m n r | ل م ن ر                    | l m n r                                            |
 *
 * Choices, and why:
 * - s, sh, th merge: Turkish writes ث and ش as s/ş and people drop the cedilla (Osman = Othman =
 *   Uthman, Reşit = Resit = Rashid); French writes ش as "ch" (Aicha, Rachid, Hicham). German
 *   "ch" for خ (Chalid) is left to the families table. Turkish ç folds to c, so it counts as j.
 * - Vowels are dropped, because every writer spells them differently (Muhammad, Mehmet). A vowel
 *   at the start is kept as "_" (Arabic: ا or ع first), so Ahmad (`_hmt`) and Hamid (`hmt`) differ.
 * - w/v and y are glides: consonants at the start (Yusuf, Walid), after a consonant and before a
 *   vowel (Yahya, Marwan), vowels before a consonant (Zeynep = Zainab, Tevfik = Tawfiq). Between
 *   two Latin vowels they are ambiguous (Turkish Hüseyin against حسين, Hayat against حياة), and so
 *   is و/ي inside an Arabic word (see `skeletonsOf`): both readings become keys.
 * - A final "h" after a vowel may be a silent ta marbuta (Fatimah = Fatima) or a real consonant
 *   (Fattah): both readings. Arabic ة is "a" or Turkish/Persian "-et" (Hikmet): both readings.
 * - Doubled letters collapse (Muhammad = محمد: shadda is not written).
 * - Fewer than two consonants make no skeleton: Ali (`_l`) would meet Ola, Eli and Aliya.
 */

/** A letter (or digraph) reduced to what the skeleton needs. */
export interface SkeletonLetter {
  /** c: consonant, v: vowel, g: glide (w, y), a: ayn or hamza (vowel-like, neutral for glides). */
  kind: 'c' | 'v' | 'g' | 'a';
  /** Consonant class; empty for vowels. */
  cls: string;
  /** True for a letter that may be silent at the end of the word (h after a vowel, Arabic ه). */
  mayBeSilentAtEnd?: boolean;
  /** True for Arabic ة (a vowel letter): silent, or t at the end of the word. */
  taMarbuta?: boolean;
}

const MAX_OPTIONAL = 3;
const MIN_CONSONANTS = 2;

/**
 * Turns letters into skeleton variants (usually one or two, at most 2^MAX_OPTIONAL). Letters must
 * already be classified; this applies the glide, final-h, devoicing and collapsing rules.
 *
 * Glides differ by script. Latin writes its vowels, so a glide between consonants is a vowel
 * (Zeynep, Tevfik) and one between a consonant and a vowel is a consonant (Yahya, Marwan). Arabic
 * does not write short vowels, so و/ي inside a word may be a long vowel (حسين Husayn) or a
 * consonant before an unwritten vowel (مريم Maryam), and Latin writers render و+ا and ي+ا both ways
 * (Marwan/Marouane, Ziyad/Ziad): inside an Arabic word a glide gives both readings.
 */
export function skeletonsOf(letters: readonly SkeletonLetter[], script: 'latin' | 'arabic'): string[] {
  if (letters.length === 0) return [];
  // Collapse adjacent identical consonants and glides (ss, mm, yy, and Latin "kq").
  const seq: SkeletonLetter[] = [];
  for (const l of letters) {
    const prev = seq[seq.length - 1];
    if (
      prev !== undefined &&
      (l.kind === 'c' || l.kind === 'g') &&
      prev.kind === l.kind &&
      prev.cls === l.cls
    ) {
      continue;
    }
    seq.push(l);
  }
  const n = seq.length;
  // Decide each letter: 0 dropped, 1 kept, 2 optional (both readings).
  const decision = new Uint8Array(n);
  const classes: string[] = new Array<string>(n).fill('');
  let optional = 0;
  for (let i = 0; i < n; i++) {
    const l = seq[i];
    classes[i] = l.cls;
    if (l.kind === 'c') {
      decision[i] = 1;
      if (i === n - 1 && i > 0 && l.mayBeSilentAtEnd && seq[i - 1].kind !== 'c') decision[i] = 2;
    } else if (l.kind === 'g') {
      const next = seq[i + 1];
      if (i === 0 || (next !== undefined && next.kind === 'g')) decision[i] = 1;
      else if (next === undefined) decision[i] = 0;
      else if (script === 'arabic') decision[i] = 2;
      else if (next.kind === 'v') decision[i] = seq[i - 1].kind === 'c' ? 1 : 2;
      else decision[i] = 0;
    } else if (l.taMarbuta && i === n - 1 && i > 0) {
      decision[i] = 2;
      classes[i] = 't';
    }
    if (decision[i] === 2) {
      if (optional >= MAX_OPTIONAL) decision[i] = 1;
      else optional++;
    }
  }
  // Turkish devoices a final d (Mehmet, Ahmet, Halit, Reşit); so do we, in both scripts.
  if (decision[n - 1] === 1 && classes[n - 1] === 'd') classes[n - 1] = 't';
  const mark = seq[0].kind === 'v' || seq[0].kind === 'a' ? '_' : '';
  const out = new Set<string>();
  for (let mask = 0; mask < 1 << optional; mask++) {
    let s = mark;
    let consonants = 0;
    let bit = 0;
    for (let i = 0; i < n; i++) {
      const d = decision[i];
      if (d === 0) continue;
      if (d === 2 && (mask & (1 << bit++)) === 0) continue;
      if (classes[i] === '') continue;
      s += classes[i];
      consonants++;
    }
    if (consonants >= MIN_CONSONANTS) out.add(s);
  }
  return [...out];
}

const LATIN_SINGLE: Readonly<Record<string, string>> = {
  b: 'b',
  p: 'b',
  c: 'j',
  d: 'd',
  f: 'f',
  g: 'g',
  h: 'h',
  j: 'j',
  k: 'k',
  q: 'k',
  l: 'l',
  m: 'm',
  n: 'n',
  r: 'r',
  s: 's',
  t: 't',
  x: 'h',
  z: 'z',
};

/** Multi-letter spellings of one sound, longest first. */
const LATIN_DIGRAPHS: ReadonlyArray<readonly [string, string]> = [
  ['dsch', 'j'],
  ['tsch', 's'],
  ['sch', 's'],
  ['sh', 's'],
  ['ch', 's'],
  ['kh', 'h'],
  ['gh', 'g'],
  ['th', 's'],
  ['dh', 'z'],
  ['zh', 'j'],
  ['ph', 'f'],
  ['dj', 'j'],
  ['ck', 'k'],
];

/** Classifies a folded Latin word (a-z only) letter by letter. */
export function latinLetters(word: string): SkeletonLetter[] {
  const letters: SkeletonLetter[] = [];
  const n = word.length;
  let i = 0;
  // French "ou" before a vowel at the start is w: Oualid = Walid.
  if (word.startsWith('ou') && n > 2 && 'aei'.includes(word[2])) {
    letters.push({ kind: 'g', cls: 'w' });
    i = 2;
  }
  outer: while (i < n) {
    const c = word[i];
    if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') {
      letters.push({ kind: 'v', cls: '' });
      i++;
      continue;
    }
    if (c === 'y') {
      letters.push({ kind: 'g', cls: 'y' });
      i++;
      continue;
    }
    if (c === 'w' || c === 'v') {
      letters.push({ kind: 'g', cls: 'w' });
      i++;
      continue;
    }
    for (const [spelling, cls] of LATIN_DIGRAPHS) {
      if (word.startsWith(spelling, i)) {
        letters.push({ kind: 'c', cls });
        i += spelling.length;
        continue outer;
      }
    }
    const cls = LATIN_SINGLE[c];
    if (cls !== undefined)
      letters.push(c === 'h' ? { kind: 'c', cls, mayBeSilentAtEnd: true } : { kind: 'c', cls });
    i++;
  }
  return letters;
}

export function latinSkeletons(word: string): string[] {
  return skeletonsOf(latinLetters(word), 'latin');
}
