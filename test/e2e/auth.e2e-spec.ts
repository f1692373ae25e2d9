import { JwtService } from '@nestjs/jwt';
import { DEMO_PASSWORD, login, seedUsers } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Authentication', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
  });
  afterAll(() => t.close());

  it('should log in a demo user and return their profile', async () => {
    const tokens = await login(t, 'caseworker');
    expect(tokens.expiresIn).toBeLessThanOrEqual(900);
    const me = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${tokens.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: 'caseworker',
      role: 'caseworker',
      organisation: { name: 'Demo Refugee Association' },
      units: [{ name: 'Protection' }],
    });
    expect(me.body.permissions).toContain('case.read');
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('should answer a wrong password and an unknown user the same way', async () => {
    const wrong = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'caseworker', password: 'not-the-password' });
    const unknown = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'nobody-here', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect({ ...wrong.body, requestId: '' }).toEqual({ ...unknown.body, requestId: '' });
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('should refuse a request without a token', async () => {
    const res = await t.http().get('/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('should rotate the refresh token and revoke the family when a used one comes back', async () => {
    const first = await login(t, 'supervisor');
    const second = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);

    const replay = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    // The legitimate holder of the newest token is logged out too: the whole family is revoked.
    const next = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(next.status).toBe(401);
    const me = await t
      .http()
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${second.body.accessToken}`);
    expect(me.status).toBe(401);
  });

  it('should end the session at logout for the access token too', async () => {
    const tokens = await login(t, 'dpo');
    const out = await t
      .http()
      .post('/api/v1/auth/logout')
      .set('Authorization', `Bearer ${tokens.accessToken}`);
    expect(out.status).toBe(204);
    expect(
      (await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${tokens.accessToken}`)).status,
    ).toBe(401);
    expect(
      (await t.http().post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken })).status,
    ).toBe(401);
  });

  it('should refuse a deactivated user on their very next request', async () => {
    const tokens = await login(t, 'distribution');
    await t.dataSource.query(`UPDATE users SET is_active = false WHERE username = 'distribution'`);
    const me = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${tokens.accessToken}`);
    expect(me.status).toBe(401);
    const again = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'distribution', password: DEMO_PASSWORD });
    expect(again.status).toBe(401);
  });

  it('should refuse an expired access token of a live session', async () => {
    const { accessToken } = await login(t, 'caseworker');
    const jwt = t.app.get(JwtService);
    const claims = jwt.decode<{ sub: string; sid: string }>(accessToken);
    const expired = await jwt.signAsync({
      sub: claims.sub,
      sid: claims.sid,
      exp: Math.floor(Date.now() / 1000) - 1,
    });
    const live = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${accessToken}`);
    expect(live.status).toBe(200);
    const res = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${expired}`);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('should refuse a token signed with another secret', async () => {
    const forged = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4Iiwic2lkIjoieSJ9.c2lnbmF0dXJl';
    const res = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'TOKEN_INVALID' });
  });
});
