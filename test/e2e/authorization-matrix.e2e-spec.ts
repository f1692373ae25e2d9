import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { Role } from '../../src/auth/permissions';
import { buildOpenApiDocument } from '../../src/bootstrap/openapi';
import { DEMO_PASSWORD, seedUsers, tokenFor } from '../utils/auth';
import { userIdByName } from '../utils/admin';
import { MatrixRecords, OrgKey, OrgWriter, RecordKind, SYSTEM_WIDE_KINDS } from '../utils/matrix-records';
import { createTestApp, TestApp } from '../utils/test-app';
import { daysFromToday } from '../utils/dates';

/**
 * Who may call what, route by route, and what they may touch. Every route of the application
 * must have a row here (the first test fails otherwise), so a new feature adds its routes as
 * one line each:
 *
 *   { route: 'GET /api/v1/cases/{id}', allow: [Role.Supervisor, Role.Caseworker], record: 'case' },
 *
 * `allow` lists the roles that get a 2xx for a record of their own organisation; `hidden` the roles
 * that hold the permission but may not see even their own organisation's record (partner staff and
 * people, until a referral shares them): 404; every other role must get 403. For routes that take
 * an id (`record`), every role that holds the permission must get 404 for the records of another
 * organisation, exactly as for an id that does not exist. The records are made through the API
 * (test/utils/matrix-records.ts), the host's in the demo caseworker's unit.
 */
interface MatrixRow {
  route: string;
  /** Roles that succeed; `public` needs no login, `any` is any logged-in user. */
  allow: readonly Role[] | 'public' | 'any';
  /** Roles that hold the permission and see their organisation's record but may not change it: 403 (404 for others'). */
  seeOnly?: readonly Role[];
  /** Roles that hold the permission but for which even their own organisation's record is out of scope: 404. */
  hidden?: readonly Role[];
  /** The kind of record the route's `{id}` names. */
  record?: RecordKind;
  /**
   * The record belongs to one user, not to an organisation (a notification): each caller gets
   * their own, and everyone else's is 404.
   */
  perUser?: boolean;
  /** A query string the route needs (without `?`). */
  query?: string | ((c: MatrixContext, caller: Caller) => Promise<string>);
  /** Headers the route needs (an Idempotency-Key). */
  headers?: () => Record<string, string>;
  /** Values for path parameters other than `{id}`, from the caller's organisation. */
  params?: (c: MatrixContext, caller: Caller) => Promise<Record<string, string>>;
  /** The route uses the record up (ends, withdraws, deletes it): a new one for every call. */
  fresh?: boolean;
  body?: (c: MatrixContext, caller: Caller) => object | Promise<object>;
  /** Log in anew for this call (the route ends the session). */
  freshSession?: boolean;
}

const ALL_ROLES: readonly Role[] = Object.values(Role);
const ADMIN = [Role.Admin] as const;
const { Admin, Supervisor, Caseworker, DistributionOfficer, DataProtectionOfficer, Partner } = Role;
/** beneficiary.lookup: everyone who finds people, distribution officers included. */
const LOOKUP = [Admin, Supervisor, Caseworker, DistributionOfficer, DataProtectionOfficer] as const;
/** beneficiary.read / case.read within the organisation. */
const READ = [Admin, Supervisor, Caseworker, DataProtectionOfficer] as const;
/** beneficiary.write / case.write / service.deliver. */
const WRITE = [Supervisor, Caseworker] as const;
/** Partner staff hold the read permissions, but see people and cases only through referrals. */
const PARTNER_HIDDEN = [Partner] as const;
/** referral.read: the organisation's referrals (a caseworker's: their units'), both directions. */
const REFERRAL_READ = [Supervisor, Caseworker, DataProtectionOfficer, Partner] as const;
/** distribution.read: what was handed out, in the organisation. */
const DISTRIBUTION_READ = [Supervisor, Caseworker, DistributionOfficer, DataProtectionOfficer] as const;
/** referral.create / referral.respond. */
const REFERRAL_WRITE = [Supervisor, Caseworker, Partner] as const;

