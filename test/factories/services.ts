import type { Api } from '../utils/admin';
import { uniqueSuffix } from '../utils/admin';
import type { TestApp } from '../utils/test-app';

/*
 * Factories for the service catalogue and the records it refers to. The beneficiary, household,
 * consent and case routes were being written at the same time as the catalogue, so the people,
 * households, consents and cases these tests need are inserted directly with the DataSource, with
 * the same columns the registry and case services write (including the case history rows). The
 * catalogue's own records go through its API.
 */

/** The id of a unit, by organisation and unit name. */
export async function unitIdByName(t: TestApp, unitName: string, organisationName?: string): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `SELECT su.id FROM service_units su JOIN organisations o ON o.id = su.organisation_id
      WHERE su.name = $1 AND ($2::text IS NULL OR o.name = $2)`,
    [unitName, organisationName ?? null],
  );
  if (rows.length !== 1) throw new Error(`expected one unit named ${unitName}, found ${rows.length}`);
  return rows[0].id;
}

/** Inserts a synthetic person registered by `registeredUnitId`, in that unit's organisation. */
export async function insertBeneficiary(
  t: TestApp,
  opts: { registeredUnitId: string; registeredByUserId: string; givenName?: string; createdAt?: string },
): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO beneficiaries (organisation_id, registered_unit_id, registered_by_user_id, given_name,
                                family_name, sex, notes, created_at, updated_at)
     SELECT su.organisation_id, su.id, $2, $3, $4, 'female', 'Free-text registration note', $5, $5
       FROM service_units su WHERE su.id = $1
     RETURNING id`,
    [
      opts.registeredUnitId,
      opts.registeredByUserId,
      opts.givenName ?? `Test ${uniqueSuffix()}`,
      `Family ${uniqueSuffix()}`,
      opts.createdAt ?? new Date().toISOString(),
    ],
  );
  return rows[0].id;
}

export async function insertHousehold(
  t: TestApp,
  opts: { registeredUnitId: string; createdByUserId: string },
): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO households (organisation_id, registered_unit_id, created_by_user_id, notes)
     SELECT su.organisation_id, su.id, $2, 'Free-text household note' FROM service_units su WHERE su.id = $1
     RETURNING id`,
    [opts.registeredUnitId, opts.createdByUserId],
  );
  return rows[0].id;
}

/** A current membership from `startedOn`; returns its id. */
export async function addHouseholdMember(
  t: TestApp,
  opts: {
    householdId: string;
    beneficiaryId: string;
    createdByUserId: string;
    startedOn: string;
    relationship?: string;
  },
): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO household_memberships (organisation_id, household_id, beneficiary_id, relationship, started_on,
                                        created_by_user_id)
     SELECT h.organisation_id, h.id, $2, $3, $4, $5 FROM households h WHERE h.id = $1
     RETURNING id`,
    [opts.householdId, opts.beneficiaryId, opts.relationship ?? 'head', opts.startedOn, opts.createdByUserId],
  );
  return rows[0].id;
}

/** Ends a membership: `endedOn` is the first day the person no longer belongs. */
export async function endHouseholdMembership(
  t: TestApp,
  membershipId: string,
  opts: { endedOn: string; endedByUserId: string; exitReason?: string },
): Promise<void> {
  await t.dataSource.query(
    `UPDATE household_memberships SET ended_on = $2, exit_reason = $3, ended_by_user_id = $4 WHERE id = $1`,
    [membershipId, opts.endedOn, opts.exitReason ?? 'moved_to_other_household', opts.endedByUserId],
  );
}

/**
 * Opens a case as the cases service does: the case row, its first status-history row (no previous
 * status) and, when assigned, its first assignment row, all at `openedAt`.
 */
export async function insertCase(
  t: TestApp,
  opts: {
    unitId: string;
    openedByUserId: string;
    beneficiaryId?: string;
    householdId?: string;
    type?: string;
    assignedUserId?: string;
    openedAt?: string;
  },
): Promise<string> {
  const openedAt = opts.openedAt ?? new Date().toISOString();
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO case_files (organisation_id, beneficiary_id, household_id, type, unit_id, assigned_user_id,
                             risk_level, status, summary, opened_by_user_id, opened_at, updated_at)
     SELECT su.organisation_id, $2, $3, $4, su.id, $5, 'high', 'open', 'Free-text case summary', $6, $7, $7
       FROM service_units su WHERE su.id = $1
     RETURNING id`,
    [
      opts.unitId,
      opts.beneficiaryId ?? null,
      opts.householdId ?? null,
      opts.type ?? 'protection',
      opts.assignedUserId ?? null,
      opts.openedByUserId,
      openedAt,
    ],
  );
  const caseId = rows[0].id;
  await t.dataSource.query(
    `INSERT INTO case_status_changes (case_id, from_status, to_status, changed_by_user_id, changed_at)
     VALUES ($1, NULL, 'open', $2, $3)`,
    [caseId, opts.openedByUserId, openedAt],
  );
  if (opts.assignedUserId) {
    await assignCase(t, caseId, {
      assignedUserId: opts.assignedUserId,
      byUserId: opts.openedByUserId,
      at: openedAt,
    });
  }
  return caseId;
}

