import {
  DOCUMENT_RULES,
  DocumentRule,
  documentNumberProblem,
  documentRuleMessage,
  normaliseDocumentNumber,
  randomDocumentNumber,
  turkishIdCheckDigits,
} from './document-number';
import { DocumentType } from './document-type';

/** Mulberry32: a small seeded generator, so every run checks the same numbers. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALL_TYPES = Object.values(DocumentType);
const check = (type: DocumentType, raw: string) =>
  documentNumberProblem(type, normaliseDocumentNumber(type, raw));

/*
 * Turkish numbers worked out by hand with the published rule
 *   d10 = ((d1+d3+d5+d7+d9)*7 - (d2+d4+d6+d8)) mod 10,  d11 = (d1+...+d10) mod 10:
 *
 * 10000000146  odd 1+0+0+0+1 = 2, 2*7 = 14, even 0: d10 = 4; sum 1+1+4 = 6: d11 = 6.
 * 19090909018  odd 1+0+0+0+0 = 1, 1*7 = 7, even 9+9+9+9 = 36: 7-36 = -29, and -29 mod 10 = 1
 *              (JavaScript's -29 % 10 is -9; |-9| would wrongly give 9): d10 = 1;
 *              sum 1+9+0+9+0+9+0+9+0+1 = 38: d11 = 8.
 * 99123456740  odd 9+1+3+5+7 = 25, 25*7 = 175, even 9+2+4+6 = 21: 154, d10 = 4;
 *              sum 9+9+1+2+3+4+5+6+7+4 = 50: d11 = 0.
 * 99000000042  odd 9, 63, even 9: 54, d10 = 4; sum 9+9+4 = 22: d11 = 2.
 */
const CITIZEN = '10000000146';
const CITIZEN_NEGATIVE_D10 = '19090909018';
const FOREIGNER = '99123456740';
const FOREIGNER_ZEROS = '99000000042';

describe(turkishIdCheckDigits.name, () => {
  it.each([
    ['100000001', '46'],
    ['190909090', '18'],
    ['991234567', '40'],
    ['990000000', '42'],
  ])('computes the check digits of %s as %s', (firstNine, digits) => {
    expect(turkishIdCheckDigits(firstNine)).toBe(digits);
  });

  it('takes the mathematical residue when the 10th-digit sum is negative', () => {
    // 1*7 - 36 = -29: the residue is 1, not -9 or 9.
    expect(turkishIdCheckDigits('190909090')[0]).toBe('1');
  });

  it('agrees with the equivalent form (odd*7 + even*9) mod 10, which never goes negative', () => {
    const rng = seeded(7);
    for (let i = 0; i < 500; i++) {
      const d = Array.from({ length: 9 }, () => Math.floor(rng() * 10));
      const odd = d[0] + d[2] + d[4] + d[6] + d[8];
      const even = d[1] + d[3] + d[5] + d[7];
      const d10 = (odd * 7 + even * 9) % 10;
      const d11 = (odd + even + d10) % 10;
      expect(turkishIdCheckDigits(d.join(''))).toBe(`${d10}${d11}`);
    }
  });

  it('refuses anything but nine digits', () => {
    expect(() => turkishIdCheckDigits('12345678')).toThrow(RangeError);
    expect(() => turkishIdCheckDigits('12345678A')).toThrow(RangeError);
  });
});