const MATRIX: readonly MatrixRow[] = [
  { route: 'GET /health', allow: 'public' },
  { route: 'GET /metrics', allow: 'public' },
  { route: 'POST /api/v1/auth/login', allow: 'public', body: (c) => c.credentialsOf('spare') },
  {
    route: 'POST /api/v1/auth/refresh',
    allow: 'public',
    body: async (c) => ({ refreshToken: (await c.login('spare')).refreshToken }),
  },
  { route: 'POST /api/v1/auth/logout', allow: 'any', freshSession: true },
  { route: 'POST /api/v1/auth/password', allow: 'any', body: (c, caller) => c.passwordChange(caller) },
  { route: 'GET /api/v1/auth/me', allow: 'any' },
  { route: 'GET /api/v1/organisations', allow: ADMIN },
  {
    route: 'POST /api/v1/organisations',
    allow: ADMIN,
    body: (c) => ({ name: c.unique('Org'), kind: 'public_body' }),
  },
  { route: 'GET /api/v1/organisations/{id}', allow: ADMIN, record: 'organisation' },
  {
    route: 'PATCH /api/v1/organisations/{id}',
    allow: ADMIN,
    record: 'organisation',
    body: (c) => ({ name: c.unique('Org') }),
  },
  { route: 'GET /api/v1/service-units', allow: ADMIN },
  {
    route: 'POST /api/v1/service-units',
    allow: ADMIN,
    body: (c, caller) => ({ organisationId: c.orgs[caller.org].organisationId, name: c.unique('Unit') }),
  },
  { route: 'GET /api/v1/service-units/{id}', allow: ADMIN, record: 'unit' },
  {
    route: 'PATCH /api/v1/service-units/{id}',
    allow: ADMIN,
    record: 'unit',
    body: (c) => ({ name: c.unique('Unit') }),
  },
  { route: 'GET /api/v1/users', allow: ADMIN },
  {
    route: 'POST /api/v1/users',
    allow: ADMIN,
    body: (c, caller) => ({
      organisationId: c.orgs[caller.org].organisationId,
      username: c.unique('user').toLowerCase(),
      displayName: 'Matrix User',
      role: Role.Caseworker,
      unitIds: [c.orgs[caller.org].unitId],
      password: STRONG_PASSWORD,
    }),
  },
  { route: 'GET /api/v1/users/{id}', allow: ADMIN, record: 'user' },
  {
    route: 'PATCH /api/v1/users/{id}',
    allow: ADMIN,
    record: 'user',
    body: (c) => ({ displayName: c.unique('Name') }),
  },
  {
    route: 'PUT /api/v1/users/{id}/password',
    allow: ADMIN,
    record: 'user',
    body: () => ({ password: STRONG_PASSWORD }),
  },
  { route: 'GET /api/v1/audit-events', allow: [Role.DataProtectionOfficer] },
  // Beneficiary registry
  { route: 'GET /api/v1/beneficiaries', allow: [...LOOKUP, Partner] },
  {
    route: 'POST /api/v1/beneficiaries',
    allow: WRITE,
    body: (c, caller) => ({
      givenName: 'Matrix',
      familyName: c.unique('Registered'),
      sex: 'male',
      registeredUnitId: c.records.orgs[caller.org].unitId,
    }),
  },
  { route: 'GET /api/v1/beneficiaries/{id}', allow: LOOKUP, hidden: PARTNER_HIDDEN, record: 'beneficiary' },
  {
    route: 'PATCH /api/v1/beneficiaries/{id}',
    allow: WRITE,
    record: 'beneficiary',
    body: () => ({ neighbourhood: 'Abdurrahmangazi' }),
  },
  {
    route: 'POST /api/v1/beneficiaries/{id}/documents',
    allow: WRITE,
    record: 'beneficiary',
    body: (c) => ({ type: 'tr_foreigner_id', number: c.records.foreignerId() }),
  },
  { route: 'DELETE /api/v1/identity-documents/{id}', allow: WRITE, record: 'document', fresh: true },
  {
    route: 'GET /api/v1/beneficiaries/{id}/timeline',
    allow: READ,
    hidden: PARTNER_HIDDEN,
    record: 'beneficiary',
  },
  {
    route: 'GET /api/v1/beneficiaries/{id}/consents',
    allow: READ,
    hidden: PARTNER_HIDDEN,
    record: 'beneficiary',
  },
  {
    route: 'POST /api/v1/beneficiaries/{id}/consents',
    allow: WRITE,
    record: 'beneficiary',
    body: () => ({ purpose: 'contact', scope: ['contact'], decision: 'given', decidedOn: daysFromToday() }),
  },
  {
    route: 'POST /api/v1/consents/{id}/withdrawal',
    allow: WRITE,
    record: 'consent',
    fresh: true,
    body: () => ({ reason: 'Asked to withdraw at the office' }),
  },
  {
    route: 'POST /api/v1/households',
    allow: WRITE,
    body: (c, caller) => ({ registeredUnitId: c.records.orgs[caller.org].unitId }),
  },
  { route: 'GET /api/v1/households/{id}', allow: LOOKUP, hidden: PARTNER_HIDDEN, record: 'household' },
  {
    route: 'GET /api/v1/households/{id}/members',
    allow: READ,
    hidden: PARTNER_HIDDEN,
    record: 'household',
  },
  {
    route: 'POST /api/v1/households/{id}/members',
    allow: WRITE,
    record: 'household',
    body: async (c, caller) => ({
      beneficiaryId: await c.records.create(caller.org, 'beneficiary'),
      relationship: 'other_relative',
    }),
  },
  {
    route: 'PATCH /api/v1/household-memberships/{id}',
    allow: WRITE,
    record: 'membership',
    body: () => ({ relationship: 'child' }),
  },
  {
    route: 'POST /api/v1/household-memberships/{id}/end',
    allow: WRITE,
    record: 'membership',
    fresh: true,
    body: () => ({ exitReason: 'moved_away' }),
  },
  // Cases
  { route: 'GET /api/v1/cases', allow: [...READ, Partner] },
  {
    route: 'POST /api/v1/cases',
    allow: WRITE,
    body: async (c, caller) => ({
      beneficiaryId: await c.records.create(caller.org, 'beneficiary'),
      type: 'legal',
      unitId: c.records.orgs[caller.org].unitId,
      riskLevel: 'low',
    }),
  },
  { route: 'GET /api/v1/cases/{id}', allow: READ, hidden: PARTNER_HIDDEN, record: 'case' },
  { route: 'PATCH /api/v1/cases/{id}', allow: WRITE, record: 'case', body: () => ({ riskLevel: 'high' }) },
  {
    route: 'POST /api/v1/cases/{id}/transitions',
    allow: WRITE,
    record: 'case',
    fresh: true,
    body: () => ({ to: 'active' }),
  },
  {
    route: 'PUT /api/v1/cases/{id}/assignment',
    allow: [Supervisor],
    record: 'case',
    body: () => ({ assignedUserId: null }),
  },
  { route: 'GET /api/v1/cases/{id}/history', allow: READ, hidden: PARTNER_HIDDEN, record: 'case' },
  {
    route: 'POST /api/v1/cases/{id}/notes',
    allow: WRITE,
    record: 'case',
    body: () => ({ body: 'Visited the family; next visit agreed.' }),
  },
  { route: 'GET /api/v1/cases/{id}/notes', allow: READ, hidden: PARTNER_HIDDEN, record: 'case' },
  {
    route: 'POST /api/v1/cases/{id}/follow-ups',
    allow: WRITE,
    record: 'case',
    body: () => ({ description: 'Check the school enrolment', dueOn: daysFromToday() }),
  },
  { route: 'GET /api/v1/cases/{id}/follow-ups', allow: READ, hidden: PARTNER_HIDDEN, record: 'case' },
  {
    route: 'POST /api/v1/follow-ups/{id}/completion',
    allow: WRITE,
    record: 'follow_up',
    fresh: true,
    body: () => ({}),
  },
  { route: 'GET /api/v1/follow-ups', allow: [...READ, Partner] },
  {
    route: 'POST /api/v1/cases/{id}/assessments',
    allow: WRITE,
    record: 'case',
    body: () => ({ needs: [{ code: 'food', severity: 'moderate' }] }),
  },
  { route: 'GET /api/v1/cases/{id}/assessments', allow: READ, hidden: PARTNER_HIDDEN, record: 'case' },
  {
    route: 'POST /api/v1/cases/{id}/goals',
    allow: WRITE,
    record: 'case',
    body: () => ({ description: 'Renew the residence documents' }),
  },
  { route: 'GET /api/v1/cases/{id}/goals', allow: READ, hidden: PARTNER_HIDDEN, record: 'case' },
  {
    route: 'PATCH /api/v1/case-goals/{id}',
    allow: WRITE,
    record: 'goal',
    body: () => ({ status: 'in_progress' }),
  },
  // Service catalogue and deliveries
  { route: 'GET /api/v1/service-types', allow: 'any' },
  {
    route: 'POST /api/v1/service-types',
    allow: ADMIN,
    body: (c, caller) => ({ unitId: c.records.orgs[caller.org].unitId, name: c.unique('Service') }),
  },
  { route: 'GET /api/v1/service-types/{id}', allow: 'any', record: 'service_type' },
  {
    route: 'PATCH /api/v1/service-types/{id}',
    allow: ADMIN,
    record: 'service_type',
    body: () => ({ description: 'Offered on weekdays' }),
  },
  {
    route: 'POST /api/v1/service-deliveries',
    allow: WRITE,
    body: async (c, caller) => ({
      beneficiaryId: await c.records.get(caller.org, 'beneficiary'),
      serviceTypeId: await c.records.get(caller.org, 'service_type'),
      deliveredOn: daysFromToday(),
    }),
  },
  { route: 'GET /api/v1/service-deliveries', allow: [...READ, Partner] },
  {
    route: 'GET /api/v1/service-deliveries/{id}',
    allow: READ,
    hidden: PARTNER_HIDDEN,
    record: 'delivery',
  },
  // Referrals
  { route: 'GET /api/v1/referrals', allow: REFERRAL_READ },
  { route: 'GET /api/v1/referrals/statistics', allow: [Supervisor], query: 'from=2026-01-01&to=2026-12-31' },
  {
    route: 'POST /api/v1/referrals',
    allow: REFERRAL_WRITE,
    // Host staff refer a registered person within the host; partner staff refer a person in.
    body: async (c, caller) =>
      caller.role === Partner
        ? {
            subject: { givenName: 'Matrix', familyName: c.unique('Person') },
            consentReference: c.unique('FORM'),
            toUnitId: c.orgs.host.unitId,
            serviceTypeId: await c.records.get('host', 'service_type'),
            reason: 'Needs legal advice',
            urgency: 'normal',
          }
        : {
            beneficiaryId: await c.records.get('host', 'beneficiary'),
            fromUnitId: c.orgs.host.unitId,
            toUnitId: c.orgs.host.unitId,
            serviceTypeId: await c.records.get('host', 'service_type'),
            reason: 'Needs legal advice',
            urgency: 'normal',
          },
  },
  { route: 'GET /api/v1/referrals/{id}', allow: REFERRAL_READ, record: 'referral' },
  { route: 'GET /api/v1/referrals/{id}/transitions', allow: REFERRAL_READ, record: 'referral' },
  {
    route: 'POST /api/v1/referrals/{id}/transitions',
    allow: REFERRAL_WRITE,
    record: 'referral',
    fresh: true,
    body: () => ({ to: 'withdrawn', reason: 'Made by mistake' }),
  },
  // Only the receiving side reads what a referral shares, and only while it is accepted.
  {
    route: 'GET /api/v1/referrals/{id}/shared',
    allow: REFERRAL_WRITE,
    hidden: [DataProtectionOfficer],
    record: 'accepted_referral',
  },
  {
    route: 'GET /api/v1/cases/{id}/referrals',
    allow: [Supervisor, Caseworker, DataProtectionOfficer],
    hidden: PARTNER_HIDDEN,
    record: 'case',
  },
  // Notifications: every signed-in user's own
  { route: 'GET /api/v1/notifications', allow: 'any' },
  { route: 'POST /api/v1/notifications/read-all', allow: 'any' },
  { route: 'POST /api/v1/notifications/{id}/read', allow: 'any', record: 'notification', perUser: true },
  // Aid catalogue and rounds: the organisation's staff read them, administrators manage them
  { route: 'GET /api/v1/aid-items', allow: 'any' },
  {
    route: 'POST /api/v1/aid-items',
    allow: ADMIN,
    body: (c) => ({ name: c.unique('Kit'), category: 'hygiene_kit', kind: 'in_kind', unit: 'kit' }),
  },
  { route: 'GET /api/v1/aid-items/{id}', allow: 'any', record: 'aid_item' },
  { route: 'PATCH /api/v1/aid-items/{id}', allow: ADMIN, record: 'aid_item', body: () => ({ unit: 'box' }) },
  { route: 'GET /api/v1/distribution-rounds', allow: 'any' },
  {
    route: 'POST /api/v1/distribution-rounds',
    allow: ADMIN,
    body: async (c, caller) => ({
      name: c.unique('Round'),
      startsOn: daysFromToday(),
      endsOn: daysFromToday(60),
      locations: ['Centre'],
      items: [
        {
          aidItemId: await c.records.get(caller.org, 'aid_item'),
          countedPer: 'household',
          quantityPerReceipt: 1,
        },
      ],
    }),
  },
  { route: 'GET /api/v1/distribution-rounds/{id}', allow: 'any', record: 'round' },
  {
    route: 'PATCH /api/v1/distribution-rounds/{id}',
    allow: ADMIN,
    record: 'round',
    body: () => ({ locations: ['Centre', 'Annex'] }),
  },
  {
    route: 'PUT /api/v1/distribution-rounds/{id}/items/{aidItemId}',
    allow: ADMIN,
    record: 'round',
    params: async (c, caller) => ({ aidItemId: await c.records.get(caller.org, 'aid_item') }),
    body: () => ({ countedPer: 'person', quantityPerReceipt: 1, minDaysBetween: 7 }),
  },
  { route: 'GET /api/v1/distribution-rounds/{id}/totals', allow: [Admin, Supervisor], record: 'round' },
  // Recording aid
  { route: 'GET /api/v1/distributions', allow: DISTRIBUTION_READ },
  {
    route: 'POST /api/v1/distributions',
    allow: [Supervisor, DistributionOfficer],
    headers: () => ({ 'Idempotency-Key': `matrix-${randomBytes(8).toString('hex')}` }),
    body: async (c) => ({
      roundId: await c.records.get('host', 'round'),
      aidItemId: await c.records.get('host', 'aid_item'),
      beneficiaryId: await c.records.create('host', 'beneficiary'),
      location: 'Centre',
    }),
  },
  { route: 'GET /api/v1/distributions/{id}', allow: DISTRIBUTION_READ, record: 'distribution' },
  // A distribution officer voids only what they recorded: 403 for a supervisor's record.
  {
    route: 'POST /api/v1/distributions/{id}/void',
    allow: [Supervisor],
    seeOnly: [DistributionOfficer],
    record: 'distribution',
    fresh: true,
    body: () => ({ reason: 'Recorded twice by mistake' }),
  },
  {
    route: 'POST /api/v1/distributions/imports',
    allow: [Supervisor],
    body: async (c) => ({
      sourceNote: 'Partner list of October',
      records: [
        {
          beneficiaryId: await c.records.get('host', 'beneficiary'),
          aidItemId: await c.records.get('host', 'aid_item'),
          quantity: 1,
          distributedOn: daysFromToday(-1),
        },
      ],
    }),
  },
  {
    route: 'GET /api/v1/distribution-point/lookup',
    allow: [Supervisor, DistributionOfficer],
    query: async (c) =>
      `q=Matrix&roundId=${await c.records.get('host', 'round')}&aidItemId=${await c.records.get('host', 'aid_item')}`,
  },
  {
    route: 'GET /api/v1/distribution-rounds/{id}/distribution-list.csv',
    allow: [Supervisor, DistributionOfficer],
    record: 'round',
    query: async (c, caller) => `aidItemId=${await c.records.get(caller.org, 'aid_item')}`,
  },
  // Duplicate aid: supervisors of the organisations whose records a flag holds
  { route: 'GET /api/v1/duplicate-aid-flags', allow: [Supervisor] },
  { route: 'GET /api/v1/duplicate-aid-flags/{id}', allow: [Supervisor], record: 'flag' },
  {
    route: 'POST /api/v1/duplicate-aid-flags/{id}/review',
    allow: [Supervisor],
    record: 'flag',
    fresh: true,
    body: () => ({ decision: 'dismissed', note: 'Two family members, one parcel each' }),
  },
  { route: 'GET /api/v1/duplicate-aid-scans', allow: [Supervisor] },
  { route: 'POST /api/v1/duplicate-aid-scans', allow: [Supervisor], body: () => ({ mode: 'incremental' }) },
];