/** A status change with its history row (and a free-text note, which the timeline must not show). */
export async function changeCaseStatus(
  t: TestApp,
  caseId: string,
  opts: { to: string; byUserId: string; at?: string; closureReason?: string },
): Promise<void> {
  const at = opts.at ?? new Date().toISOString();
  const closureReason = opts.to === 'closed' ? (opts.closureReason ?? 'needs_met') : null;
  await t.dataSource.query(
    `INSERT INTO case_status_changes (case_id, from_status, to_status, closure_reason, note, changed_by_user_id,
                                      changed_at)
     SELECT id, status, $2::text, $3, 'Free-text status note', $4, $5 FROM case_files WHERE id = $1`,
    [caseId, opts.to, closureReason, opts.byUserId, at],
  );
  await t.dataSource.query(
    `UPDATE case_files SET status = $2::text, closure_reason = $3,
            closed_at = CASE WHEN $2::text = 'closed' THEN $4::timestamptz END, updated_at = $4
      WHERE id = $1`,
    [caseId, opts.to, closureReason, at],
  );
}

/** (Re)assigns a case, with its history row; `assignedUserId: null` unassigns it. */
export async function assignCase(
  t: TestApp,
  caseId: string,
  opts: { assignedUserId: string | null; byUserId: string; at?: string },
): Promise<void> {
  const at = opts.at ?? new Date().toISOString();
  await t.dataSource.query(
    `INSERT INTO case_assignments (case_id, assigned_user_id, assigned_by_user_id, note, assigned_at)
     VALUES ($1, $2, $3, 'Free-text assignment note', $4)`,
    [caseId, opts.assignedUserId, opts.byUserId, at],
  );
  await t.dataSource.query(`UPDATE case_files SET assigned_user_id = $2 WHERE id = $1`, [
    caseId,
    opts.assignedUserId,
  ]);
}

export async function insertConsent(
  t: TestApp,
  opts: {
    beneficiaryId: string;
    recordedByUserId: string;
    purpose?: string;
    decision?: string;
    decidedOn?: string;
    recordedAt?: string;
  },
): Promise<string> {
  const recordedAt = opts.recordedAt ?? new Date().toISOString();
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO consents (organisation_id, beneficiary_id, purpose, scope, decision, decided_on, reference,
                           recorded_by_user_id, recorded_at)
     SELECT b.organisation_id, b.id, $2, '{identity,contact}', $3, $4, 'FORM-0001', $5, $6
       FROM beneficiaries b WHERE b.id = $1
     RETURNING id`,
    [
      opts.beneficiaryId,
      opts.purpose ?? 'assistance',
      opts.decision ?? 'given',
      opts.decidedOn ?? recordedAt.slice(0, 10),
      opts.recordedByUserId,
      recordedAt,
    ],
  );
  return rows[0].id;
}

export async function withdrawConsent(
  t: TestApp,
  consentId: string,
  opts: { byUserId: string; at?: string },
): Promise<void> {
  await t.dataSource.query(
    `UPDATE consents SET withdrawn_at = $2, withdrawn_by_user_id = $3, withdrawal_reason = 'Free-text reason'
      WHERE id = $1`,
    [consentId, opts.at ?? new Date().toISOString(), opts.byUserId],
  );
}

export interface ServiceTypeBody {
  id: string;
  organisationId: string;
  unitId: string;
  name: string;
  description: string | null;
  isActive: boolean;
}

/** Creates a service type through the API, as a catalogue manager. */
export async function createServiceType(
  api: Api,
  unitId: string,
  overrides: { name?: string; description?: string } = {},
): Promise<ServiceTypeBody> {
  const res = await api.post('/service-types', {
    unitId,
    name: overrides.name ?? `Test service ${uniqueSuffix()}`,
    ...(overrides.description !== undefined ? { description: overrides.description } : {}),
  });
  if (res.status !== 201)
    throw new Error(`service type not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface DeliveryBody {
  id: string;
  beneficiaryId: string;
  serviceTypeId: string;
  serviceTypeName: string;
  unitId: string;
  caseId: string | null;
  referralId: string | null;
  deliveredOn: string;
  deliveredByUserId: string;
  note: string | null;
}

/** Records a delivery through the API and expects it to succeed. */
export async function recordService(
  api: Api,
  body: {
    beneficiaryId: string;
    serviceTypeId: string;
    deliveredOn?: string;
    caseId?: string;
    note?: string;
  },
): Promise<DeliveryBody> {
  const res = await api.post('/service-deliveries', {
    deliveredOn: new Date().toISOString().slice(0, 10),
    ...body,
  });
  if (res.status !== 201) throw new Error(`delivery not recorded: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The id of a service type (a demo one, for instance), by unit and name. */
export async function serviceTypeIdByName(t: TestApp, unitId: string, name: string): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `SELECT id FROM service_types WHERE unit_id = $1 AND name = $2`,
    [unitId, name],
  );
  if (!rows[0]) throw new Error(`no service type named ${name} in unit ${unitId}`);
  return rows[0].id;
}
