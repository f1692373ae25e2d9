/**
 * Arabic-script names (Arabic, Persian, Sorani Kurdish spelling): articles, compounds, the exact
 * form and the consonant skeleton that meets the Latin one (see skeleton.ts for the classes).
 * Input tokens come from fold.ts: short vowels, shadda and tatweel are gone, hamza on alef is bare
 * alef, Persian yeh/kaf are Arabic yeh/kaf.
 */
import { type SkeletonLetter, skeletonsOf } from './skeleton';

const ARTICLE = 'ال';
const ALLAH = 'الله';
const AD_DIN = 'الدين';
/** "son of", "daughter of". */
const CONNECTORS = new Set(['بن', 'ابن', 'بنت']);
/** Take the next token: عبد الرحمن, ابو بكر. */
const JOIN_NEXT = new Set(['عبد', 'ابو']);

/**
 * Joins the Arabic tokens of one name part into words, the way they are also often written as
 * one word: عبد الرحمن -> عبدالرحمن, ابو بكر -> ابوبكر, نور الدين -> نورالدين, حبيب الله -> حبيبالله.
 */
export function joinArabicTokens(tokens: readonly string[]): string[] {
  const words: string[] = [];
  const n = tokens.length;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (t === ARTICLE) continue;
    if (CONNECTORS.has(t) && n > 1) continue;
    if (words.length > 0 && (t === AD_DIN || t === ALLAH)) {
      words[words.length - 1] += t;
      continue;
    }
    if (JOIN_NEXT.has(t) && i + 1 < n) {
      words.push(t + tokens[i + 1]);
      i++;
      continue;
    }
    words.push(t);
  }
  return words.map(canonicalArabicWord);
}

/** Drops the article at the start (الحسن -> حسن), but not from الله itself. */
function canonicalArabicWord(word: string): string {
  if (word.startsWith(ARTICLE) && word.length > 3 && !word.startsWith(ALLAH)) return word.slice(2);
  return word;
}

const EXACT_FOLD: Readonly<Record<string, string>> = {
  ؤ: 'و',
  ئ: 'ي',
  ء: '',
  ة: 'ه',
  ى: 'ي',
  ۆ: 'و',
  ێ: 'ي',
  ە: 'ه',
};
const EXACT_CHARS = /[ؤئءةىۆێە]/g;

/**
 * The exact form of an Arabic word: spelling variants that writers use for the same name are
 * folded (ة/ه, ى/ي, hamza on waw/yeh or none). An initial ئ is the Kurdish way of writing a
 * word-initial vowel (ئازاد = Azad, ئیبراهیم = Ibrahim): it becomes alef (ئا just alef).
 */
export function arabicExactForm(word: string): string {
  const w = word.startsWith('ئا') ? word.slice(1) : word.startsWith('ئ') ? 'ا' + word.slice(1) : word;
  return w.replace(EXACT_CHARS, (c) => EXACT_FOLD[c] ?? c);
}

const CONSONANT_CLASS: Readonly<Record<string, string>> = {
  ب: 'b',
  پ: 'b',
  ت: 't',
  ط: 't',
  ث: 's',
  س: 's',
  ص: 's',
  ش: 's',
  چ: 's',
  ج: 'j',
  ژ: 'j',
  ح: 'h',
  خ: 'h',
  د: 'd',
  ض: 'd',
  ذ: 'z',
  ز: 'z',
  ظ: 'z',
  ر: 'r',
  غ: 'g',
  گ: 'g',
  ف: 'f',
  ق: 'k',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
};
/** Letters that only write vowels: alef, alef maqsura, Sorani o/ê/e. */
const VOWEL_LETTERS = new Set(['ا', 'ى', 'ۆ', 'ێ', 'ە']);
/** Ayn and hamza: Latin writers render them as a vowel, an apostrophe or nothing. */
const AYN_HAMZA = new Set(['ع', 'ء', 'ؤ', 'ئ']);

const VOWEL: SkeletonLetter = { kind: 'v', cls: '' };
const AYN: SkeletonLetter = { kind: 'a', cls: '' };
const TA_MARBUTA: SkeletonLetter = { kind: 'v', cls: '', taMarbuta: true };
const WAW: SkeletonLetter = { kind: 'g', cls: 'w' };
const YEH: SkeletonLetter = { kind: 'g', cls: 'y' };
const HEH: SkeletonLetter = { kind: 'c', cls: 'h', mayBeSilentAtEnd: true };
const CONSONANTS = new Map<string, SkeletonLetter>(
  Object.entries(CONSONANT_CLASS).map(([letter, cls]) => [letter, { kind: 'c', cls }]),
);

function arabicLetter(c: string): SkeletonLetter | undefined {
  if (VOWEL_LETTERS.has(c)) return VOWEL;
  if (AYN_HAMZA.has(c)) return AYN;
  switch (c) {
    case 'ة':
      return TA_MARBUTA;
    case 'و':
    case 'ڤ':
      return WAW;
    case 'ي':
      return YEH;
    case 'ه':
      return HEH;
    default:
      return CONSONANTS.get(c);
  }
}

/**
 * Skeletons of a canonical Arabic word. The article inside compounds goes, as it does in the
 * Latin canonical forms (عبدالرحمن ~ abdrahman, نورالدين ~ nuraddin, عبدالله ~ abdullah).
 */
export function arabicSkeletons(word: string): string[] {
  let w = word;
  if (w.startsWith('عبدال') && w.length > 5) w = 'عبد' + w.slice(5);
  else if (w.startsWith('ابوال') && w.length > 5) w = 'ابو' + w.slice(5);
  if (w.endsWith(AD_DIN) && w.length > AD_DIN.length) w = w.slice(0, -AD_DIN.length) + 'دين';
  else if (w.endsWith(ALLAH) && w.length > ALLAH.length) w = w.slice(0, -ALLAH.length) + 'له';
  const letters: SkeletonLetter[] = [];
  for (const c of w) {
    const letter = arabicLetter(c);
    if (letter !== undefined) letters.push(letter);
  }
  return skeletonsOf(letters, 'arabic');
}