describe('Turkish identity numbers', () => {
  it.each([CITIZEN, CITIZEN_NEGATIVE_D10])('accepts the citizen number %s', (number) => {
    expect(documentNumberProblem(DocumentType.TrCitizenId, number)).toBeNull();
  });

  it.each([FOREIGNER, FOREIGNER_ZEROS])('accepts the foreigner number %s', (number) => {
    expect(documentNumberProblem(DocumentType.TrForeignerId, number)).toBeNull();
  });

  it('refuses the number a sign-keeping or absolute-value remainder would produce', () => {
    // With |(-29) % 10| = 9 the 10th digit would be 9 and the 11th (37 + 9) mod 10 = 6.
    expect(documentNumberProblem(DocumentType.TrCitizenId, '19090909096')).toBe('checkDigit10');
  });

  it.each<[DocumentType, string, DocumentRule]>([
    [DocumentType.TrCitizenId, '1000000014A', 'digitsOnly'],
    [DocumentType.TrForeignerId, '9912345674O', 'digitsOnly'],
    [DocumentType.TrCitizenId, '', 'length'],
    [DocumentType.TrCitizenId, '1000000014', 'length'],
    [DocumentType.TrForeignerId, '991234567400', 'length'],
    [DocumentType.TrCitizenId, '00000000000', 'leadingZero'],
    [DocumentType.TrCitizenId, FOREIGNER, 'citizenPrefix'],
    [DocumentType.TrForeignerId, CITIZEN, 'foreignerPrefix'],
    [DocumentType.TrForeignerId, '98123456740', 'foreignerPrefix'],
    [DocumentType.TrCitizenId, '10000000156', 'checkDigit10'],
    [DocumentType.TrCitizenId, '10000000147', 'checkDigit11'],
    [DocumentType.TrForeignerId, '99123456750', 'checkDigit10'],
    [DocumentType.TrForeignerId, '99123456741', 'checkDigit11'],
  ])('%s %j breaks %s', (type, number, rule) => {
    expect(documentNumberProblem(type, number)).toBe(rule);
  });

  it('reports the 10th digit first when both check digits are wrong', () => {
    expect(documentNumberProblem(DocumentType.TrCitizenId, '10000000199')).toBe('checkDigit10');
  });

  it('reports the prefix before the check digits', () => {
    expect(documentNumberProblem(DocumentType.TrForeignerId, '12345678901')).toBe('foreignerPrefix');
  });
});

describe('other document types', () => {
  it.each<[DocumentType, string]>([
    [DocumentType.UnhcrIndividualNumber, '123-12345678'],
    [DocumentType.UnhcrCaseNumber, '123-16C01234'],
    [DocumentType.UnhcrCaseNumber, '845-00C12345'],
    [DocumentType.Passport, 'N012345678'],
    [DocumentType.Passport, 'C01X00T47'],
    [DocumentType.NationalId, '01020304050'],
    [DocumentType.ResidencePermit, 'Y1AB23456'],
    [DocumentType.BamfFileNumber, '1234567-423'],
    [DocumentType.BamfFileNumber, '12345678-475'],
    [DocumentType.ArrivalCertificate, 'AKN/2016/12345'],
    [DocumentType.Other, 'Ü-123'],
    [DocumentType.Other, 'رقم-١٢٣'],
  ])('accepts %s %j', (type, number) => {
    expect(documentNumberProblem(type, number)).toBeNull();
  });

  it.each<[DocumentType, string, DocumentRule]>([
    [DocumentType.UnhcrIndividualNumber, '123_12345678', 'format'],
    [DocumentType.UnhcrIndividualNumber, '123--12345678', 'format'],
    [DocumentType.UnhcrIndividualNumber, '-12312345678', 'format'],
    [DocumentType.UnhcrCaseNumber, '123-16C01234-', 'format'],
    [DocumentType.UnhcrCaseNumber, 'ABC-DEFGH', 'format'],
    [DocumentType.UnhcrCaseNumber, '123-4', 'length'],
    [DocumentType.UnhcrCaseNumber, '123-456789012345678901', 'length'],
    [DocumentType.Passport, 'N0123-45678', 'format'],
    [DocumentType.Passport, 'N123', 'length'],
    [DocumentType.NationalId, '123456789012345678901', 'length'],
    [DocumentType.ResidencePermit, 'Y1AB2345Ö', 'format'],
    [DocumentType.BamfFileNumber, '123456-4234', 'format'],
    [DocumentType.BamfFileNumber, '123456789-1', 'format'],
    [DocumentType.BamfFileNumber, '123456-423', 'length'],
    [DocumentType.BamfFileNumber, '1234567-42', 'length'],
    [DocumentType.BamfFileNumber, '1234567/423', 'format'],
    [DocumentType.BamfFileNumber, '1234567-4231', 'format'],
    [DocumentType.BamfFileNumber, '123', 'length'],
    [DocumentType.ArrivalCertificate, 'AB', 'length'],
    [DocumentType.Other, 'X'.repeat(41), 'length'],
    [DocumentType.Other, 'A\u0000B', 'format'],
    [DocumentType.Other, 'A B', 'format'],
  ])('%s %j breaks %s', (type, number, rule) => {
    expect(documentNumberProblem(type, number)).toBe(rule);
  });

  it('counts length in code points, not UTF-16 units', () => {
    expect(documentNumberProblem(DocumentType.Other, '𝟙𝟚𝟛'.normalize('NFC'))).toBeNull();
    expect(documentNumberProblem(DocumentType.Other, '😀😀')).toBe('length');
  });
});

