import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedSecrets {
  databasePassword: string;
  jwtSecret: string;
}

/**
 * Secrets of an embedded installation, generated on first start and kept beside the data (mode
 * 0600), so that tokens survive a restart and the database is not open to other local users.
 */
export function loadOrCreateSecrets(dataRoot: string): EmbeddedSecrets {
  const file = join(dataRoot, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as EmbeddedSecrets;
  mkdirSync(dataRoot, { recursive: true, mode: 0o755 });
  const secrets = {
    databasePassword: randomBytes(24).toString('base64url'),
    jwtSecret: randomBytes(48).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  return secrets;
}