const STRONG_PASSWORD = 'matrix orchard lantern 7';

interface Caller {
  role: Role;
  org: OrgKey;
  username: string;
}

class MatrixContext {
  readonly passwords = new Map<string, string>();
  records!: MatrixRecords;
  private counter = 0;
  private readonly run = randomBytes(3).toString('hex');

  constructor(readonly t: TestApp) {}

  get orgs(): Record<OrgKey, OrgWriter> {
    return this.records.orgs;
  }

  unique(prefix: string): string {
    return `${prefix}-${this.run}-${++this.counter}`;
  }

  credentialsOf(username: string) {
    return { username, password: this.passwords.get(username) ?? DEMO_PASSWORD };
  }

  async login(username: string): Promise<{ accessToken: string; refreshToken: string }> {
    const res = await this.t.http().post('/api/v1/auth/login').send(this.credentialsOf(username));
    if (res.status !== 200) throw new Error(`login of ${username}: ${res.status}`);
    return res.body as { accessToken: string; refreshToken: string };
  }

  passwordChange(caller: Caller) {
    const currentPassword = this.passwords.get(caller.username) ?? DEMO_PASSWORD;
    const newPassword = this.unique('walnut harbour');
    this.passwords.set(caller.username, newPassword);
    return { currentPassword, newPassword };
  }