describe(normaliseDocumentNumber.name, () => {
  it.each<[DocumentType, string, string]>([
    [DocumentType.TrForeignerId, '  99 123 456 740 ', FOREIGNER],
    [DocumentType.TrForeignerId, '99-123-456-740', FOREIGNER],
    [DocumentType.TrCitizenId, '100.000.001.46', CITIZEN],
    [DocumentType.TrForeignerId, '٩٩١٢٣٤٥٦٧٤٠', FOREIGNER],
    [DocumentType.TrForeignerId, '۹۹۱۲۳۴۵۶۷۴۰', FOREIGNER],
    [DocumentType.TrForeignerId, '９９１２３４５６７４０', FOREIGNER],
    [DocumentType.TrForeignerId, '99\u00a0123\t456\n740', FOREIGNER],
    [DocumentType.UnhcrCaseNumber, ' 123-16c01234 ', '123-16C01234'],
    [DocumentType.UnhcrCaseNumber, '123 – 16C01234', '123-16C01234'],
    [DocumentType.UnhcrIndividualNumber, '123 12345678', '12312345678'],
    [DocumentType.Passport, 'n 0123-456.78', 'N012345678'],
    [DocumentType.NationalId, '010/203/04050', '01020304050'],
    [DocumentType.ResidencePermit, 'y1ab 23456', 'Y1AB23456'],
    [DocumentType.BamfFileNumber, '1234567 - 423', '1234567-423'],
    [DocumentType.BamfFileNumber, '1234567‐423', '1234567-423'],
    [DocumentType.BamfFileNumber, '1234567423', '1234567-423'],
    [DocumentType.BamfFileNumber, '12345678 475', '12345678-475'],
    [DocumentType.BamfFileNumber, '123456789', '123456789'],
    [DocumentType.ArrivalCertificate, ' akn/2016/12345 ', 'AKN/2016/12345'],
    [DocumentType.Other, 'ab. 12-3', 'AB.12-3'],
  ])('%s %j becomes %j', (type, raw, canonical) => {
    expect(normaliseDocumentNumber(type, raw)).toBe(canonical);
  });

  it('upper-cases i to I whatever the locale, never to the Turkish dotted İ', () => {
    expect(normaliseDocumentNumber(DocumentType.Passport, 'ui1234567')).toBe('UI1234567');
  });

  it('is idempotent', () => {
    const rng = seeded(11);
    for (const type of ALL_TYPES) {
      const once = normaliseDocumentNumber(type, ` ${randomDocumentNumber(type, rng).toLowerCase()} `);
      expect(normaliseDocumentNumber(type, once)).toBe(once);
    }
  });

  it('makes typing variations of one number compare equal and pass', () => {
    for (const raw of ['99123456740', '99 123 456 740', '99-123-456-740', '٩٩١٢٣٤٥٦٧٤٠']) {
      expect(check(DocumentType.TrForeignerId, raw)).toBeNull();
    }
  });
});

describe(documentRuleMessage.name, () => {
  // It is never given the number, so it cannot echo personal data.
  it('has a hint for every rule and type', () => {
    for (const type of ALL_TYPES) {
      for (const rule of DOCUMENT_RULES) {
        expect(documentRuleMessage(type, rule).length).toBeGreaterThan(10);
      }
    }
  });

  it('tells the caller to use tr_foreigner_id for a 99 number filed as a citizen number', () => {
    expect(documentRuleMessage(DocumentType.TrCitizenId, 'citizenPrefix')).toContain('tr_foreigner_id');
  });

  it('describes the expected format of loose types', () => {
    expect(documentRuleMessage(DocumentType.BamfFileNumber, 'format')).toContain('1234567-423');
  });
});

