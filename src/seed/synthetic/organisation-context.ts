import type { ClientBase } from 'pg';
import { SeedContext, SeedUnit, SeedUser } from './seed-context';

/** The organisation has nothing to spread records over: the command stops with this message. */
export class SeedContextError extends Error {}

/**
 * A starter catalogue for units that offer no service yet, matched on the unit's name, so that
 * synthetic deliveries have service types to refer to. Only created when the organisation has no
 * service type at all.
 */
const STARTER_SERVICES: readonly [RegExp, readonly string[]][] = [
  [/humanitarian|aid/i, ['Food parcel', 'Hygiene kit', 'Winter kit', 'Cash assistance']],
  [/legal/i, ['Legal counselling session', 'Accompaniment to the migration office', 'Document translation']],
  [/health/i, ['Health counselling', 'Accompaniment to hospital', 'Medication support']],
  [/protection/i, ['Protection counselling session', 'Case management session', 'Interpretation']],
  [/women/i, ["Women's support group", 'Individual counselling']],
  [/child|youth/i, ['Child-friendly space activity', 'Homework support']],
  [/language/i, ['Turkish course A1', 'Turkish course A2']],
  [/work|vocation/i, ['Vocational counselling', 'CV and job application support']],
  [/psycho/i, ['Psychosocial support session']],
];
const FALLBACK_SERVICES = ['Information session'];

export interface LoadedContext {
  context: SeedContext;
  organisationName: string;
  /** Service types this run had to create (the organisation had none). */
  createdServiceTypes: number;
}

/**
 * Loads the organisation to fill: by name, or the host organisation. Its active units, active users
 * with their units, service types (creating a starter catalogue when there is none) and the other
 * organisations (recipients of data-sharing consents). Sorted by name, so that the same set-up gives
 * the same choices.
 */
export async function loadSeedContext(
  client: ClientBase,
  opts: { organisationName?: string; asOfDay: number },
): Promise<LoadedContext> {
  const orgs = await client.query<{ id: string; name: string }>(
    opts.organisationName === undefined
      ? `SELECT id, name FROM organisations WHERE kind = 'host'`
      : `SELECT id, name FROM organisations WHERE name = $1`,
    opts.organisationName === undefined ? [] : [opts.organisationName],
  );
  const organisation = orgs.rows[0];
  if (!organisation) {
    throw new SeedContextError(
      opts.organisationName === undefined
        ? 'there is no host organisation: create one (npm run admin:create, or start embedded mode for the demo data) or name one with --organisation'
        : `there is no organisation named "${opts.organisationName}"`,
    );
  }
  const orgId = organisation.id;

  const unitRows = (
    await client.query<{ id: string; name: string }>(
      `SELECT id, name FROM service_units WHERE organisation_id = $1 AND is_active ORDER BY name, id`,
      [orgId],
    )
  ).rows;
  const userRows = (
    await client.query<{ id: string; username: string; role: string }>(
      `SELECT id, username, role FROM users WHERE organisation_id = $1 AND is_active ORDER BY username`,
      [orgId],
    )
  ).rows;
  const missing = [!unitRows.length && 'active service units', !userRows.length && 'active users'].filter(
    Boolean,
  );
  if (missing.length) {
    throw new SeedContextError(
      `the organisation "${organisation.name}" has no ${missing.join(' and no ')}: synthetic records are ` +
        'spread over its units and staff, so create some first (as an administrator, through the API)',
    );
  }

  const memberships = (
    await client.query<{ user_id: string; unit_id: string }>(
      `SELECT user_id, unit_id FROM user_units WHERE organisation_id = $1 ORDER BY user_id, unit_id`,
      [orgId],
    )
  ).rows;
  const unitsOfUser = new Map<string, string[]>();
  for (const m of memberships) unitsOfUser.set(m.user_id, [...(unitsOfUser.get(m.user_id) ?? []), m.unit_id]);
  const users: SeedUser[] = userRows.map((u) => ({
    id: u.id,
    username: u.username,
    role: u.role,
    unitIds: unitsOfUser.get(u.id) ?? [],
  }));

  const createdServiceTypes = await ensureServiceTypes(client, orgId, unitRows);
  const typeRows = (
    await client.query<{ id: string; unit_id: string; name: string }>(
      `SELECT id, unit_id, name FROM service_types WHERE organisation_id = $1 AND is_active ORDER BY name, id`,
      [orgId],
    )
  ).rows;

  const units: SeedUnit[] = unitRows.map((unit) => {
    const staff = users.filter((u) => u.unitIds.includes(unit.id));
    return {
      id: unit.id,
      name: unit.name,
      staff,
      caseStaff: staff.filter((u) => u.role === 'caseworker' || u.role === 'supervisor'),
      supervisors: staff.filter((u) => u.role === 'supervisor'),
      serviceTypes: typeRows.filter((t) => t.unit_id === unit.id).map((t) => ({ id: t.id, name: t.name })),
    };
  });
  const partners = (
    await client.query<{ id: string }>(
      `SELECT id FROM organisations WHERE id <> $1 AND is_active ORDER BY name, id`,
      [orgId],
    )
  ).rows;

  return {
    organisationName: organisation.name,
    createdServiceTypes,
    context: {
      organisationId: orgId,
      units,
      users,
      supervisors: users.filter((u) => u.role === 'supervisor'),
      partnerOrganisationIds: partners.map((p) => p.id),
      asOfDay: opts.asOfDay,
    },
  };
}

async function ensureServiceTypes(
  client: ClientBase,
  organisationId: string,
  units: readonly { id: string; name: string }[],
): Promise<number> {
  const existing = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM service_types WHERE organisation_id = $1`,
    [organisationId],
  );
  if (existing.rows[0].n > 0) return 0;
  let created = 0;
  for (const unit of units) {
    const names = STARTER_SERVICES.find(([pattern]) => pattern.test(unit.name))?.[1] ?? FALLBACK_SERVICES;
    for (const name of names) {
      const res = await client.query(
        `INSERT INTO service_types (organisation_id, unit_id, name, description)
         VALUES ($1, $2, $3, 'Created with the synthetic data') ON CONFLICT (unit_id, name) DO NOTHING`,
        [organisationId, unit.id, name],
      );
      created += res.rowCount ?? 0;
    }
  }
  return created;
}
