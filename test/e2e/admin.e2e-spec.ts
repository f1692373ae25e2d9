import { DEMO_HOST, DEMO_PARTNER } from '../../src/seed/demo-seed';
import {
  allPages,
  API,
  Api,
  asUser,
  createAndLogin,
  createOrganisation,
  createUnit,
  createUser,
  expectError,
  expectStatus,
  me,
  organisationIdByName,
  refresh,
  strongPassword,
  uniqueSuffix,
  userIdByName,
  UUID,
} from '../utils/admin';
import { login, seedUsers, tokenFor } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Administration of organisations, service units and users', () => {
  let t: TestApp;
  let admin: Api;
  let hostId: string;
  let partnerId: string;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    admin = asUser(t, await tokenFor(t, 'admin'));
    hostId = await organisationIdByName(t, DEMO_HOST);
    partnerId = await organisationIdByName(t, DEMO_PARTNER);
  });
  afterAll(() => t.close());

  async function loginStatus(username: string, password: string): Promise<number> {
    return (await t.http().post(`${API}/auth/login`).send({ username, password })).status;
  }

  describe('OrganisationsController', () => {
    it('should create a partner organisation', async () => {
      const name = `Partner ${uniqueSuffix()}`;
      const res = await admin.post('/organisations', { name: `  ${name}  `, kind: 'partner_ngo' });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        name,
        kind: 'partner_ngo',
        isActive: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const got = await admin.get(`/organisations/${res.body.id}`);
      expectStatus(got, 200);
      expect(got.body).toEqual(res.body);
    });

    it('should page through organisations by name with a keyset cursor', async () => {
      const s = uniqueSuffix();
      const names = ['D', 'A', 'E', 'C', 'B'].map((x) => `Paging ${s} ${x}`);
      for (const name of names) await createOrganisation(admin, 'partner_ngo', name);

      const pages = await allPages(admin, '/organisations?limit=2');
      for (const page of pages) expect(page.items.length).toBeLessThanOrEqual(2);
      expect(pages[pages.length - 1].nextCursor).toBeUndefined();
      const seen = pages.flatMap((p) => p.items);
      const ids = seen.map((o) => o.id);
      expect(new Set(ids).size).toBe(ids.length);

      // The same order as the database's own ORDER BY (its collation), every organisation once.
      const all: Array<{ id: string }> = await t.dataSource.query(
        `SELECT id FROM organisations ORDER BY name, id`,
      );
      expect(ids).toEqual(all.map((r) => r.id));
      const mine = seen.map((o) => o.name as string).filter((n) => n.startsWith(`Paging ${s} `));
      expect(mine).toEqual([...names].sort());
    });

    it('should filter organisations by kind', async () => {
      const body = await createOrganisation(admin, 'public_body');
      const res = await admin.get('/organisations?kind=public_body&limit=100');
      expectStatus(res, 200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((o: any) => o.kind === 'public_body')).toBe(true);
      expect(res.body.items.map((o: any) => o.id)).toContain(body.id);

      const hosts = await admin.get('/organisations?kind=host');
      expectStatus(hosts, 200);
      expect(hosts.body.items.map((o: any) => o.id)).toEqual([hostId]);
    });

    it('should filter organisations by isActive=false', async () => {
      const inactive = await createOrganisation(admin);
      const active = await createOrganisation(admin);
      expectStatus(await admin.patch(`/organisations/${inactive.id}`, { isActive: false }), 200);

      const res = await admin.get('/organisations?isActive=false&limit=100');
      expectStatus(res, 200);
      const ids = res.body.items.map((o: any) => o.id);
      expect(ids).toContain(inactive.id);
      expect(ids).not.toContain(active.id);
      expect(ids).not.toContain(hostId);
      expect(res.body.items.every((o: any) => o.isActive === false)).toBe(true);
    });

    it('should answer a partial update with the whole organisation', async () => {
      const org = await createOrganisation(admin);
      const res = await admin.patch(`/organisations/${org.id}`, { isActive: false });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ id: org.id, name: org.name, kind: 'partner_ngo', isActive: false });
      const got = await admin.get(`/organisations/${org.id}`);
      expect(got.body).toMatchObject({ name: org.name, kind: 'partner_ngo', isActive: false });
    });

    it('should refuse a second organisation with the same name', async () => {
      const first = await createOrganisation(admin);
      const res = await admin.post('/organisations', { name: first.name, kind: 'public_body' });
      expectError(res, 409, 'NAME_TAKEN', { name: ['unique'] });
    });

    it('should refuse a second host organisation', async () => {
      const res = await admin.post('/organisations', { name: `Host ${uniqueSuffix()}`, kind: 'host' });
      expectError(res, 409, 'HOST_ORGANISATION_EXISTS');
    });

    it('should answer a tampered cursor with a 400 naming the cursor', async () => {
      const wrongShape = Buffer.from(JSON.stringify(['only-a-name'])).toString('base64url');
      const wrongTypes = Buffer.from(JSON.stringify([1, 2])).toString('base64url');
      for (const cursor of [wrongShape, wrongTypes, 'notjsonatall']) {
        const res = await admin.get(`/organisations?limit=2&cursor=${cursor}`);
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(Object.keys(res.body.details)).toEqual(['cursor']);
      }
    });

    it('should answer a non-UUID id with a 400 naming id', async () => {
      expectError(await admin.get('/organisations/not-a-uuid'), 400, 'VALIDATION_FAILED', { id: ['isUuid'] });
      expectError(await admin.patch('/organisations/123', { name: 'x' }), 400, 'VALIDATION_FAILED', {
        id: ['isUuid'],
      });
    });

    it('should create exactly one of two concurrent organisations with the same name', async () => {
      const name = `Race ${uniqueSuffix()}`;
      const responses = await Promise.all([
        admin.post('/organisations', { name, kind: 'partner_ngo' }),
        admin.post('/organisations', { name, kind: 'partner_ngo' }),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(responses.find((r) => r.status === 409)!.body.code).toBe('NAME_TAKEN');
      const rows: unknown[] = await t.dataSource.query(`SELECT 1 FROM organisations WHERE name = $1`, [name]);
      expect(rows).toHaveLength(1);
    });
  });

  describe('Organisation kind and self-lockout rules', () => {
    it("should refuse to change the host's kind", async () => {
      const res = await admin.patch(`/organisations/${hostId}`, { kind: 'partner_ngo' });
      expectError(res, 422, 'ORGANISATION_KIND_FIXED');
    });

    it('should refuse to make a partner organisation the host', async () => {
      const partner = await createOrganisation(admin);
      const res = await admin.patch(`/organisations/${partner.id}`, { kind: 'host' });
      expectError(res, 422, 'ORGANISATION_KIND_FIXED');
      const after = await admin.get(`/organisations/${partner.id}`);
      expect(after.body.kind).toBe('partner_ngo');
    });

    it('should allow changing a partner NGO into a public body', async () => {
      const partner = await createOrganisation(admin);
      const res = await admin.patch(`/organisations/${partner.id}`, { kind: 'public_body' });
      expectStatus(res, 200);
      expect(res.body.kind).toBe('public_body');
    });

    it('should refuse to let an administrator deactivate their own organisation', async () => {
      const res = await admin.patch(`/organisations/${hostId}`, { isActive: false });
      expectError(res, 422, 'SELF_LOCKOUT');
      const after = await admin.get(`/organisations/${hostId}`);
      expect(after.body.isActive).toBe(true);
    });
  });

  describe('Deactivating an organisation', () => {
    it("should end its users' sessions, and reactivation should not revive them", async () => {
      const org = await createOrganisation(admin);
      const unit = await createUnit(admin, org.id);
      const user = await createUser(admin, { organisationId: org.id, role: 'partner', unitIds: [unit.id] });
      const first = await login(t, user.username, user.password);
      const second = await login(t, user.username, user.password);
      expectStatus(await me(t, first.accessToken), 200);

      const off = await admin.patch(`/organisations/${org.id}`, { isActive: false });
      expectStatus(off, 200);
      expect(off.body.isActive).toBe(false);
      expect((await me(t, first.accessToken)).status).toBe(401);
      expect((await refresh(t, first.refreshToken)).status).toBe(401);
      expect(await loginStatus(user.username, user.password)).toBe(401);

      expectStatus(await admin.patch(`/organisations/${org.id}`, { isActive: true }), 200);
      // The second session's refresh token was never presented while deactivated: it was revoked.
      expect((await refresh(t, second.refreshToken)).status).toBe(401);
      expect((await me(t, second.accessToken)).status).toBe(401);
      expect(await loginStatus(user.username, user.password)).toBe(200);
    });
  });

  describe("A partner organisation's administrator", () => {
    let partnerAdmin: Api;
    let hostCaseworkerId: string;

    beforeAll(async () => {
      const unit = await createUnit(admin, partnerId);
      const user = await createAndLogin(t, admin, {
        organisationId: partnerId,
        role: 'admin',
        unitIds: [unit.id],
      });
      partnerAdmin = asUser(t, user.accessToken);
      hostCaseworkerId = await userIdByName(t, 'caseworker');
    });

    it('should see only their own organisation in the list', async () => {
      const res = await partnerAdmin.get('/organisations?limit=100');
      expectStatus(res, 200);
      expect(res.body.items.map((o: any) => o.id)).toEqual([partnerId]);
    });

    it('should get 404 for the host organisation', async () => {
      expectError(await partnerAdmin.get(`/organisations/${hostId}`), 404, 'NOT_FOUND');
    });

    it('should be forbidden to change their own organisation', async () => {
      const res = await partnerAdmin.patch(`/organisations/${partnerId}`, {
        name: `Renamed ${uniqueSuffix()}`,
      });
      expectError(res, 403, 'FORBIDDEN');
    });

    it('should be forbidden to create an organisation', async () => {
      const res = await partnerAdmin.post('/organisations', {
        name: `Partner made ${uniqueSuffix()}`,
        kind: 'partner_ngo',
      });
      expectError(res, 403, 'FORBIDDEN');
    });

    it('should create a unit in their own organisation', async () => {
      const res = await partnerAdmin.post('/service-units', {
        organisationId: partnerId,
        name: `Partner unit ${uniqueSuffix()}`,
      });
      expectStatus(res, 201);
      expect(res.body.organisationId).toBe(partnerId);
    });

    it('should not create a unit in the host organisation', async () => {
      const res = await partnerAdmin.post('/service-units', {
        organisationId: hostId,
        name: `Sneaky unit ${uniqueSuffix()}`,
      });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { organisationId: ['notFound'] });
    });

    it("should list only their organisation's users", async () => {
      const pages = await allPages(partnerAdmin, '/users?limit=100');
      const users = pages.flatMap((p) => p.items);
      expect(users.map((u) => u.username)).toContain('partner');
      expect(users.every((u) => u.organisationId === partnerId)).toBe(true);
    });

    it('should get 404 for a host user', async () => {
      expectError(await partnerAdmin.get(`/users/${hostCaseworkerId}`), 404, 'NOT_FOUND');
    });

    it('should get 404 when changing a host user', async () => {
      const res = await partnerAdmin.patch(`/users/${hostCaseworkerId}`, { displayName: 'Changed' });
      expectError(res, 404, 'NOT_FOUND');
      const rows: Array<{ display_name: string }> = await t.dataSource.query(
        `SELECT display_name FROM users WHERE id = $1`,
        [hostCaseworkerId],
      );
      expect(rows[0].display_name).toBe('Demo Caseworker');
    });
  });

  describe('ServiceUnitsController', () => {
    it('should create a unit', async () => {
      const name = `Unit ${uniqueSuffix()}`;
      const res = await admin.post('/service-units', { organisationId: hostId, name });
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        organisationId: hostId,
        name,
        isActive: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('should rename a unit', async () => {
      const unit = await createUnit(admin, hostId);
      const name = `Renamed ${uniqueSuffix()}`;
      const res = await admin.patch(`/service-units/${unit.id}`, { name });
      expectStatus(res, 200);
      expect(res.body.name).toBe(name);
      expect((await admin.get(`/service-units/${unit.id}`)).body.name).toBe(name);
    });

    it('should answer a partial update with the whole unit', async () => {
      const unit = await createUnit(admin, hostId);
      const res = await admin.patch(`/service-units/${unit.id}`, { isActive: false });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({
        id: unit.id,
        organisationId: hostId,
        name: unit.name,
        isActive: false,
      });
    });

    it('should refuse a duplicate name in the same organisation', async () => {
      const unit = await createUnit(admin, hostId);
      const res = await admin.post('/service-units', { organisationId: hostId, name: unit.name });
      expectError(res, 409, 'NAME_TAKEN', { name: ['unique'] });
    });

    it("should refuse renaming a unit to another unit's name", async () => {
      const a = await createUnit(admin, hostId);
      const b = await createUnit(admin, hostId);
      expectError(await admin.patch(`/service-units/${b.id}`, { name: a.name }), 409, 'NAME_TAKEN', {
        name: ['unique'],
      });
    });

    it('should allow the same name in another organisation', async () => {
      const unit = await createUnit(admin, hostId);
      const res = await admin.post('/service-units', { organisationId: partnerId, name: unit.name });
      expectStatus(res, 201);
      expect(res.body.organisationId).toBe(partnerId);
    });

    it('should deactivate a unit, which then takes no new members', async () => {
      const unit = await createUnit(admin, hostId);
      const off = await admin.patch(`/service-units/${unit.id}`, { isActive: false });
      expectStatus(off, 200);
      expect(off.body.isActive).toBe(false);

      const res = await admin.post('/users', {
        organisationId: hostId,
        username: `late.${uniqueSuffix()}`,
        displayName: 'Late Joiner',
        role: 'caseworker',
        unitIds: [unit.id],
        password: strongPassword(),
      });
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { unitIds: ['notFound'] });
    });
  });

  describe('UsersController', () => {
    let unitId: string;

    beforeAll(async () => {
      unitId = (await createUnit(admin, hostId)).id;
    });

    const newUser = (overrides: Record<string, unknown> = {}) => ({
      organisationId: hostId,
      username: `worker.${uniqueSuffix()}`,
      displayName: 'New Worker',
      role: 'caseworker',
      unitIds: [unitId],
      password: strongPassword(),
      ...overrides,
    });

    it('should create a caseworker with a unit, without any password or hash in the answer', async () => {
      const body = newUser();
      const res = await admin.post('/users', body);
      expectStatus(res, 201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        organisationId: hostId,
        username: body.username,
        displayName: 'New Worker',
        email: null,
        role: 'caseworker',
        unitIds: [unitId],
        isActive: true,
        lastLoginAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(body.password);
      expect(text).not.toContain('$argon2');
    });

    it('should let the new user log in', async () => {
      const user = await createUser(admin, { organisationId: hostId, role: 'caseworker', unitIds: [unitId] });
      const tokens = await login(t, user.username, user.password);
      const res = await me(t, tokens.accessToken);
      expectStatus(res, 200);
      expect(res.body).toMatchObject({
        username: user.username,
        role: 'caseworker',
        units: [{ id: unitId }],
      });
    });

    it('should store the username in lower case', async () => {
      const suffix = uniqueSuffix();
      const body = newUser({ username: `New.Worker.${suffix.toUpperCase()}` });
      const res = await admin.post('/users', body);
      expectStatus(res, 201);
      expect(res.body.username).toBe(`new.worker.${suffix}`);
      expect(await loginStatus(`New.Worker.${suffix.toUpperCase()}`, body.password)).toBe(200);
    });

    it('should refuse a username that is taken, whatever its case', async () => {
      const body = newUser();
      expectStatus(await admin.post('/users', body), 201);
      const again = await admin.post('/users', newUser({ username: body.username }));
      expectError(again, 409, 'USERNAME_TAKEN', { username: ['unique'] });
      const upper = await admin.post('/users', newUser({ username: body.username.toUpperCase() }));
      expectError(upper, 409, 'USERNAME_TAKEN', { username: ['unique'] });
    });

    it('should refuse a short password', async () => {
      const res = await admin.post('/users', newUser({ password: 'short' }));
      expectError(res, 400, 'WEAK_PASSWORD');
      expect(res.body.details.password).toContain('minLength');
    });

    it('should refuse a common password', async () => {
      const res = await admin.post('/users', newUser({ password: 'iloveyouforever' }));
      expectError(res, 400, 'WEAK_PASSWORD');
      expect(res.body.details.password).toEqual(['commonPassword']);
      expect(JSON.stringify(res.body)).not.toContain('iloveyouforever');
    });

    it('should refuse a password containing the username', async () => {
      const username = `worker.${uniqueSuffix()}`;
      const res = await admin.post('/users', newUser({ username, password: `${username}-harbour-lights` }));
      expectError(res, 400, 'WEAK_PASSWORD');
      expect(res.body.details.password).toContain('containsUsername');
    });

    it('should require at least one unit for a caseworker', async () => {
      const res = await admin.post('/users', newUser({ unitIds: [] }));
      expectError(res, 422, 'UNITS_REQUIRED', { unitIds: ['required'] });
      const without = newUser();
      delete (without as Record<string, unknown>).unitIds;
      expectError(await admin.post('/users', without), 422, 'UNITS_REQUIRED', { unitIds: ['required'] });
    });

    it('should refuse the partner role in the host organisation', async () => {
      const res = await admin.post('/users', newUser({ role: 'partner' }));
      expectError(res, 422, 'ROLE_NOT_ALLOWED_FOR_ORGANISATION', { role: ['notInHost'] });
    });

    it('should refuse a unit of another organisation', async () => {
      const partnerUnit = await createUnit(admin, partnerId);
      const res = await admin.post('/users', newUser({ unitIds: [partnerUnit.id] }));
      expectError(res, 422, 'REFERENCED_RECORD_NOT_FOUND', { unitIds: ['notFound'] });
    });

    it('should refuse unknown fields', async () => {
      const res = await admin.post('/users', newUser({ nickname: 'Nick', isAdmin: true }));
      expectError(res, 400, 'VALIDATION_FAILED', {
        nickname: ['whitelistValidation'],
        isAdmin: ['whitelistValidation'],
      });
    });

    it("should apply a role change on the user's very next request", async () => {
      const user = await createAndLogin(t, admin, {
        organisationId: hostId,
        role: 'caseworker',
        unitIds: [unitId],
      });
      const before = await me(t, user.accessToken);
      expectStatus(before, 200);
      expect(before.body.role).toBe('caseworker');
      expect(before.body.permissions).toContain('case.read');

      const res = await admin.patch(`/users/${user.id}`, { role: 'distribution_officer', unitIds: [unitId] });
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ role: 'distribution_officer', unitIds: [unitId] });

      const after = await me(t, user.accessToken);
      expectStatus(after, 200);
      expect(after.body.role).toBe('distribution_officer');
      expect(after.body.permissions).toEqual([
        'beneficiary.lookup',
        'distribution.read',
        'distribution.record',
      ]);
    });

    it('should refuse an administrator changing their own role', async () => {
      const adminId = await userIdByName(t, 'admin');
      const res = await admin.patch(`/users/${adminId}`, { role: 'supervisor', unitIds: [unitId] });
      expectError(res, 422, 'SELF_LOCKOUT', { role: ['ownAccount'] });
    });

    it('should refuse an administrator deactivating themselves', async () => {
      const adminId = await userIdByName(t, 'admin');
      const res = await admin.patch(`/users/${adminId}`, { isActive: false });
      expectError(res, 422, 'SELF_LOCKOUT', { isActive: ['ownAccount'] });
      expectStatus(await admin.get('/organisations?limit=1'), 200);
    });

    it("should set another user's password and end their sessions", async () => {
      const user = await createAndLogin(t, admin, {
        organisationId: hostId,
        role: 'caseworker',
        unitIds: [unitId],
      });
      const password = strongPassword();
      const res = await admin.put(`/users/${user.id}/password`, { password });
      expect(res.status).toBe(204);
      expect((await me(t, user.accessToken)).status).toBe(401);
      expect((await refresh(t, user.refreshToken)).status).toBe(401);
      expect(await loginStatus(user.username, password)).toBe(200);
      expect(await loginStatus(user.username, user.password)).toBe(401);
    });

    it('should refuse a weak password set by an administrator', async () => {
      const user = await createUser(admin, { organisationId: hostId, role: 'caseworker', unitIds: [unitId] });
      const res = await admin.put(`/users/${user.id}/password`, { password: 'short' });
      expectError(res, 400, 'WEAK_PASSWORD');
      expect(res.body.details.password).toContain('minLength');
    });

    it('should send an administrator to change-password for their own password', async () => {
      const adminId = await userIdByName(t, 'admin');
      const res = await admin.put(`/users/${adminId}/password`, { password: strongPassword() });
      expectError(res, 422, 'USE_CHANGE_PASSWORD');
    });
  });

  describe('Changing one’s own password (POST /auth/password)', () => {
    async function userWithTwoSessions() {
      const user = await createUser(admin, { organisationId: partnerId, role: 'data_protection_officer' });
      const first = await login(t, user.username, user.password);
      const second = await login(t, user.username, user.password);
      return { user, first, second };
    }

    it('should refuse a wrong current password', async () => {
      const { user, first } = await userWithTwoSessions();
      const res = await asUser(t, first.accessToken).post('/auth/password', {
        currentPassword: `${user.password}-wrong`,
        newPassword: strongPassword(),
      });
      expectError(res, 422, 'CURRENT_PASSWORD_WRONG', { currentPassword: ['wrong'] });
      expect(await loginStatus(user.username, user.password)).toBe(200);
    });

    it('should count wrong current passwords like failed logins, then answer 429', async () => {
      const { user, first } = await userWithTwoSessions();
      const guess = () =>
        asUser(t, first.accessToken).post('/auth/password', {
          currentPassword: `${user.password}-guess`,
          newPassword: strongPassword(),
        });
      for (let i = 0; i < 6; i++) expectStatus(await guess(), 422);
      const res = await guess();
      expectError(res, 429, 'TOO_MANY_REQUESTS');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(await loginStatus(user.username, user.password)).toBe(429);
    });

    it('should refuse a weak new password, naming newPassword', async () => {
      const { user, first } = await userWithTwoSessions();
      const res = await asUser(t, first.accessToken).post('/auth/password', {
        currentPassword: user.password,
        newPassword: 'short',
      });
      expectError(res, 400, 'WEAK_PASSWORD');
      expect(Object.keys(res.body.details)).toEqual(['newPassword']);
      expect(res.body.details.newPassword).toContain('minLength');
    });

    it('should change the password, keep this session and end the others', async () => {
      const { user, first, second } = await userWithTwoSessions();
      const newPassword = strongPassword();
      const res = await asUser(t, first.accessToken).post('/auth/password', {
        currentPassword: user.password,
        newPassword,
      });
      expect(res.status).toBe(204);
      expectStatus(await me(t, first.accessToken), 200);
      expect((await me(t, second.accessToken)).status).toBe(401);
      expect((await refresh(t, second.refreshToken)).status).toBe(401);
      expect(await loginStatus(user.username, newPassword)).toBe(200);
      expect(await loginStatus(user.username, user.password)).toBe(401);
    });
  });

  describe('Listing users', () => {
    let unitId: string;
    let active: string;
    let inactive: string;
    let distribution: string;

    beforeAll(async () => {
      unitId = (await createUnit(admin, hostId)).id;
      const opts = { organisationId: hostId, unitIds: [unitId] };
      active = (await createUser(admin, { ...opts, role: 'caseworker' })).id;
      inactive = (await createUser(admin, { ...opts, role: 'caseworker' })).id;
      distribution = (await createUser(admin, { ...opts, role: 'distribution_officer' })).id;
      expectStatus(await admin.patch(`/users/${inactive}`, { isActive: false }), 200);
    });

    it('should filter by organisation', async () => {
      const res = await admin.get(`/users?organisationId=${partnerId}&limit=100`);
      expectStatus(res, 200);
      expect(res.body.items.map((u: any) => u.username)).toContain('partner');
      expect(res.body.items.every((u: any) => u.organisationId === partnerId)).toBe(true);
    });

    it('should filter by role', async () => {
      const res = await admin.get('/users?role=distribution_officer&limit=100');
      expectStatus(res, 200);
      const ids = res.body.items.map((u: any) => u.id);
      expect(ids).toContain(distribution);
      expect(ids).not.toContain(active);
      expect(res.body.items.every((u: any) => u.role === 'distribution_officer')).toBe(true);
    });

    it('should filter by unit', async () => {
      const res = await admin.get(`/users?unitId=${unitId}&limit=100`);
      expectStatus(res, 200);
      expect(res.body.items.map((u: any) => u.id).sort()).toEqual([active, inactive, distribution].sort());
      expect(res.body.items.every((u: any) => u.unitIds.includes(unitId))).toBe(true);
    });

    it('should filter by isActive', async () => {
      const off = await admin.get(`/users?unitId=${unitId}&isActive=false`);
      expectStatus(off, 200);
      expect(off.body.items.map((u: any) => u.id)).toEqual([inactive]);
      const on = await admin.get(`/users?unitId=${unitId}&isActive=true`);
      expect(on.body.items.map((u: any) => u.id).sort()).toEqual([active, distribution].sort());
    });

    it('should page with limit=1, by username', async () => {
      const pages = await allPages(admin, `/users?unitId=${unitId}&limit=1`);
      expect(pages).toHaveLength(3);
      for (const page of pages) expect(page.items).toHaveLength(1);
      const users = pages.flatMap((p) => p.items);
      expect(users.map((u) => u.id).sort()).toEqual([active, inactive, distribution].sort());
      const usernames = users.map((u) => u.username as string);
      expect(usernames).toEqual([...usernames].sort());
    });
  });
});
