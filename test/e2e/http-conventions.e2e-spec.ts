import { createTestApp, TestApp } from '../utils/test-app';
import { seedUsers } from '../utils/auth';

describe('HTTP conventions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ workers: false, env: { BODY_LIMIT: '16kb' } });
    await seedUsers(t);
  });
  afterAll(() => t.close());

  it('should refuse an unknown field with a 400 that names it', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: 'x'.repeat(40), extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      details: { extra: ['whitelistValidation'] },
    });
    expect(typeof res.body.requestId).toBe('string');
  });

  it('should name a malformed field and the rule it broke', async () => {
    const res = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: 42 });
    expect(res.status).toBe(400);
    expect(res.body.details.refreshToken).toEqual(expect.arrayContaining(['isString']));
  });

  it('should answer malformed JSON with 400 MALFORMED_REQUEST', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'MALFORMED_REQUEST' });
  });

  it('should answer a body over the limit with 413', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'a', password: 'p'.repeat(20_000) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('should answer an unknown route with 404 in the error shape', async () => {
    const res = await t.http().get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      message: 'No such route',
      requestId: expect.any(String),
    });
  });

  it('should echo a well-formed X-Request-Id and make one otherwise', async () => {
    const given = await t.http().get('/api/v1/nope').set('X-Request-Id', 'trace-1234abcd');
    expect(given.headers['x-request-id']).toBe('trace-1234abcd');
    expect(given.body.requestId).toBe('trace-1234abcd');
    const made = await t.http().get('/api/v1/nope').set('X-Request-Id', 'bad id with spaces');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should send security headers and no X-Powered-By', async () => {
    const res = await t.http().get('/health');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('should refuse cross-origin browsers unless the origin is allowed', async () => {
    const res = await t
      .http()
      .options('/api/v1/auth/login')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('should answer an unexpected failure with a 500 that carries no SQL or stack', async () => {
    await t.dataSource.query('ALTER TABLE refresh_tokens RENAME TO refresh_tokens_gone');
    try {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'caseworker', password: 'sukom-demo-2026' });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        message: 'Internal server error',
        requestId: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/refresh_tokens|relation|at .*\.ts/);
    } finally {
      await t.dataSource.query('ALTER TABLE refresh_tokens_gone RENAME TO refresh_tokens');
    }
  });
});
