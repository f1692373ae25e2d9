import { DocumentType } from './document-type';

/**
 * Identity document numbers: one canonical spelling per number, and the rules a number must keep.
 *
 * The canonical spelling matters beyond tidiness: duplicate detection and "has this person already
 * received aid" compare document numbers for equality, so `99 123 456 740`, `99123456740` and
 * `٩٩١٢٣٤٥٦٧٤٠` must all be stored as the same text. A number that breaks a rule is an input error
 * (usually a typo at registration) and is refused with a stable rule code from {@link DocumentRule}.
 */

/**
 * Stable codes of the rules a document number can break, as they appear in 400 responses. Clients
 * translate them; {@link documentRuleMessage} gives an English hint. Add, never rename.
 */
export const DOCUMENT_RULES = [
  /** Turkish identity numbers: something other than the digits 0-9 was left after normalisation. */
  'digitsOnly',
  /** The number is too short or too long for its type. */
  'length',
  /** `tr_citizen_id` starting with 0: no citizen number does. */
  'leadingZero',
  /** `tr_foreigner_id` not starting with 99. */
  'foreignerPrefix',
  /** `tr_citizen_id` starting with 99: that is a foreigner identity number (YKN). */
  'citizenPrefix',
  /** Turkish identity numbers: the 10th digit is not the check digit computed from the first nine. */
  'checkDigit10',
  /** Turkish identity numbers: the 11th digit is not the sum of the first ten, mod 10. */
  'checkDigit11',
  /** Characters or structure that the type does not allow. */
  'format',
] as const;

export type DocumentRule = (typeof DOCUMENT_RULES)[number];

/** Arabic-Indic (U+0660-0669) and Extended Arabic-Indic / Persian (U+06F0-06F9) digits. */
const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
/** Hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign, full-width hyphen-minus. */
const DASH_VARIANTS = /[\u2010-\u2015\u2212\uFE63\uFF0D]/g;
const WHITESPACE = /\s+/gu;
/** Separators people type into numbers whose canonical form has none. */
const LOOSE_SEPARATORS = /[-./]/g;

const TURKISH_ID_LENGTH = 11;
const FOREIGNER_PREFIX = '99';

/** How a type's number is checked after normalisation; the checks run in this order. */
interface LooseFormat {
  /** Characters the canonical form may contain; anything else is `format`. */
  charset: RegExp;
  /** Inclusive bounds, in code points; outside them is `length`. */
  minLength: number;
  maxLength: number;
  /** Structure of the whole number (separator placement); failing it is `format`. */
  structure?: RegExp;
  /** For messages: what the canonical form looks like. */
  hint: string;
}

const ALPHANUMERIC: LooseFormat = {
  charset: /^[0-9A-Z]*$/,
  minLength: 5,
  maxLength: 20,
  hint: '5 to 20 letters A-Z and digits, without spaces or separators',
};

/** proGres numbers: groups of letters and digits joined by single dashes, at least one digit. */
const UNHCR: LooseFormat = {
  charset: /^[0-9A-Z-]*$/,
  minLength: 6,
  maxLength: 20,
  structure: /^(?=.*[0-9])[0-9A-Z]+(?:-[0-9A-Z]+)*$/,
  hint: 'letters A-Z and digits in groups joined by single dashes, such as 123-12345678 or 123-16C01234',
};

/** Letters, marks, digits, punctuation and symbols of any script: printable, and no whitespace. */
const PRINTABLE: LooseFormat = {
  charset: /^[\p{L}\p{M}\p{N}\p{P}\p{S}]*$/u,
  minLength: 3,
  maxLength: 40,
  hint: '3 to 40 printable characters without spaces',
};

/** Aktenzeichen: the file number proper, a dash, and the 3-digit BAMF code of the country of origin. */
const BAMF: LooseFormat = {
  charset: /^[0-9-]*$/,
  minLength: 11,
  maxLength: 12,
  structure: /^[0-9]{7,8}-[0-9]{3}$/,
  hint: '7 or 8 digits, a dash and 3 digits, such as 1234567-423',
};

const LOOSE_FORMATS: Readonly<Record<Exclude<DocumentType, TurkishIdType>, LooseFormat>> = {
  [DocumentType.UnhcrIndividualNumber]: UNHCR,
  [DocumentType.UnhcrCaseNumber]: UNHCR,
  [DocumentType.Passport]: ALPHANUMERIC,
  [DocumentType.NationalId]: ALPHANUMERIC,
  [DocumentType.ResidencePermit]: ALPHANUMERIC,
  [DocumentType.BamfFileNumber]: BAMF,
  [DocumentType.ArrivalCertificate]: PRINTABLE,
  [DocumentType.Other]: PRINTABLE,
};

