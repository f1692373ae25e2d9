import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { sha256Hex } from '../../src/auth/tokens';
import { DEMO_HOST, DEMO_PARTNER } from '../../src/seed/demo-seed';
import {
  allPages,
  API,
  Api,
  asUser,
  createAndLogin,
  createUnit,
  createUser,
  expectError,
  expectStatus,
  organisationIdByName,
  refresh,
  strongPassword,
  uniqueSuffix,
  userIdByName,
} from '../utils/admin';
import { DEMO_PASSWORD, login, seedUsers } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

const USER_AGENT = 'audit-test/1.0';

interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  organisation_id: string | null;
  fields_read: string[] | null;
  changes: Record<string, unknown> | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
}

const requestId = () => `audit-test-${uniqueSuffix()}`;

describe('Audit log', () => {
  let t: TestApp;
  let adminToken: string;
  let admin: Api;
  let adminId: string;
  let hostId: string;
  let partnerId: string;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    adminToken = (await login(t, 'admin')).accessToken;
    admin = asUser(t, adminToken);
    adminId = await userIdByName(t, 'admin');
    hostId = await organisationIdByName(t, DEMO_HOST);
    partnerId = await organisationIdByName(t, DEMO_PARTNER);
  });
  afterAll(() => t.close());

  function auditRows(where: string, params: unknown[] = []): Promise<AuditRow[]> {
    return t.dataSource.query(`SELECT * FROM audit_events WHERE ${where} ORDER BY id`, params);
  }

  async function auditCount(): Promise<number> {
    const [row]: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events`,
    );
    return row.n;
  }

  async function lastAuditId(): Promise<string> {
    const [row]: Array<{ id: string }> = await t.dataSource.query(
      `SELECT coalesce(max(id), 0)::text AS id FROM audit_events`,
    );
    return row.id;
  }

  function loginRequest(username: string, password: string, rid: string) {
    return t
      .http()
      .post(`${API}/auth/login`)
      .set('User-Agent', USER_AGENT)
      .set('X-Request-Id', rid)
      .send({ username, password });
  }

  describe('AuditService', () => {
    it('should write exactly one row with actor, record and origin when a unit is created', async () => {
      const name = `Audited unit ${uniqueSuffix()}`;
      const res = await admin
        .post('/service-units', { organisationId: hostId, name })
        .set('User-Agent', USER_AGENT);
      expectStatus(res, 201);
      const rows = await auditRows('entity_id = $1', [res.body.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_user_id: adminId,
        actor_organisation_id: hostId,
        actor_role: 'admin',
        action: 'service_unit.created',
        entity_type: 'service_unit',
        entity_id: res.body.id,
        organisation_id: hostId,
        changes: { name: { to: name } },
        user_agent: USER_AGENT,
        request_id: res.headers['x-request-id'],
      });
      expect(rows[0].ip).not.toBeNull();
      expect(rows[0].request_id).toBeTruthy();
    });

    it("should record a user's role change with its old and new values", async () => {
      const unit = await createUnit(admin, hostId);
      const user = await createUser(admin, {
        organisationId: hostId,
        role: 'caseworker',
        unitIds: [unit.id],
      });
      const res = await admin
        .patch(`/users/${user.id}`, { role: 'distribution_officer' })
        .set('User-Agent', USER_AGENT);
      expectStatus(res, 200);
      const rows = await auditRows(`entity_id = $1 AND action = 'user.updated'`, [user.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_user_id: adminId,
        actor_organisation_id: hostId,
        actor_role: 'admin',
        entity_type: 'user',
        organisation_id: hostId,
        user_agent: USER_AGENT,
        request_id: res.headers['x-request-id'],
      });
      expect(rows[0].changes).toEqual({ role: { from: 'caseworker', to: 'distribution_officer' } });
      expect(rows[0].ip).not.toBeNull();
    });

    it('should record that a display name changed, but not its value', async () => {
      const unit = await createUnit(admin, hostId);
      const user = await createUser(admin, {
        organisationId: hostId,
        role: 'caseworker',
        unitIds: [unit.id],
      });
      const displayName = `Amina Example ${uniqueSuffix()}`;
      const res = await admin.patch(`/users/${user.id}`, { displayName });
      expectStatus(res, 200);
      const rows = await auditRows(`entity_id = $1 AND action = 'user.updated'`, [user.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].changes).toEqual({ displayName: {} });
      expect(JSON.stringify(rows[0])).not.toContain(displayName);
    });

    it('should leave no row for a change that fails', async () => {
      const unit = await createUnit(admin, hostId);
      const before = await auditCount();
      const rid = requestId();
      const res = await admin
        .post('/service-units', { organisationId: hostId, name: unit.name })
        .set('X-Request-Id', rid);
      expectError(res, 409, 'NAME_TAKEN');
      expect(await auditRows('request_id = $1', [rid])).toHaveLength(0);
      expect(await auditCount()).toBe(before);
    });

    it('should record a successful login', async () => {
      const rid = requestId();
      const res = await loginRequest('supervisor', DEMO_PASSWORD, rid);
      expectStatus(res, 200);
      const rows = await auditRows('request_id = $1', [rid]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_user_id: await userIdByName(t, 'supervisor'),
        actor_organisation_id: hostId,
        actor_role: 'supervisor',
        action: 'auth.login_succeeded',
        entity_type: 'session',
        organisation_id: hostId,
        user_agent: USER_AGENT,
      });
      expect(rows[0].entity_id).toBeTruthy();
      expect(rows[0].ip).not.toBeNull();
    });

    it('should record a failed login of an unknown user without an actor', async () => {
      const after = await lastAuditId();
      const res = await loginRequest(`nobody.${uniqueSuffix()}`, 'not-the-password', requestId());
      expectError(res, 401, 'INVALID_CREDENTIALS');
      const rows = await auditRows(`id > $1 AND action = 'auth.login_failed'`, [after]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_user_id: null,
        actor_organisation_id: null,
        entity_type: 'session',
        organisation_id: null,
      });
    });

    it('should record a failed login of an existing user under that user', async () => {
      const after = await lastAuditId();
      const res = await loginRequest('caseworker', 'not-the-password', requestId());
      expectError(res, 401, 'INVALID_CREDENTIALS');
      const rows = await auditRows(`id > $1 AND action = 'auth.login_failed'`, [after]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_user_id: await userIdByName(t, 'caseworker'),
        actor_organisation_id: hostId,
        actor_role: 'caseworker',
        entity_type: 'session',
        organisation_id: hostId,
      });
    });

    it('should record where a failed login came from', async () => {
      const rid = requestId();
      const res = await loginRequest('caseworker', 'still-not-the-password', rid);
      expectError(res, 401, 'INVALID_CREDENTIALS');
      const rows = await auditRows('request_id = $1', [rid]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'auth.login_failed', user_agent: USER_AGENT });
      expect(rows[0].ip).not.toBeNull();
    });

    it('should record a logout', async () => {
      const tokens = await login(t, 'distribution');
      const rid = requestId();
      const res = await t
        .http()
        .post(`${API}/auth/logout`)
        .set('Authorization', `Bearer ${tokens.accessToken}`)
        .set('User-Agent', USER_AGENT)
        .set('X-Request-Id', rid);
      expect(res.status).toBe(204);
      const rows = await auditRows('request_id = $1', [rid]);
      expect(rows).toHaveLength(1);
      const [loginRow]: AuditRow[] = await t.dataSource.query(
        `SELECT * FROM audit_events WHERE action = 'auth.login_succeeded' AND actor_user_id = $1
          ORDER BY id DESC LIMIT 1`,
        [await userIdByName(t, 'distribution')],
      );
      expect(rows[0]).toMatchObject({
        actor_user_id: await userIdByName(t, 'distribution'),
        action: 'auth.logout',
        entity_type: 'session',
        entity_id: loginRow.entity_id,
        organisation_id: hostId,
        user_agent: USER_AGENT,
      });
    });

    it('should never store a password or a token', async () => {
      const unit = await createUnit(admin, hostId);
      const user = await createUser(admin, {
        organisationId: hostId,
        role: 'caseworker',
        unitIds: [unit.id],
      });
      const first = await login(t, user.username, user.password);
      const wrongGuess = `wrong-guess-${uniqueSuffix()}`;
      expect((await loginRequest(user.username, wrongGuess, requestId())).status).toBe(401);
      const changed = strongPassword();
      const change = await asUser(t, first.accessToken).post('/auth/password', {
        currentPassword: user.password,
        newPassword: changed,
      });
      expect(change.status).toBe(204);
      const reset = strongPassword();
      expect((await admin.put(`/users/${user.id}/password`, { password: reset })).status).toBe(204);
      const second = await login(t, user.username, reset);
      const rotated = await refresh(t, second.refreshToken);
      expectStatus(rotated, 200);
      const out = await t
        .http()
        .post(`${API}/auth/logout`)
        .set('Authorization', `Bearer ${rotated.body.accessToken}`);
      expect(out.status).toBe(204);

      const secrets = [
        DEMO_PASSWORD,
        user.password,
        wrongGuess,
        changed,
        reset,
        adminToken,
        first.accessToken,
        first.refreshToken,
        second.accessToken,
        second.refreshToken,
        rotated.body.accessToken,
        rotated.body.refreshToken,
        sha256Hex(second.refreshToken),
      ];
      const table: Array<{ t: string }> = await t.dataSource.query(`SELECT t::text AS t FROM audit_events t`);
      expect(table.length).toBeGreaterThan(0);
      const text = table.map((r) => r.t).join('\n');
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text).not.toContain('$argon2');
    });
  });

  describe('AuditEventsController (GET /audit-events)', () => {
    let dpo: Api;
    let dpoId: string;

    beforeAll(async () => {
      dpo = asUser(t, (await login(t, 'dpo')).accessToken);
      dpoId = await userIdByName(t, 'dpo');
    });

    const descending = (ids: string[]) => ids.every((id, i) => i === 0 || BigInt(ids[i - 1]) > BigInt(id));

    it('should list events newest first', async () => {
      await createUnit(admin, hostId);
      const res = await dpo.get('/audit-events?limit=50');
      expectStatus(res, 200);
      const items: any[] = res.body.items;
      expect(items.length).toBeGreaterThan(1);
      expect(descending(items.map((e) => e.id))).toBe(true);
      const times = items.map((e) => Date.parse(e.occurredAt));
      expect(times.every((x, i) => i === 0 || times[i - 1] >= x)).toBe(true);
      expect(Object.keys(items[0]).sort()).toEqual(
        [
          'id',
          'occurredAt',
          'actorUserId',
          'actorOrganisationId',
          'actorRole',
          'action',
          'entityType',
          'entityId',
          'organisationId',
          'fieldsRead',
          'changes',
          'ip',
          'userAgent',
          'requestId',
        ].sort(),
      );
    });

    it('should filter by user', async () => {
      await createUnit(admin, hostId);
      const res = await dpo.get(`/audit-events?userId=${adminId}&limit=100`);
      expectStatus(res, 200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((e: any) => e.actorUserId === adminId)).toBe(true);
    });

    it('should filter by entity type and id', async () => {
      const unit = await createUnit(admin, hostId);
      expectStatus(await admin.patch(`/service-units/${unit.id}`, { name: `${unit.name} renamed` }), 200);
      const res = await dpo.get(`/audit-events?entityType=service_unit&entityId=${unit.id}`);
      expectStatus(res, 200);
      expect(res.body.items.map((e: any) => e.action)).toEqual([
        'service_unit.updated',
        'service_unit.created',
      ]);
      expect(res.body.items.every((e: any) => e.entityId === unit.id)).toBe(true);
    });

    it('should filter by action', async () => {
      await createUnit(admin, hostId);
      const res = await dpo.get('/audit-events?action=service_unit.created&limit=100');
      expectStatus(res, 200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((e: any) => e.action === 'service_unit.created')).toBe(true);
    });

    it('should filter by time', async () => {
      const unit = await createUnit(admin, hostId);
      const hourAgo = new Date(Date.now() - 3600_000).toISOString();
      const inAnHour = new Date(Date.now() + 3600_000).toISOString();
      const past = await dpo.get(`/audit-events?entityId=${unit.id}&to=${hourAgo}`);
      expectStatus(past, 200);
      expect(past.body.items).toEqual([]);
      const recent = await dpo.get(`/audit-events?entityId=${unit.id}&from=${hourAgo}&to=${inAnHour}`);
      expectStatus(recent, 200);
      expect(recent.body.items.map((e: any) => e.action)).toEqual(['service_unit.created']);
      const future = await dpo.get(`/audit-events?entityId=${unit.id}&from=${inAnHour}`);
      expect(future.body.items).toEqual([]);
    });

    it('should refuse a from after to', async () => {
      const res = await dpo.get(
        `/audit-events?from=${new Date().toISOString()}&to=${new Date(Date.now() - 60_000).toISOString()}`,
      );
      expectError(res, 400, 'VALIDATION_FAILED', { to: ['afterFrom'] });
    });

    it('should refuse a tampered cursor', async () => {
      const cursor = Buffer.from(JSON.stringify(['1; DROP TABLE x'])).toString('base64url');
      const res = await dpo.get(`/audit-events?cursor=${cursor}`);
      expectError(res, 400, 'VALIDATION_FAILED', { cursor: ['invalid'] });
    });

    it('should page with limit and nextCursor', async () => {
      for (let i = 0; i < 5; i++) await createUnit(admin, hostId);
      const pages = await allPages(dpo, '/audit-events?action=service_unit.created&limit=2');
      for (const page of pages) expect(page.items.length).toBeLessThanOrEqual(2);
      expect(pages[pages.length - 1].nextCursor).toBeUndefined();
      const ids = pages.flatMap((p) => p.items.map((e) => e.id as string));
      expect(descending(ids)).toBe(true);
      const all: Array<{ id: string }> = await t.dataSource.query(
        `SELECT a.id::text AS id FROM audit_events a WHERE a.action = 'service_unit.created' ORDER BY a.id DESC`,
      );
      expect(ids).toEqual(all.map((r) => r.id));
      expect(ids.length).toBeGreaterThanOrEqual(5);
    });

    it('should record the read itself', async () => {
      const rid = requestId();
      const res = await dpo.get('/audit-events?limit=1').set('X-Request-Id', rid);
      expectStatus(res, 200);
      const rows = await auditRows('request_id = $1', [rid]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_user_id: dpoId,
        actor_organisation_id: hostId,
        actor_role: 'data_protection_officer',
        action: 'audit_event.read',
        entity_type: 'audit_log',
        organisation_id: hostId,
      });
    });

    it.each(['caseworker', 'admin', 'partner'])('should refuse the %s', async (username) => {
      const token = (await login(t, username)).accessToken;
      const res = await asUser(t, token).get('/audit-events');
      expectError(res, 403, 'FORBIDDEN');
    });
  });

  describe("A partner organisation's data protection officer", () => {
    let partnerDpo: Awaited<ReturnType<typeof createAndLogin>>;

    beforeAll(async () => {
      partnerDpo = await createAndLogin(t, admin, {
        organisationId: partnerId,
        role: 'data_protection_officer',
      });
    });

    it("should see only events by or about their organisation's records", async () => {
      const hostUnit = await createUnit(admin, hostId);
      const partnerUnit = await createUnit(admin, partnerId);
      const api = asUser(t, partnerDpo.accessToken);
      const events: any[] = [];
      let cursor: string | undefined;
      do {
        const res = await api.get(`/audit-events?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
        expectStatus(res, 200);
        events.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);

      expect(
        events.filter((e) => e.actorOrganisationId !== partnerId && e.organisationId !== partnerId),
      ).toEqual([]);
      const entityIds = events.map((e) => e.entityId);
      expect(entityIds).not.toContain(hostUnit.id);
      // What the host's admin did to the partner's records, and the officer's own login, are theirs.
      expect(entityIds).toContain(partnerUnit.id);
      expect(entityIds).toContain(partnerDpo.id);
      expect(events.some((e) => e.action === 'auth.login_succeeded' && e.actorUserId === partnerDpo.id)).toBe(
        true,
      );
    });

    it('should be refused events of the host by filter too', async () => {
      const hostUnit = await createUnit(admin, hostId);
      const res = await asUser(t, partnerDpo.accessToken).get(
        `/audit-events?entityType=service_unit&entityId=${hostUnit.id}`,
      );
      expectStatus(res, 200);
      expect(res.body.items).toEqual([]);
    });
  });

  describe('Append-only audit_events table', () => {
    async function ensureRows(): Promise<number> {
      await login(t, 'supervisor');
      const n = await auditCount();
      expect(n).toBeGreaterThan(0);
      return n;
    }

    it.each([
      ['UPDATE', `UPDATE audit_events SET action = 'x'`],
      ['DELETE', `DELETE FROM audit_events`],
      ['TRUNCATE', `TRUNCATE audit_events`],
    ])("should refuse %s through the application's connection", async (_op, sql) => {
      const before = await ensureRows();
      await expect(t.dataSource.query(sql)).rejects.toThrow(/append-only/);
      expect(await auditCount()).toBe(before);
      expect(await auditRows(`action = 'x'`)).toHaveLength(0);
    });

    it('should refuse UPDATE, DELETE and TRUNCATE to a role granted every privilege on the table', async () => {
      const before = await ensureRows();
      const role = `sukom_test_app_${randomBytes(4).toString('hex')}`;
      const password = randomBytes(12).toString('hex');
      await t.dataSource.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER PASSWORD '${password}'`);
      let client: Client | undefined;
      try {
        await t.dataSource.query(`GRANT ALL ON audit_events TO ${role}`);
        const url = new URL(t.config.database.url);
        url.username = role;
        url.password = password;
        client = new Client({ connectionString: url.toString() });
        await client.connect();
        const [{ rolsuper }] = (
          await client.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)
        ).rows as Array<{ rolsuper: boolean }>;
        expect(rolsuper).toBe(false);
        // The role may read the table: the refusals below come from the trigger, not from privileges.
        const visible = await client.query(`SELECT count(*)::int AS n FROM audit_events`);
        expect((visible.rows[0] as { n: number }).n).toBe(before);

        await expect(client.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
        await expect(client.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
        await expect(client.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
        expect(await auditCount()).toBe(before);
      } finally {
        await client?.end().catch(() => undefined);
        await t.dataSource.query(`REVOKE ALL ON audit_events FROM ${role}`);
        await t.dataSource.query(`DROP OWNED BY ${role}`);
        await t.dataSource.query(`DROP ROLE ${role}`);
      }
    });
  });
});
