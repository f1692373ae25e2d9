import { DEMO_HOST, DEMO_PARTNER } from '../../src/seed/demo-seed';
import {
  Api,
  asUser,
  createAndLogin,
  expectStatus,
  organisationIdByName,
  uniqueSuffix,
  userIdByName,
} from '../utils/admin';
import { tokenFor } from '../utils/auth';
import type { TestApp } from '../utils/test-app';

/*
 * Factories for case tests. Beneficiaries and households are inserted straight into the database
 * (synthetic rows with the columns a case needs): the registry's own routes are built in parallel,
 * and case tests should not depend on their payload rules. Cases go through the API.
 */

/** The id of a unit, by organisation and unit name. */
export async function unitIdByName(t: TestApp, organisation: string, unit: string): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `SELECT su.id FROM service_units su JOIN organisations o ON o.id = su.organisation_id
      WHERE o.name = $1 AND su.name = $2`,
    [organisation, unit],
  );
  if (!rows[0]) throw new Error(`no unit ${unit} in ${organisation}`);
  return rows[0].id;
}

/** The demo organisations and the units the case tests use. */
export interface DemoIds {
  hostId: string;
  partnerId: string;
  protection: string;
  legal: string;
  health: string;
  humanitarian: string;
  psychosocial: string;
  supervisorId: string;
  caseworkerId: string;
}

export async function demoIds(t: TestApp): Promise<DemoIds> {
  return {
    hostId: await organisationIdByName(t, DEMO_HOST),
    partnerId: await organisationIdByName(t, DEMO_PARTNER),
    protection: await unitIdByName(t, DEMO_HOST, 'Protection'),
    legal: await unitIdByName(t, DEMO_HOST, 'Legal counselling'),
    health: await unitIdByName(t, DEMO_HOST, 'Migration health centre'),
    humanitarian: await unitIdByName(t, DEMO_HOST, 'Humanitarian aid'),
    psychosocial: await unitIdByName(t, DEMO_PARTNER, 'Psychosocial support'),
    supervisorId: await userIdByName(t, 'supervisor'),
    caseworkerId: await userIdByName(t, 'caseworker'),
  };
}

export interface BeneficiaryOverrides {
  organisationId: string;
  registeredUnitId: string;
  registeredByUserId: string;
  givenName?: string;
  vulnerabilities?: string[];
}

/** A synthetic person registered by a unit. */
export async function insertBeneficiary(t: TestApp, o: BeneficiaryOverrides): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO beneficiaries (organisation_id, registered_unit_id, registered_by_user_id, given_name,
                                family_name, sex, vulnerabilities)
     VALUES ($1, $2, $3, $4, $5, 'female', $6) RETURNING id`,
    [
      o.organisationId,
      o.registeredUnitId,
      o.registeredByUserId,
      o.givenName ?? `Test ${uniqueSuffix()}`,
      'Synthetic',
      o.vulnerabilities ?? [],
    ],
  );
  return rows[0].id;
}

export interface HouseholdMember {
  beneficiaryId: string;
  relationship: string;
  /** Set to end the membership (the person left): not a current member. */
  endedOn?: string;
}

/** A synthetic household registered by a unit, with its members from 2024-01-01. */
export async function insertHousehold(
  t: TestApp,
  o: {
    organisationId: string;
    registeredUnitId: string;
    createdByUserId: string;
    members: HouseholdMember[];
  },
): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO households (organisation_id, registered_unit_id, created_by_user_id) VALUES ($1, $2, $3)
     RETURNING id`,
    [o.organisationId, o.registeredUnitId, o.createdByUserId],
  );
  const householdId = rows[0].id;
  for (const m of o.members) {
    await t.dataSource.query(
      `INSERT INTO household_memberships (organisation_id, household_id, beneficiary_id, relationship, started_on,
                                          ended_on, exit_reason, created_by_user_id)
       VALUES ($1, $2, $3, $4, '2024-01-01', $5, $6, $7)`,
      [
        o.organisationId,
        householdId,
        m.beneficiaryId,
        m.relationship,
        m.endedOn ?? null,
        m.endedOn ? 'moved_away' : null,
        o.createdByUserId,
      ],
    );
  }
  return householdId;
}

