import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BadRequestError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { DEMO_PASSWORD, DEMO_USERS } from '../seed/demo-seed';
import {
  assertAcceptablePassword,
  commonPasswords,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
} from './password-policy';

/** `count` code points taken in turn from `pool`: no repetition, and on no list. */
const codePoints = (pool: string, count: number) => {
  const chars = [...pool];
  return Array.from({ length: count }, (_, i) => chars[i % chars.length]).join('');
};
/** Each one code point and two UTF-16 units. */
const EMOJI = '😀🚀🌍🎉🔑📚🌱🧭';
/** Each one code point and two UTF-8 bytes. */
const ARABIC = 'سلامبيتنورهكدف';
/** Letters that NFC composes with U+0301 into one precomposed letter each: á, ć, é, ǵ, ... */
const ACUTE_BASES = 'acegiklmnoprsuwyz';
const decomposedAcutes = (count: number) => codePoints(ACUTE_BASES, count).replace(/./g, '$&\u0301');

/** On the shipped list (see the last test) and 15 characters long. */
const LISTED = 'iloveyouforever';
const PASSPHRASE = 'lantern-okapi-velvet-97-thunder';
const NO_CONTEXT = {};

describe(passwordProblems.name, () => {
  it('rejects 11 code points as too short, though they are 22 UTF-16 units', () => {
    const password = codePoints(EMOJI, PASSWORD_MIN_LENGTH - 1);
    expect(password).toHaveLength(22);
    expect(passwordProblems(password, NO_CONTEXT)).toEqual(['minLength']);
  });

  it('accepts 12 code points of Arabic', () => {
    expect(passwordProblems(codePoints(ARABIC, PASSWORD_MIN_LENGTH), NO_CONTEXT)).toEqual([]);
  });

  it('counts a letter with a combining accent as one code point, after NFC', () => {
    expect(passwordProblems(decomposedAcutes(12), NO_CONTEXT)).toEqual([]);
    expect(passwordProblems(decomposedAcutes(11), NO_CONTEXT)).toEqual(['minLength']);
  });

  it('accepts 128 code points, though they are 256 UTF-16 units', () => {
    expect(passwordProblems(codePoints(EMOJI, PASSWORD_MAX_LENGTH), NO_CONTEXT)).toEqual([]);
  });

  it('rejects 129 code points as too long', () => {
    expect(passwordProblems(codePoints(EMOJI, PASSWORD_MAX_LENGTH + 1), NO_CONTEXT)).toEqual(['maxLength']);
  });

  it('rejects a password on the common list, whatever its case', () => {
    expect(passwordProblems('ILoveYouForever', NO_CONTEXT)).toEqual(['commonPassword']);
  });

  it('rejects a listed password with digits and punctuation appended', () => {
    expect(passwordProblems(`${LISTED}2024!`, NO_CONTEXT)).toEqual(['commonPassword']);
  });

  it('rejects a listed password typed in full-width letters (NFKC)', () => {
    const fullWidth = String.fromCodePoint(...[...LISTED].map((c) => c.codePointAt(0)! + 0xfee0));
    expect(passwordProblems(fullWidth, NO_CONTEXT)).toEqual(['commonPassword']);
  });

  it('accepts a random passphrase', () => {
    expect(passwordProblems(PASSPHRASE, { username: 'caseworker', displayName: 'Demo Caseworker' })).toEqual(
      [],
    );
  });

  it('accepts the demo password for every demo user', () => {
    for (const { username, displayName } of DEMO_USERS) {
      expect(passwordProblems(DEMO_PASSWORD, { username, displayName })).toEqual([]);
    }
  });

  it('rejects a password that contains the username, whatever its case', () => {
    expect(passwordProblems('MHaddad-winter-garden', { username: 'mhaddad' })).toEqual(['containsUsername']);
  });

  it('does not look for a username shorter than 3 characters', () => {
    expect(passwordProblems('always-walking-calmly', { username: 'al' })).toEqual([]);
  });

  it('rejects the display name as the password, ignoring case and spaces', () => {
    expect(passwordProblems('aminayusufHASSAN', { displayName: 'Amina Yusuf Hassan' })).toEqual([
      'containsUsername',
    ]);
  });

  it('rejects one or two characters repeated', () => {
    expect(passwordProblems('zqzqzqzqzqzqzq', NO_CONTEXT)).toEqual(['repetitive']);
    expect(passwordProblems('QpQpQpQpqpqpQP', NO_CONTEXT)).toEqual(['repetitive']);
  });

  it('names every rule the password breaks', () => {
    expect(passwordProblems('aaaa', { username: 'aaa' })).toEqual([
      'minLength',
      'containsUsername',
      'repetitive',
    ]);
  });
});

describe(assertAcceptablePassword.name, () => {
  const thrown = (password: string, field?: string): unknown => {
    try {
      assertAcceptablePassword(password, { username: 'mhaddad' }, field);
    } catch (error) {
      return error;
    }
    throw new Error('assertAcceptablePassword did not throw');
  };

  it('accepts a good password', () => {
    expect(() => assertAcceptablePassword(PASSPHRASE, { username: 'mhaddad' })).not.toThrow();
  });

  it('throws a 400 WEAK_PASSWORD naming the rules under the field', () => {
    const error = thrown('MHaddad-forever');
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      code: ErrorCode.WeakPassword,
      message: 'Password does not meet the policy: containsUsername',
      details: { password: ['containsUsername'] },
    });
  });

  it('puts the rules under the given field', () => {
    expect(thrown(LISTED, 'newPassword')).toMatchObject({ details: { newPassword: ['commonPassword'] } });
  });

  it('never repeats the password in the message or the details', () => {
    const password = `${LISTED}!`;
    const error = thrown(password) as BadRequestError;
    expect(error.message).not.toContain(password);
    expect(JSON.stringify(error.details)).not.toContain(password);
    expect(JSON.stringify(error.details)).not.toContain(LISTED);
  });
});

describe(commonPasswords.name, () => {
  const FILE = join(__dirname, 'common-passwords.txt');
  const lines = readFileSync(FILE, 'utf8').split('\n');
  const header = lines.slice(
    0,
    lines.findIndex((line) => !line.startsWith('#')),
  );
  const entries = lines.slice(header.length, -1);

  it('loads the shipped list, more than 43,000 passwords', () => {
    expect(commonPasswords().size).toBeGreaterThan(43_000);
    expect(commonPasswords().size).toBe(entries.length);
    expect(commonPasswords().has(LISTED)).toBe(true);
  });

  it('names its source in a header, and ends with a newline', () => {
    expect(header.join('\n')).toMatch(/Source: .*10 million passwords/);
    expect(lines.at(-1)).toBe('');
  });

  it('holds lower-case NFKC entries of 12 to 128 code points, sorted and unique', () => {
    const bad = entries.filter((entry) => {
      const length = [...entry].length;
      return (
        entry !== entry.normalize('NFKC').toLowerCase() ||
        entry.startsWith('#') ||
        length < PASSWORD_MIN_LENGTH ||
        length > PASSWORD_MAX_LENGTH
      );
    });
    expect(bad).toEqual([]);
    expect(entries).toEqual([...new Set(entries)].sort());
  });
});