type TurkishIdType = DocumentType.TrForeignerId | DocumentType.TrCitizenId;

const isTurkishId = (type: DocumentType): type is TurkishIdType =>
  type === DocumentType.TrForeignerId || type === DocumentType.TrCitizenId;

/**
 * The canonical spelling of a document number, for storage and comparison. Every type: Unicode NFKC
 * (full-width letters and digits become ASCII), Arabic-Indic and Persian digits become 0-9, Unicode
 * dashes become `-`, letters are upper-cased and all whitespace is removed (which trims, too).
 * Then, per type:
 *
 * - `tr_foreigner_id`, `tr_citizen_id`, `passport`, `national_id`, `residence_permit`: their canonical
 *   forms have no separators, so dashes, dots and slashes are removed too (`99-123-456-740`).
 * - `unhcr_individual_number`, `unhcr_case_number`: the dash after the office code is part of the
 *   number and is kept (`123-16C01234`).
 * - `bamf_file_number`: the dash before the country code is kept; 10 or 11 digits typed without it
 *   get it back before the last three, which are always the country code (`1234567423` becomes
 *   `1234567-423`).
 * - `arrival_certificate`, `other`: formats vary, so every separator is kept.
 *
 * Normalising never makes an invalid number valid except by removing such typing variations; the
 * result still goes through {@link documentNumberProblem}.
 */
export function normaliseDocumentNumber(type: DocumentType, raw: string): string {
  const common = raw
    .normalize('NFKC')
    .replace(EASTERN_DIGITS, (digit) => String((digit.codePointAt(0) ?? 0) & 0xf))
    .replace(DASH_VARIANTS, '-')
    .toUpperCase()
    .replace(WHITESPACE, '');
  switch (type) {
    case DocumentType.TrForeignerId:
    case DocumentType.TrCitizenId:
    case DocumentType.Passport:
    case DocumentType.NationalId:
    case DocumentType.ResidencePermit:
      return common.replace(LOOSE_SEPARATORS, '');
    case DocumentType.BamfFileNumber:
      return /^[0-9]{10,11}$/.test(common) ? `${common.slice(0, -3)}-${common.slice(-3)}` : common;
    case DocumentType.UnhcrIndividualNumber:
    case DocumentType.UnhcrCaseNumber:
    case DocumentType.ArrivalCertificate:
    case DocumentType.Other:
      return common;
  }
}

/**
 * Mod 10 that is always 0..9. JavaScript's `%` keeps the sign of the dividend (`-29 % 10` is `-9`),
 * but the published check-digit rule means the mathematical residue (`-29 mod 10` is `1`).
 */
const mod10 = (n: number) => ((n % 10) + 10) % 10;

/**
 * The two check digits of a Turkish identity number (citizen or foreigner) from its first nine digits
 * d1..d9: d10 = ((d1+d3+d5+d7+d9)*7 - (d2+d4+d6+d8)) mod 10, d11 = (d1+...+d10) mod 10.
 */
export function turkishIdCheckDigits(firstNine: string): string {
  if (!/^[0-9]{9}$/.test(firstNine)) throw new RangeError('Expected exactly nine digits');
  const d = [...firstNine].map(Number);
  const odd = d[0] + d[2] + d[4] + d[6] + d[8];
  const even = d[1] + d[3] + d[5] + d[7];
  const d10 = mod10(odd * 7 - even);
  const d11 = mod10(odd + even + d10);
  return `${d10}${d11}`;
}

function turkishIdProblem(type: TurkishIdType, number: string): DocumentRule | null {
  if (!/^[0-9]*$/.test(number)) return 'digitsOnly';
  if (number.length !== TURKISH_ID_LENGTH) return 'length';
  const foreignerNumber = number.startsWith(FOREIGNER_PREFIX);
  if (type === DocumentType.TrForeignerId) {
    if (!foreignerNumber) return 'foreignerPrefix';
  } else {
    if (number.startsWith('0')) return 'leadingZero';
    if (foreignerNumber) return 'citizenPrefix';
  }
  const expected = turkishIdCheckDigits(number.slice(0, 9));
  if (number[9] !== expected[0]) return 'checkDigit10';
  if (number[10] !== expected[1]) return 'checkDigit11';
  return null;
}

function looseProblem(format: LooseFormat, number: string): DocumentRule | null {
  if (!format.charset.test(number)) return 'format';
  const length = [...number].length;
  if (length < format.minLength || length > format.maxLength) return 'length';
  if (format.structure && !format.structure.test(number)) return 'format';
  return null;
}

