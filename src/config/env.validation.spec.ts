import { ConfigError, parseUrgencyHours, validateEnv } from './env.validation';

/** The problems a rejected environment is reported with. */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    validateEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the environment to be rejected');
}

describe(validateEnv.name, () => {
  it('applies the defaults to an empty environment', () => {
    expect(validateEnv({})).toMatchObject({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: 3000,
      DATABASE_URL: undefined,
      DATABASE_POOL_SIZE: 10,
      REDIS_URL: undefined,
      QUEUE_BACKEND: undefined,
      QUEUE_PREFIX: 'sukom',
      WORKER_CONCURRENCY: 4,
      JWT_SECRET: undefined,
      LOGIN_MAX_FAILURES_PER_USERNAME: 6,
      LOGIN_MAX_FAILURES_PER_IP: 30,
      LOGIN_FAILURE_WINDOW_SECONDS: 900,
      LOG_LEVEL: 'info',
      BODY_LIMIT: '1mb',
      API_DOCS_ENABLED: true,
      TRUST_PROXY_HOPS: 0,
      SHUTDOWN_TIMEOUT_MS: 25000,
    });
  });

  it('parses numbers', () => {
    expect(validateEnv({ PORT: '8080', WORKER_CONCURRENCY: ' 8 ' })).toMatchObject({
      PORT: 8080,
      WORKER_CONCURRENCY: 8,
    });
  });

  it('names PORT and the rule when PORT is out of range', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT must not be greater than 65535']);
  });

  it('names PORT and the rule when PORT is not a number', () => {
    expect(problemsOf({ PORT: 'eighty' })).toContain('PORT must be an integer number');
  });

  it('lists every broken variable, not only the first', () => {
    const problems = problemsOf({ PORT: '-1', LOG_LEVEL: 'loud' });
    expect(problems.some((p) => p.startsWith('PORT '))).toBe(true);
    expect(problems.some((p) => p.startsWith('LOG_LEVEL '))).toBe(true);
  });

  it('rejects a DATABASE_URL that is not PostgreSQL without echoing the URL or its password', () => {
    const url = 'mysql://user:secret@h/db';
    let message = '';
    try {
      validateEnv({ DATABASE_URL: url });
    } catch (err) {
      message = err instanceof Error ? err.message : '';
    }
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('secret');
    expect(message).not.toContain(url);
  });

  it('accepts postgres:// and postgresql:// URLs', () => {
    expect(validateEnv({ DATABASE_URL: 'postgres://u:p@db:5432/sukom' }).DATABASE_URL).toBe(
      'postgres://u:p@db:5432/sukom',
    );
    expect(validateEnv({ DATABASE_URL: 'postgresql://db/sukom' }).DATABASE_URL).toBe('postgresql://db/sukom');
  });

  it('treats an empty DATABASE_URL as absent', () => {
    expect(validateEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('requires REDIS_URL when QUEUE_BACKEND is redis', () => {
    expect(problemsOf({ QUEUE_BACKEND: 'redis' })).toEqual([
      'REDIS_URL is required when QUEUE_BACKEND is redis',
    ]);
  });

  it('accepts QUEUE_BACKEND=redis with a REDIS_URL', () => {
    expect(validateEnv({ QUEUE_BACKEND: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' }).QUEUE_BACKEND).toBe(
      'redis',
    );
  });

  it.each(['false', '0', 'no', 'FALSE'])('reads %p as false', (value) => {
    expect(validateEnv({ API_DOCS_ENABLED: value, SEED_DEMO_DATA: value })).toMatchObject({
      API_DOCS_ENABLED: false,
      SEED_DEMO_DATA: false,
    });
  });

  it.each(['true', '1', 'yes'])('reads %p as true', (value) => {
    expect(validateEnv({ API_DOCS_ENABLED: value }).API_DOCS_ENABLED).toBe(true);
  });

  it('rejects a boolean it cannot read', () => {
    expect(problemsOf({ API_DOCS_ENABLED: 'maybe' })).toEqual(['API_DOCS_ENABLED must be a boolean value']);
  });

  it('rejects a JWT_SECRET shorter than 32 characters', () => {
    expect(problemsOf({ JWT_SECRET: 'short' })).toEqual([
      'JWT_SECRET must be longer than or equal to 32 characters',
    ]);
  });

  it('rejects a login limit below 1', () => {
    expect(problemsOf({ LOGIN_MAX_FAILURES_PER_USERNAME: '0', LOGIN_FAILURE_WINDOW_SECONDS: '0' })).toEqual([
      'LOGIN_MAX_FAILURES_PER_USERNAME must not be less than 1',
      'LOGIN_FAILURE_WINDOW_SECONDS must not be less than 1',
    ]);
  });

  it('reads the referral hours per urgency, in any order', () => {
    const env = validateEnv({ REFERRAL_RESPONSE_HOURS: 'low=100, urgent=4,normal=48,high=12' });
    expect(parseUrgencyHours('REFERRAL_RESPONSE_HOURS', env.REFERRAL_RESPONSE_HOURS)).toEqual({
      urgent: 4,
      high: 12,
      normal: 48,
      low: 100,
    });
  });

  it.each([
    ['a malformed list', 'urgent:24', 'REFERRAL_RESPONSE_HOURS must list hours per urgency'],
    [
      'an unknown urgency',
      'urgent=24,high=72,normal=168,later=9',
      'REFERRAL_RESPONSE_HOURS must list hours per urgency',
    ],
    ['a missing urgency', 'urgent=24,high=72,normal=168', 'REFERRAL_RESPONSE_HOURS must give hours for low'],
    [
      'an urgency twice',
      'urgent=24,urgent=2,high=72,normal=168,low=1',
      'REFERRAL_RESPONSE_HOURS names urgent twice',
    ],
    [
      'zero hours',
      'urgent=0,high=72,normal=168,low=336',
      'REFERRAL_RESPONSE_HOURS: urgent must be at least 1 hour',
    ],
  ])('rejects referral hours with %s, naming the variable', (_label, value, problem) => {
    const problems = problemsOf({ REFERRAL_RESPONSE_HOURS: value });
    expect(problems.some((p) => p.startsWith(problem))).toBe(true);
    expect(problems.join(' ')).not.toContain(value);
  });

  it('ignores variables it does not know', () => {
    const vars = validateEnv({ PATH: '/usr/bin', HOME: '/root', SUKOM_UNKNOWN: 'x' });
    expect(vars).not.toHaveProperty('PATH');
    expect(vars).not.toHaveProperty('SUKOM_UNKNOWN');
  });
});
