import type { TestApp } from './test-app';
import { DEMO_PASSWORD, seedDemoData } from '../../src/seed/demo-seed';

export { DEMO_PASSWORD };

/** Seeds the demo organisations and one user per role (usernames: admin, supervisor, ...). */
export async function seedUsers(t: TestApp): Promise<void> {
  await seedDemoData(t.dataSource);
}

export async function login(t: TestApp, username: string, password = DEMO_PASSWORD) {
  const res = await t.http().post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200)
    throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { accessToken: string; refreshToken: string; expiresIn: number };
}

export async function tokenFor(t: TestApp, username: string): Promise<string> {
  return (await login(t, username)).accessToken;
}