export interface CaseBody {
  beneficiaryId?: string;
  householdId?: string;
  type?: string;
  unitId?: string;
  riskLevel?: string;
  summary?: string;
  assignedUserId?: string;
}

/** Opens a case through the API (protection, medium risk unless overridden); fails unless 201. */
export async function openCase(api: Api, body: CaseBody): Promise<any> {
  const res = await api.post('/cases', { type: 'protection', riskLevel: 'medium', ...body });
  expectStatus(res, 201);
  return res.body;
}

/** Moves a case to a status through the API; fails unless 200. */
export async function moveCase(api: Api, caseId: string, to: string, extra: object = {}): Promise<any> {
  const res = await api.post(`/cases/${caseId}/transitions`, { to, ...extra });
  expectStatus(res, 200);
  return res.body;
}

/** Closes a case with a reason through the API. */
export function closeCase(api: Api, caseId: string, closureReason = 'needs_met'): Promise<any> {
  return moveCase(api, caseId, 'closed', { closureReason });
}

/** A user made for a test, logged in. */
export interface TestUser {
  id: string;
  api: Api;
}

/**
 * The demo users, logged in, and the extra staff scope tests need. The demo supervisor has the
 * Protection and Legal counselling units, the demo caseworker Protection.
 */
export interface CaseTestContext {
  ids: DemoIds;
  admin: Api;
  supervisor: Api;
  caseworker: Api;
  distribution: Api;
  dpo: Api;
  partner: Api;
  /** A second caseworker of Protection. */
  colleague: TestUser;
  /** A caseworker of Legal counselling only: another unit. */
  legalCaseworker: TestUser;
  /** A supervisor of the Migration health centre only: a supervisor of another unit. */
  healthSupervisor: TestUser;
  /** A caseworker of the partner organisation: another organisation. */
  partnerCaseworker: TestUser;
  /** A person registered by Protection, with optional vulnerabilities. */
  person(vulnerabilities?: string[], unitId?: string): Promise<string>;
}

export async function caseTestContext(t: TestApp): Promise<CaseTestContext> {
  const ids = await demoIds(t);
  const admin = asUser(t, await tokenFor(t, 'admin'));
  const make = async (organisationId: string, role: string, unitIds: string[]): Promise<TestUser> => {
    const user = await createAndLogin(t, admin, { organisationId, role, unitIds });
    return { id: user.id, api: asUser(t, user.accessToken) };
  };
  return {
    ids,
    admin,
    supervisor: asUser(t, await tokenFor(t, 'supervisor')),
    caseworker: asUser(t, await tokenFor(t, 'caseworker')),
    distribution: asUser(t, await tokenFor(t, 'distribution')),
    dpo: asUser(t, await tokenFor(t, 'dpo')),
    partner: asUser(t, await tokenFor(t, 'partner')),
    colleague: await make(ids.hostId, 'caseworker', [ids.protection]),
    legalCaseworker: await make(ids.hostId, 'caseworker', [ids.legal]),
    healthSupervisor: await make(ids.hostId, 'supervisor', [ids.health]),
    partnerCaseworker: await make(ids.partnerId, 'caseworker', [ids.psychosocial]),
    person: (vulnerabilities = [], unitId = ids.protection) =>
      insertBeneficiary(t, {
        organisationId: ids.hostId,
        registeredUnitId: unitId,
        registeredByUserId: ids.caseworkerId,
        vulnerabilities,
      }),
  };
}

export interface AuditRow {
  action: string;
  entity_type: string;
  entity_id: string | null;
  actor_user_id: string | null;
  fields_read: string[] | null;
  changes: Record<string, unknown> | null;
}

/** The audit events about a record, oldest first. */
export async function auditEventsOf(t: TestApp, entityId: string, action?: string): Promise<AuditRow[]> {
  return t.dataSource.query(
    `SELECT action, entity_type, entity_id, actor_user_id, fields_read, changes FROM audit_events
      WHERE entity_id = $1 AND ($2::text IS NULL OR action = $2) ORDER BY id`,
    [entityId, action ?? null],
  );
}