  async recordId(caller: Caller, row: MatrixRow): Promise<string> {
    const org = caller.org;
    const kind = row.record!;
    if (row.perUser) return this.records.notificationFor(await userIdByName(this.t, caller.username));
    return row.fresh ? this.records.create(org, kind) : this.records.get(org, kind);
  }
}

/** The demo users: every role of the host, and partner staff of the demo partner NGO. */
const DEMO_CALLERS: readonly Caller[] = [
  { role: Role.Admin, org: 'host', username: 'admin' },
  { role: Role.Supervisor, org: 'host', username: 'supervisor' },
  { role: Role.Caseworker, org: 'host', username: 'caseworker' },
  { role: Role.DistributionOfficer, org: 'host', username: 'distribution' },
  { role: Role.DataProtectionOfficer, org: 'host', username: 'dpo' },
  { role: Role.Partner, org: 'partner', username: 'partner' },
];

describe('Authorization matrix', () => {
  let t: TestApp;
  let c: MatrixContext;
  const tokens = new Map<string, string>();
  /** One user of every role in a third organisation, which owns none of the records asked for. */
  const outsiders: Caller[] = ALL_ROLES.map((role) => ({ role, org: 'other', username: `outsider-${role}` }));

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    c = new MatrixContext(t);
    const admin = await tokenFor(t, 'admin');
    // Records of the host live in the demo caseworker's unit, those of the partner NGO in the demo
    // partner's unit; each organisation's records are made by a supervisor of that unit.
    const host = await existingOrg(t, admin, 'host', 'Protection');
    const partner = await existingOrg(t, admin, 'partner_ngo', 'Psychosocial support');
    const other = await newOrg(t, admin, c);
    for (const caller of outsiders) {
      await post(t, admin, '/api/v1/users', {
        organisationId: other.organisationId,
        username: caller.username,
        displayName: 'Outsider',
        role: caller.role,
        unitIds: [other.unitId],
        password: STRONG_PASSWORD,
      });
      c.passwords.set(caller.username, STRONG_PASSWORD);
    }
    // A spare account for the public login and refresh rows, so the callers' sessions stay put.
    await post(t, admin, '/api/v1/users', {
      organisationId: host.organisationId,
      username: 'spare',
      displayName: 'Spare',
      role: Role.Caseworker,
      unitIds: [host.unitId],
      password: STRONG_PASSWORD,
    });
    c.passwords.set('spare', STRONG_PASSWORD);
    const partnerLead = await post(t, admin, '/api/v1/users', {
      organisationId: partner.organisationId,
      username: 'partner-lead',
      displayName: 'Partner Lead',
      role: Role.Supervisor,
      unitIds: [partner.unitId],
      password: STRONG_PASSWORD,
    });
    c.passwords.set('partner-lead', STRONG_PASSWORD);
    expect(partnerLead.id).toBeDefined();
    for (const caller of [...DEMO_CALLERS, ...outsiders]) {
      tokens.set(caller.username, (await c.login(caller.username)).accessToken);
    }
    c.records = new MatrixRecords(t, () => tokens.get('admin')!, {
      host: { ...host, token: tokens.get('supervisor')! },
      partner: { ...partner, token: (await c.login('partner-lead')).accessToken },
      other: { ...other, token: tokens.get(`outsider-${Role.Supervisor}`)! },
    });
  }, 120_000);
  afterAll(() => t.close());

  it('should have a row for every route of the application, and none for routes that do not exist', () => {
    const document = buildOpenApiDocument(t.app);
    const routes = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const)
        .filter((m) => item[m])
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(MATRIX.map((r) => r.route).sort()).toEqual(routes.sort());
  });

  describe.each(MATRIX.map((row) => [row.route, row] as const))('%s', (_route, row) => {
    if (row.allow === 'public') {
      it('should answer without a login', async () => {
        const res = await call(row, undefined, undefined);
        expect(res.status).toBeLessThan(300);
      });
      return;
    }

    it('should refuse a request without a login with 401', async () => {
      const res = await call(
        row,
        undefined,
        row.record ? await c.records.get('host', row.record) : undefined,
      );
      expect(res.status).toBe(401);
    });

    it.each(DEMO_CALLERS.map((caller) => [caller.username, caller] as const))(
      'should answer %s as the matrix says, for a record of their own organisation',
      async (_name, caller) => {
        const id = row.record ? await c.recordId(caller, row) : undefined;
        const res = await call(row, caller, id);
        const expected = isAllowed(row, caller.role) ? 'success' : isHidden(row, caller.role) ? 404 : 403;
        expectStatus(res, expected);
      },
    );

    if (!row.record) return;
    const record = row.record;

    it.each(outsiders.map((caller) => [caller.role, caller] as const))(
      'should answer a %s of another organisation 404 for the host and partner records (403 without the permission)',
      async (_role, caller) => {
        for (const owner of ['host', 'partner'] as const) {
          const res = await call(row, caller, await c.records.get(owner, record));
          const holds =
            isAllowed(row, caller.role) || isHidden(row, caller.role) || isSeeOnly(row, caller.role);
          expectStatus(res, holds ? 404 : 403);
        }
      },
    );

    // The host's administrators and data protection officers act system-wide on organisations,
    // units, users, the service catalogue and the audit log, never on people or cases; every other
    // host role is confined to the host's records.
    const confined = DEMO_CALLERS.filter(
      (d) =>
        d.org === 'host' &&
        isAllowed(row, d.role) &&
        (!SYSTEM_WIDE_KINDS.has(record) || (d.role !== Role.Admin && d.role !== Role.DataProtectionOfficer)),
    );
    if (confined.length) {
      it.each(confined.map((caller) => [caller.username, caller] as const))(
        'should answer the host %s 404 for the records of another organisation',
        async (_name, caller) => {
          expectStatus(await call(row, caller, await c.records.get('other', record)), 404);
        },
      );
    }
  });

  function isAllowed(row: MatrixRow, role: Role): boolean {
    return row.allow === 'any' || (Array.isArray(row.allow) && (row.allow as readonly Role[]).includes(role));
  }

  function isSeeOnly(row: MatrixRow, role: Role): boolean {
    return row.seeOnly?.includes(role) ?? false;
  }

  function isHidden(row: MatrixRow, role: Role): boolean {
    return row.hidden?.includes(role) ?? false;
  }

  async function call(row: MatrixRow, caller: Caller | undefined, id: string | undefined): Promise<Response> {
    const [method, template] = row.route.split(' ') as [string, string];
    const who = caller ?? { role: Role.Caseworker, org: 'host' as const, username: 'spare' };
    let path = id ? template.replace('{id}', id) : template;
    for (const [name, value] of Object.entries((await row.params?.(c, who)) ?? {})) {
      path = path.replace(`{${name}}`, value);
    }
    const query = typeof row.query === 'function' ? await row.query(c, who) : row.query;
    if (query) path += `?${query}`;
    const req = t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
    if (caller) {
      const token = row.freshSession
        ? (await c.login(caller.username)).accessToken
        : tokens.get(caller.username)!;
      void req.set('Authorization', `Bearer ${token}`);
    }
    if (row.headers) void req.set(row.headers());
    const body = row.body ? await row.body(c, who) : undefined;
    return body ? req.send(body) : req;
  }
});

