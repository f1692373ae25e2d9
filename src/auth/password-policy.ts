import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BadRequestError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';

/**
 * The password policy, after NIST SP 800-63B: a length range and no composition rules (no "one
 * digit, one capital"), but no password from a list of common, breached ones, none built from the
 * account's own name, and none that is one or two characters repeated. Pure apart from reading the
 * list once; it knows nothing of HTTP or of users.
 */

export const PASSWORD_MIN_LENGTH = 12;
/** An upper bound keeps hashing cheap; 128 is long enough for any passphrase or generated password. */
export const PASSWORD_MAX_LENGTH = 128;

/** Stable names, sent to clients in `details` like the validation pipe's constraint names. */
export type PasswordRule = 'minLength' | 'maxLength' | 'commonPassword' | 'containsUsername' | 'repetitive';

export interface PasswordContext {
  username?: string;
  displayName?: string;
}

/** A username shorter than this is not looked for inside the password: 'al' is in too many words. */
const MIN_USERNAME_LENGTH = 3;

/**
 * The shipped list (see the header of the file and scripts/build-common-passwords.ts): NFKC,
 * lower case, 12 to 128 code points. `nest build` copies it next to the compiled module (the
 * `assets` of nest-cli.json), so the same path works under ts-jest and in dist/src/auth.
 */
const COMMON_PASSWORDS_FILE = join(__dirname, 'common-passwords.txt');

let commonPasswordSet: ReadonlySet<string> | undefined;

/** The list as a set, read on first use and kept: about 44,000 entries, a few MB of memory. */
export function commonPasswords(): ReadonlySet<string> {
  commonPasswordSet ??= new Set(
    readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return commonPasswordSet;
}

/** The form compared with the list and with names: compatibility characters folded, lower case. */
function fold(value: string): string {
  return value.normalize('NFKC').toLowerCase();
}

/**
 * Digits, punctuation, symbols and spaces at the end, the usual way to "strengthen" a password
 * ('iloveyouforever' -> 'iloveyouforever2024!'), and the first thing cracking rules try. Looking
 * the password up once more without them costs one more set look-up, and it only rejects what is
 * a listed password (itself 12 or more characters) plus a suffix. Prefixes and other mangling are
 * left to the list itself.
 */
const TRAILING_DIGITS_AND_PUNCTUATION = /[\p{N}\p{P}\p{S}\s]+$/u;

function isCommon(folded: string): boolean {
  const list = commonPasswords();
  if (list.has(folded)) return true;
  const stripped = folded.replace(TRAILING_DIGITS_AND_PUNCTUATION, '');
  return stripped !== folded && list.has(stripped);
}

/**
 * Context-specific words (SP 800-63B): the username anywhere in the password, ignoring case; or
 * the display name as the whole password, ignoring case and spaces ('Amina Yusuf Hassan' and
 * 'aminayusufhassan'). Only the whole display name: parts of names are short and shared by many
 * people, and rejecting every password that contains one would reject good passphrases.
 */
function containsUsername(folded: string, context: PasswordContext): boolean {
  const username = context.username === undefined ? '' : fold(context.username.trim());
  if ([...username].length >= MIN_USERNAME_LENGTH && folded.includes(username)) return true;
  const withoutSpaces = (value: string) => value.replace(/\s+/gu, '');
  const displayName = context.displayName === undefined ? '' : withoutSpaces(fold(context.displayName));
  return displayName !== '' && withoutSpaces(folded) === displayName;
}

/**
 * One or two distinct characters, whatever the length: 'aaaaaaaaaaaa', 'abababababab',
 * '1111122222222'. Counted after case folding, so 'AaAaAaAaAaAa' is one. A simple stand-in for
 * "repetitive or sequential" in SP 800-63B; sequences such as '123456789012' or 'qwertyuiopas'
 * are common enough to be on the list.
 */
function isRepetitive(folded: string): boolean {
  return new Set(folded).size <= 2;
}

/**
 * The rules the password breaks, in a fixed order; empty when it is acceptable. Every rule is
 * checked, so a client can show them all at once. Length is counted in Unicode code points after
 * NFC, so that 'é' typed either way, an Arabic letter or an emoji each count as one character.
 */
export function passwordProblems(password: string, context: PasswordContext): PasswordRule[] {
  const problems: PasswordRule[] = [];
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('minLength');
  if (length > PASSWORD_MAX_LENGTH) problems.push('maxLength');
  const folded = fold(password);
  if (isCommon(folded)) problems.push('commonPassword');
  if (containsUsername(folded, context)) problems.push('containsUsername');
  if (isRepetitive(folded)) problems.push('repetitive');
  return problems;
}

/**
 * Throws a 400 `WEAK_PASSWORD` naming the broken rules under `field`, shaped like a validation
 * error's `details`. Neither the message nor the details contain the password.
 */
export function assertAcceptablePassword(
  password: string,
  context: PasswordContext,
  field = 'password',
): void {
  const problems = passwordProblems(password, context);
  if (problems.length === 0) return;
  throw new BadRequestError(
    ErrorCode.WeakPassword,
    `Password does not meet the policy: ${problems.join(', ')}`,
    { [field]: problems },
  );
}