describe('rule codes', () => {
  it('are each produced by some input', () => {
    const produced = new Set<DocumentRule | null>([
      documentNumberProblem(DocumentType.TrCitizenId, 'X'),
      documentNumberProblem(DocumentType.TrCitizenId, '1'),
      documentNumberProblem(DocumentType.TrCitizenId, '01234567890'),
      documentNumberProblem(DocumentType.TrForeignerId, CITIZEN),
      documentNumberProblem(DocumentType.TrCitizenId, FOREIGNER),
      documentNumberProblem(DocumentType.TrCitizenId, '10000000156'),
      documentNumberProblem(DocumentType.TrCitizenId, '10000000147'),
      documentNumberProblem(DocumentType.Passport, 'N-1'),
    ]);
    expect([...produced].sort()).toEqual([...DOCUMENT_RULES].sort());
  });
});

describe(randomDocumentNumber.name, () => {
  const ROUNDS = 300;

  it.each(ALL_TYPES)('gives valid, canonical %s numbers', (type) => {
    const rng = seeded(type.length * 7919);
    for (let i = 0; i < ROUNDS; i++) {
      const number = randomDocumentNumber(type, rng);
      expect(normaliseDocumentNumber(type, number)).toBe(number);
      expect(documentNumberProblem(type, number)).toBeNull();
    }
  });

  it('gives YKNs of 99, seven random digits and the check digits', () => {
    const rng = seeded(3);
    const seen = new Set<string>();
    for (let i = 0; i < ROUNDS; i++) {
      const number = randomDocumentNumber(DocumentType.TrForeignerId, rng);
      expect(number).toMatch(/^99[0-9]{9}$/);
      seen.add(number);
    }
    expect(seen.size).toBeGreaterThan(ROUNDS * 0.99);
  });

  it('never gives a citizen number starting with 0 or 99', () => {
    const rng = seeded(5);
    for (let i = 0; i < 2000; i++) {
      expect(randomDocumentNumber(DocumentType.TrCitizenId, rng)).toMatch(/^(?!0|99)/);
    }
  });

  it('is deterministic for a seed and copes with a source that returns its bounds', () => {
    expect(randomDocumentNumber(DocumentType.TrForeignerId, seeded(42))).toBe(
      randomDocumentNumber(DocumentType.TrForeignerId, seeded(42)),
    );
    for (const type of ALL_TYPES) {
      expect(
        documentNumberProblem(
          type,
          randomDocumentNumber(type, () => 0),
        ),
      ).toBeNull();
      expect(
        documentNumberProblem(
          type,
          randomDocumentNumber(type, () => 0.9999999999),
        ),
      ).toBeNull();
      expect(
        documentNumberProblem(
          type,
          randomDocumentNumber(type, () => 1),
        ),
      ).toBeNull();
    }
  });

  it('changing any single digit of a valid YKN makes it fail', () => {
    // Why it holds: 7 and -1 are invertible mod 10, so a change to any of d1..d9 changes the expected
    // d10; a changed d10 or d11 no longer matches its own check. d1 and d2 break the 99 prefix first.
    const rng = seeded(99);
    const unexpected: string[] = [];
    let variants = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const valid = randomDocumentNumber(DocumentType.TrForeignerId, rng);
      for (let position = 0; position < valid.length; position++) {
        for (const digit of '0123456789') {
          if (digit === valid[position]) continue;
          const changed = valid.slice(0, position) + digit + valid.slice(position + 1);
          const expected: DocumentRule =
            position < 2 ? 'foreignerPrefix' : position === 10 ? 'checkDigit11' : 'checkDigit10';
          const problem = documentNumberProblem(DocumentType.TrForeignerId, changed);
          variants++;
          if (problem !== expected) unexpected.push(`${changed}: ${problem} instead of ${expected}`);
        }
      }
    }
    expect(variants).toBe(ROUNDS * 11 * 9);
    expect(unexpected).toEqual([]);
  });
});