/**
 * The first rule that a normalised number (see {@link normaliseDocumentNumber}) breaks, or null when
 * it is acceptable for its type. Turkish numbers are checked in the order digitsOnly, length, prefix
 * (foreignerPrefix; or leadingZero then citizenPrefix), checkDigit10, checkDigit11; the other types
 * in the order format (characters), length, format (structure).
 */
export function documentNumberProblem(type: DocumentType, normalised: string): DocumentRule | null {
  return isTurkishId(type)
    ? turkishIdProblem(type, normalised)
    : looseProblem(LOOSE_FORMATS[type], normalised);
}

/**
 * An English hint for developers and logs about a broken rule; clients show their own text for the
 * rule code. Never contains the number itself: it is personal data.
 */
export function documentRuleMessage(type: DocumentType, rule: DocumentRule): string {
  switch (rule) {
    case 'digitsOnly':
      return `A ${type} number contains only the digits 0-9`;
    case 'length':
      return isTurkishId(type)
        ? `A ${type} number has exactly ${TURKISH_ID_LENGTH} digits`
        : `A ${type} number has ${LOOSE_FORMATS[type].hint}`;
    case 'leadingZero':
      return 'A Turkish citizen identity number (tr_citizen_id) never starts with 0';
    case 'foreignerPrefix':
      return 'A Turkish foreigner identity number (tr_foreigner_id) starts with 99; a citizen number is a tr_citizen_id';
    case 'citizenPrefix':
      return 'A number starting with 99 is a Turkish foreigner identity number: use the type tr_foreigner_id';
    case 'checkDigit10':
      return `The 10th digit of the ${type} number does not match the check digit computed from the first nine; it was probably mistyped`;
    case 'checkDigit11':
      return `The 11th digit of the ${type} number does not match the check digit computed from the first ten; it was probably mistyped`;
    case 'format':
      return isTurkishId(type)
        ? `A ${type} number has exactly ${TURKISH_ID_LENGTH} digits`
        : `A ${type} number has ${LOOSE_FORMATS[type].hint}`;
  }
}

/** A random source returning numbers in [0, 1), like `Math.random` or a seeded generator. */
export type RandomSource = () => number;

const pickIndex = (rng: RandomSource, size: number) => Math.min(size - 1, Math.floor(rng() * size));
const randomFrom = (rng: RandomSource, alphabet: string) => alphabet[pickIndex(rng, alphabet.length)];
const randomString = (rng: RandomSource, alphabet: string, length: number) =>
  Array.from({ length }, () => randomFrom(rng, alphabet)).join('');

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NON_ZERO = '123456789';

/**
 * A valid, canonical number of the given type, for synthetic data and tests; the same random sequence
 * gives the same number. Turkish numbers are random except for their fixed rules: a YKN is 99, seven
 * random digits and the two check digits; a citizen number starts with 1-9 and not with 99.
 */
export function randomDocumentNumber(type: DocumentType, rng: RandomSource): string {
  switch (type) {
    case DocumentType.TrForeignerId: {
      const firstNine = FOREIGNER_PREFIX + randomString(rng, DIGITS, 7);
      return firstNine + turkishIdCheckDigits(firstNine);
    }
    case DocumentType.TrCitizenId: {
      const first = randomFrom(rng, NON_ZERO);
      const second = randomFrom(rng, first === '9' ? '012345678' : DIGITS);
      const firstNine = first + second + randomString(rng, DIGITS, 7);
      return firstNine + turkishIdCheckDigits(firstNine);
    }
    case DocumentType.UnhcrIndividualNumber:
      return `${randomString(rng, DIGITS, 3)}-${randomString(rng, DIGITS, 8)}`;
    case DocumentType.UnhcrCaseNumber:
      return `${randomString(rng, DIGITS, 3)}-${randomString(rng, DIGITS, 2)}C${randomString(rng, DIGITS, 5)}`;
    case DocumentType.Passport:
      return randomFrom(rng, LETTERS) + randomString(rng, DIGITS, 8);
    case DocumentType.NationalId:
      return randomFrom(rng, NON_ZERO) + randomString(rng, DIGITS, 10);
    case DocumentType.ResidencePermit:
      return randomFrom(rng, LETTERS) + randomString(rng, LETTERS + DIGITS, 8);
    case DocumentType.BamfFileNumber:
      return `${randomFrom(rng, NON_ZERO)}${randomString(rng, DIGITS, 6 + pickIndex(rng, 2))}-${randomString(rng, DIGITS, 3)}`;
    case DocumentType.ArrivalCertificate:
      return `AKN-${randomString(rng, DIGITS, 9)}`;
    case DocumentType.Other:
      return `DOC-${randomString(rng, LETTERS + DIGITS, 10)}`;
  }
}
