import { loadServerConfig } from './app-config';
import { ConfigError } from './env.validation';

const SERVER_ENV = {
  DATABASE_URL: 'postgres://sukom@127.0.0.1:5432/sukom',
  JWT_SECRET: 'a-signing-secret-of-at-least-32-characters',
};

describe(loadServerConfig.name, () => {
  it('requires DATABASE_URL and JWT_SECRET, and names both at once', () => {
    let error: unknown;
    try {
      loadServerConfig({});
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^DATABASE_URL is required/);
    expect(problems[1]).toMatch(/^JWT_SECRET is required/);
  });

  it('builds the typed configuration from the environment', () => {
    const config = loadServerConfig({
      ...SERVER_ENV,
      PORT: '8080',
      CORS_ORIGINS: ' https://a.example , https://b.example ,',
    });
    expect(config.database.url).toBe(SERVER_ENV.DATABASE_URL);
    expect(config.auth.jwtSecret).toBe(SERVER_ENV.JWT_SECRET);
    expect(config.http.port).toBe(8080);
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('groups the login throttle settings under auth.login', () => {
    const config = loadServerConfig({
      ...SERVER_ENV,
      LOGIN_MAX_FAILURES_PER_USERNAME: '5',
      LOGIN_MAX_FAILURES_PER_IP: '50',
      LOGIN_FAILURE_WINDOW_SECONDS: '600',
    });
    expect(config.auth.login).toEqual({
      maxFailuresPerUsername: 5,
      maxFailuresPerIp: 50,
      windowSeconds: 600,
    });
    expect(loadServerConfig(SERVER_ENV).auth.login).toEqual({
      maxFailuresPerUsername: 6,
      maxFailuresPerIp: 30,
      windowSeconds: 900,
    });
  });

  it('uses the redis queue backend when REDIS_URL is set', () => {
    const config = loadServerConfig({ ...SERVER_ENV, REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config.queue.backend).toBe('redis');
    expect(config.queue.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('uses the postgres queue backend when REDIS_URL is not set', () => {
    expect(loadServerConfig(SERVER_ENV).queue.backend).toBe('postgres');
  });

  it('uses the postgres queue backend when QUEUE_BACKEND says so, even with REDIS_URL set', () => {
    const config = loadServerConfig({
      ...SERVER_ENV,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_BACKEND: 'postgres',
    });
    expect(config.queue.backend).toBe('postgres');
  });
});
