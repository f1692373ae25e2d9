import { DEMO_HOST, DEMO_PARTNER } from '../../src/seed/demo-seed';
import type { Api } from '../utils/admin';
import { asUser, createAndLogin, organisationIdByName, uniqueSuffix } from '../utils/admin';
import { tokenFor } from '../utils/auth';
import type { TestApp } from '../utils/test-app';

/**
 * The registry's callers: the demo users of every role, a caseworker of another unit of the host
 * (Language courses) and one of another organisation (the partner's Legal aid clinic), with the
 * ids the tests need.
 */
export async function registryCallers(t: TestApp) {
  const [admin, supervisor, caseworker, distribution, partner, dpo] = await Promise.all(
    ['admin', 'supervisor', 'caseworker', 'distribution', 'partner', 'dpo'].map(async (u) =>
      asUser(t, await tokenFor(t, u)),
    ),
  );
  const hostId = await organisationIdByName(t, DEMO_HOST);
  const partnerId = await organisationIdByName(t, DEMO_PARTNER);
  const units = {
    protection: await unitIdByName(t, DEMO_HOST, 'Protection'),
    legal: await unitIdByName(t, DEMO_HOST, 'Legal counselling'),
    language: await unitIdByName(t, DEMO_HOST, 'Language courses'),
    partnerUnit: await unitIdByName(t, DEMO_PARTNER, 'Legal aid clinic'),
  };
  const caseworkerOf = async (organisationId: string, unitId: string): Promise<Api> =>
    asUser(
      t,
      (await createAndLogin(t, admin, { organisationId, role: 'caseworker', unitIds: [unitId] })).accessToken,
    );
  return {
    admin,
    supervisor,
    caseworker,
    distribution,
    partner,
    dpo,
    otherUnit: await caseworkerOf(hostId, units.language),
    otherOrg: await caseworkerOf(partnerId, units.partnerUnit),
    hostId,
    partnerId,
    units,
  };
}

/** The id of a service unit, by its organisation's name and its own. */
export async function unitIdByName(t: TestApp, organisation: string, unit: string): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `SELECT su.id FROM service_units su JOIN organisations o ON o.id = su.organisation_id
      WHERE o.name = $1 AND su.name = $2`,
    [organisation, unit],
  );
  if (!rows[0]) throw new Error(`no unit ${unit} in ${organisation}`);
  return rows[0].id;
}

export interface PersonOverrides {
  givenName?: string;
  familyName?: string;
  sex?: 'female' | 'male' | 'other' | 'unknown';
}

/**
 * Registers a synthetic beneficiary in `unitId` through POST /beneficiaries, as `registrar` (a
 * caller who may register for that unit: one of their own, or any unit for a supervisor).
 */
export async function registerBeneficiary(
  registrar: Api,
  unitId: string,
  overrides: PersonOverrides = {},
): Promise<string> {
  const res = await registrar.post('/beneficiaries', {
    givenName: overrides.givenName ?? 'Amina',
    familyName: overrides.familyName ?? `Test ${uniqueSuffix()}`,
    sex: overrides.sex ?? 'female',
    registeredUnitId: unitId,
  });
  if (res.status !== 201)
    throw new Error(`beneficiary not registered: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

/** Several synthetic beneficiaries of one unit. */
export async function registerBeneficiaries(
  registrar: Api,
  unitId: string,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await registerBeneficiary(registrar, unitId));
  return ids;
}

export interface NewMember {
  beneficiaryId: string;
  relationship: string;
  startedOn?: string;
}

export interface CreatedHousehold {
  id: string;
  organisationId: string;
  registeredUnitId: string;
  size: number;
  members: Array<{ membershipId: string; beneficiaryId: string; relationship: string; startedOn: string }>;
}

/** Creates a household through the API; fails the test with the answer when it is not a 201. */
export async function createHousehold(
  api: Api,
  body: { registeredUnitId?: string; notes?: string; members?: NewMember[] } = {},
): Promise<CreatedHousehold> {
  const res = await api.post('/households', body);
  if (res.status !== 201) throw new Error(`household not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CreatedHousehold;
}

/** Adds a member through the API and returns the membership; fails unless 201. */
export async function addMember(
  api: Api,
  householdId: string,
  body: NewMember & { move?: boolean },
): Promise<{ id: string; householdId: string; beneficiaryId: string; startedOn: string }> {
  const res = await api.post(`/households/${householdId}/members`, body);
  if (res.status !== 201) throw new Error(`member not added: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
