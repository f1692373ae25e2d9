import { Api, expectStatus, uniqueSuffix } from '../utils/admin';
import type { TestApp } from '../utils/test-app';

/*
 * Factories for the aid catalogue and round tests. Items and rounds go through the API; the
 * records a round's totals count are inserted with SQL (their routes are written at the same
 * time), keeping to the composite foreign keys: the record's organisation is its round's, its
 * item's and its beneficiary's.
 */

export interface AidItemBody {
  organisationId?: string;
  name?: string;
  category?: string;
  kind?: string;
  unit?: string;
  unitValue?: number | null;
  currency?: string | null;
}

/** An aid item through the API (a food parcel worth 1,500 TRY unless overridden); fails unless 201. */
export async function createAidItem(api: Api, body: AidItemBody = {}): Promise<any> {
  const res = await api.post('/aid-items', {
    name: `Food parcel ${uniqueSuffix()}`,
    category: 'food_parcel',
    kind: 'in_kind',
    unit: 'parcel',
    unitValue: 1500,
    currency: 'TRY',
    ...body,
  });
  expectStatus(res, 201);
  return res.body;
}

/** A rule for `aidItemId`: one per receipt, per person, no other limit unless overridden. */
export function ruleFor(aidItemId: string, o: Record<string, unknown> = {}) {
  return { aidItemId, countedPer: 'person', quantityPerReceipt: 1, ...o };
}

/** A round body: the first three months of 2026 at one location, no criteria, no items. */
export function roundBody(o: Record<string, unknown> = {}) {
  return {
    name: `Winter round ${uniqueSuffix()}`,
    startsOn: '2026-01-01',
    endsOn: '2026-03-31',
    locations: ['Sultanbeyli distribution centre'],
    ...o,
  };
}

/** A round through the API; fails unless 201. */
export async function createRound(api: Api, o: Record<string, unknown> = {}): Promise<any> {
  const res = await api.post('/distribution-rounds', roundBody(o));
  expectStatus(res, 201);
  return res.body;
}

export async function roundItemId(t: TestApp, roundId: string, aidItemId: string): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `SELECT id FROM distribution_round_items WHERE round_id = $1 AND aid_item_id = $2`,
    [roundId, aidItemId],
  );
  if (!rows[0]) throw new Error('the item is not in the round');
  return rows[0].id;
}

export interface RecordRow {
  organisationId: string;
  roundId: string;
  aidItemId: string;
  beneficiaryId: string;
  recordedByUserId: string;
  householdId?: string | null;
  quantity?: number;
  unitValue?: string | null;
  currency?: string | null;
  distributedOn?: string;
  overrideReason?: string;
}

/** A distribution record in a round, inserted directly; returns its id. */
export async function insertRecord(t: TestApp, r: RecordRow): Promise<string> {
  const itemId = await roundItemId(t, r.roundId, r.aidItemId);
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO distribution_records (organisation_id, round_id, round_item_id, aid_item_id, beneficiary_id,
                                       household_id, quantity, unit_value, currency, distributed_on, location,
                                       source, recorded_by_user_id, overridden_rules, override_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'Sultanbeyli distribution centre', 'live', $11, $12, $13)
     RETURNING id`,
    [
      r.organisationId,
      r.roundId,
      itemId,
      r.aidItemId,
      r.beneficiaryId,
      r.householdId ?? null,
      r.quantity ?? 1,
      r.unitValue === undefined ? '1500.00' : r.unitValue,
      r.currency === undefined ? 'TRY' : r.currency,
      r.distributedOn ?? '2026-01-15',
      r.recordedByUserId,
      r.overrideReason ? ['min_days_between'] : [],
      r.overrideReason ?? null,
    ],
  );
  return rows[0].id;
}

export async function voidRecord(t: TestApp, recordId: string, userId: string): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO distribution_voids (record_id, reason, voided_by_user_id) VALUES ($1, 'Recorded twice', $2)`,
    [recordId, userId],
  );
}

/** A duplicate-aid flag over records (with their organisations), open or already dismissed. */
export async function insertFlag(
  t: TestApp,
  records: Array<{ recordId: string; organisationId: string }>,
  status: 'open' | 'dismissed' = 'open',
): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO duplicate_aid_flags (conflict_key, rule, category, subject_type, amount, status, reviewed_at)
     VALUES ($1, 'min_days_between', 'food_parcel', 'household', 1, $2, $3) RETURNING id`,
    [`test:${uniqueSuffix()}`, status, status === 'open' ? null : new Date()],
  );
  for (const r of records) {
    await t.dataSource.query(
      `INSERT INTO duplicate_aid_flag_records (flag_id, record_id, organisation_id) VALUES ($1, $2, $3)`,
      [rows[0].id, r.recordId, r.organisationId],
    );
  }
  return rows[0].id;
}
