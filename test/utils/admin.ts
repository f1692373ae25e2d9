import { randomBytes } from 'node:crypto';
import type { Test } from 'supertest';
import { login } from './auth';
import type { TestApp } from './test-app';

export const API = '/api/v1';

/** An id that exists nowhere. */
export const MISSING = '00000000-0000-4000-8000-000000000000';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A short random suffix, so that names stay unique across tests and repeated runs. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** A password the policy accepts: long, not on the list, unrelated to any username. */
export function strongPassword(): string {
  return `quiet-meadow-lantern-${uniqueSuffix()}`;
}

export interface Api {
  get(path: string): Test;
  post(path: string, body?: object): Test;
  patch(path: string, body: object): Test;
  put(path: string, body: object): Test;
}

/** Requests under /api/v1 with the given access token. */
export function asUser(t: TestApp, token: string): Api {
  const auth = (req: Test) => req.set('Authorization', `Bearer ${token}`);
  return {
    get: (path) => auth(t.http().get(`${API}${path}`)),
    post: (path, body) => auth(t.http().post(`${API}${path}`)).send(body ?? {}),
    patch: (path, body) => auth(t.http().patch(`${API}${path}`)).send(body),
    put: (path, body) => auth(t.http().put(`${API}${path}`)).send(body),
  };
}

/** The id of an organisation, looked up by name in the database. */
export async function organisationIdByName(t: TestApp, name: string): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `SELECT id FROM organisations WHERE name = $1`,
    [name],
  );
  if (!rows[0]) throw new Error(`no organisation named ${name}`);
  return rows[0].id;
}

/** The id of a user, looked up by username in the database. */
export async function userIdByName(t: TestApp, username: string): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM users WHERE username = $1`, [
    username,
  ]);
  if (!rows[0]) throw new Error(`no user named ${username}`);
  return rows[0].id;
}

export async function createOrganisation(
  api: Api,
  kind: 'partner_ngo' | 'public_body' = 'partner_ngo',
  name = `Test Org ${uniqueSuffix()}`,
): Promise<{ id: string; name: string; kind: string; isActive: boolean }> {
  const res = await api.post('/organisations', { name, kind });
  if (res.status !== 201)
    throw new Error(`organisation not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createUnit(
  api: Api,
  organisationId: string,
  name = `Test Unit ${uniqueSuffix()}`,
): Promise<{ id: string; organisationId: string; name: string; isActive: boolean }> {
  const res = await api.post('/service-units', { organisationId, name });
  if (res.status !== 201) throw new Error(`unit not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface CreatedUser {
  id: string;
  username: string;
  password: string;
  organisationId: string;
  role: string;
  unitIds: string[];
}

/** Creates a user through the API (as an administrator) and returns it with its password. */
export async function createUser(
  api: Api,
  opts: { organisationId: string; role: string; unitIds?: string[]; username?: string; password?: string },
): Promise<CreatedUser> {
  const username = opts.username ?? `user.${uniqueSuffix()}`;
  const password = opts.password ?? strongPassword();
  const res = await api.post('/users', {
    organisationId: opts.organisationId,
    username,
    displayName: `Test ${username}`,
    role: opts.role,
    unitIds: opts.unitIds ?? [],
    password,
  });
  if (res.status !== 201) throw new Error(`user not created: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, password };
}

/** Creates a user and logs them in. */
export async function createAndLogin(
  t: TestApp,
  api: Api,
  opts: Parameters<typeof createUser>[1],
): Promise<CreatedUser & { accessToken: string; refreshToken: string }> {
  const user = await createUser(api, opts);
  const tokens = await login(t, user.username, user.password);
  return { ...user, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
}

/** GET /auth/me with the token; the status tells whether the session still works. */
export function me(t: TestApp, token: string): Test {
  return t.http().get(`${API}/auth/me`).set('Authorization', `Bearer ${token}`);
}

export function refresh(t: TestApp, refreshToken: string): Test {
  return t.http().post(`${API}/auth/refresh`).send({ refreshToken });
}

interface StatusAndBody {
  status: number;
  body: unknown;
}

/** Asserts the status, showing the body when it differs. */
export function expectStatus(res: StatusAndBody, status: number): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
}

/** Asserts an error answer: status, code and (if given) exactly these details. */
export function expectError(
  res: StatusAndBody,
  status: number,
  code: string,
  details?: Record<string, string[]>,
): void {
  expect({ status: res.status, body: res.body }).toMatchObject({
    status,
    body: { statusCode: status, code, ...(details ? { details } : {}) },
  });
  if (details) expect((res.body as { details: unknown }).details).toEqual(details);
}

/** Follows nextCursor from the first page until it is absent; returns every page. */
export async function allPages(
  api: Api,
  path: string,
): Promise<Array<{ items: any[]; nextCursor?: string }>> {
  const pages: Array<{ items: any[]; nextCursor?: string }> = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await api.get(cursor ? `${path}${sep}cursor=${cursor}` : path);
    expectStatus(res, 200);
    pages.push(res.body);
    cursor = res.body.nextCursor;
    if (pages.length > 500) throw new Error('paging does not end');
  } while (cursor);
  return pages;
}

/** Every item of every page of a list. */
export async function allItems(api: Api, path: string): Promise<any[]> {
  return (await allPages(api, path)).flatMap((p) => p.items);
}