function expectStatus(res: Response, expected: 'success' | 403 | 404): void {
  const context = `${res.status} ${JSON.stringify(res.body)}`;
  if (expected === 'success')
    expect({ ok: res.status >= 200 && res.status < 300, context }).toEqual({ ok: true, context });
  else expect({ status: res.status, context }).toEqual({ status: expected, context });
}

async function post(t: TestApp, token: string, path: string, body: object): Promise<{ id: string }> {
  const res = await t.http().post(path).set('Authorization', `Bearer ${token}`).send(body);
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

type OrgRecords = Omit<OrgWriter, 'token'>;

async function existingOrg(t: TestApp, admin: string, kind: string, unitName: string): Promise<OrgRecords> {
  const orgs = await t
    .http()
    .get(`/api/v1/organisations?kind=${kind}`)
    .set('Authorization', `Bearer ${admin}`);
  const organisationId = (orgs.body as { items: { id: string }[] }).items[0].id;
  return recordsIn(t, admin, organisationId, unitName);
}

async function newOrg(t: TestApp, admin: string, c: MatrixContext): Promise<OrgRecords> {
  const org = await post(t, admin, '/api/v1/organisations', { name: c.unique('Other'), kind: 'partner_ngo' });
  await post(t, admin, '/api/v1/service-units', { organisationId: org.id, name: 'Outreach' });
  return recordsIn(t, admin, org.id, 'Outreach');
}

/** The named unit and a fresh target user in the organisation, created by the host administrator. */
async function recordsIn(
  t: TestApp,
  admin: string,
  organisationId: string,
  unitName: string,
): Promise<OrgRecords> {
  const units = await t
    .http()
    .get(`/api/v1/service-units?organisationId=${organisationId}&limit=100`)
    .set('Authorization', `Bearer ${admin}`);
  const unitId = (units.body as { items: { id: string; name: string }[] }).items.find(
    (u) => u.name === unitName,
  )!.id;
  const user = await post(t, admin, '/api/v1/users', {
    organisationId,
    username: `target-${randomBytes(3).toString('hex')}`,
    displayName: 'Target',
    role: Role.Caseworker,
    unitIds: [unitId],
    password: STRONG_PASSWORD,
  });
  return { organisationId, unitId, userId: user.id };
}
