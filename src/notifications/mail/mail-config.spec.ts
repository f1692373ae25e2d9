import { AppConfig, loadServerConfig } from '../../config/app-config';
import { ConfigError, validateEnv } from '../../config/env.validation';

const SERVER_ENV = {
  DATABASE_URL: 'postgres://sukom@127.0.0.1:5432/sukom',
  JWT_SECRET: 'a-signing-secret-of-at-least-32-characters',
};
const SMTP_URL = 'smtps://mailer:s3cret-Passw0rd@mail.example.org:465';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

const embedded = (env: Record<string, string> = {}) =>
  new AppConfig(validateEnv(env), { databaseUrl: SERVER_ENV.DATABASE_URL, jwtSecret: '' });

describe('Mail settings', () => {
  it('log e-mails in embedded mode by default, linking to the local API address', () => {
    expect(embedded().mail).toEqual({
      transport: 'log',
      enabled: true,
      smtpUrl: undefined,
      from: 'SUKOM <no-reply@localhost>',
      publicUrl: 'http://127.0.0.1:3000',
    });
    expect(embedded({ SMTP_URL, HOST: '0.0.0.0', PORT: '8080' }).mail).toMatchObject({
      transport: 'log',
      publicUrl: 'http://127.0.0.1:8080',
    });
  });

  it('send by SMTP in server mode once SMTP_URL is set, and not at all otherwise', () => {
    expect(loadServerConfig(SERVER_ENV).mail).toMatchObject({ transport: 'none', enabled: false });
    const smtp = loadServerConfig({
      ...SERVER_ENV,
      SMTP_URL,
      APP_PUBLIC_URL: 'https://sukom.example.org/app/',
      MAIL_FROM: 'Case Management <cases@example.org>',
    }).mail;
    expect(smtp).toEqual({
      transport: 'smtp',
      enabled: true,
      smtpUrl: SMTP_URL,
      from: 'Case Management <cases@example.org>',
      publicUrl: 'https://sukom.example.org/app',
    });
  });

  it('lets MAIL_TRANSPORT choose in either mode', () => {
    expect(embedded({ MAIL_TRANSPORT: 'memory' }).mail.transport).toBe('memory');
    expect(embedded({ MAIL_TRANSPORT: 'none' }).mail).toMatchObject({ transport: 'none', enabled: false });
    expect(loadServerConfig({ ...SERVER_ENV, SMTP_URL, MAIL_TRANSPORT: 'log' }).mail.transport).toBe('log');
  });

  it('requires SMTP_URL and APP_PUBLIC_URL for SMTP, naming the variables', () => {
    expect(problemsOf(() => validateEnv({ MAIL_TRANSPORT: 'smtp' }))).toEqual([
      'SMTP_URL is required when MAIL_TRANSPORT is smtp',
      'APP_PUBLIC_URL is required when MAIL_TRANSPORT is smtp (the e-mails link to it)',
    ]);
    expect(problemsOf(() => loadServerConfig({ ...SERVER_ENV, SMTP_URL }))).toEqual([
      'APP_PUBLIC_URL is required when SMTP_URL is set (the e-mails link to it)',
    ]);
  });

  it('refuses malformed values without repeating them', () => {
    const problems = problemsOf(() =>
      validateEnv({
        MAIL_TRANSPORT: 'carrier-pigeon',
        SMTP_URL: 'http://mailer:s3cret-Passw0rd@mail.example.org',
        MAIL_FROM: 'not an address',
        APP_PUBLIC_URL: 'sukom.example.org?token=abc',
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^MAIL_TRANSPORT must be one of/),
      'SMTP_URL must be an smtp:// or smtps:// URL',
      'MAIL_FROM must be an e-mail address, optionally as Name <address>',
      'APP_PUBLIC_URL must be an http:// or https:// URL without query or fragment',
    ]);
    expect(problems.join('\n')).not.toMatch(/s3cret|pigeon|token=abc/);
  });
});
