import { uniqueSuffix } from '../utils/admin';
import type { TestApp } from '../utils/test-app';

/*
 * Factories for the duplicate-aid scan and import tests: a crafted history of items, rounds,
 * records, voids, documents and household memberships, inserted straight into the database (as
 * records of past years arrive through imports and partners, not through the live check).
 */

/** An aid item of an organisation, of a category, worth 10.00 TRY a unit. */
export async function insertItem(
  t: TestApp,
  organisationId: string,
  category = 'food_parcel',
): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO aid_items (organisation_id, name, category, kind, unit, unit_value, currency)
     VALUES ($1, $2, $3, 'in_kind', 'parcel', 10.00, 'TRY') RETURNING id`,
    [organisationId, `Item ${uniqueSuffix()}`, category],
  );
  return rows[0].id;
}

export interface RuleSpec {
  aidItemId: string;
  countedPer?: 'person' | 'household';
  minDaysBetween?: number | null;
  maxPerPeriod?: number | null;
  periodDays?: number | null;
  exclusiveWithItemIds?: string[];
}

export interface CraftedRound {
  id: string;
  startsOn: string;
  endsOn: string;
  /** The round item of each aid item. */
  itemOf: Record<string, string>;
}

/** A round (all of 2025 unless told) with one rule per item. */
export async function insertRoundWithRules(
  t: TestApp,
  o: {
    organisationId: string;
    createdByUserId: string;
    startsOn?: string;
    endsOn?: string;
    rules: RuleSpec[];
  },
): Promise<CraftedRound> {
  const startsOn = o.startsOn ?? '2025-01-01';
  const endsOn = o.endsOn ?? '2025-12-31';
  const [{ id }]: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO distribution_rounds (organisation_id, name, starts_on, ends_on, locations, created_by_user_id)
     VALUES ($1, $2, $3, $4, '{Centre}', $5) RETURNING id`,
    [o.organisationId, `Round ${uniqueSuffix()}`, startsOn, endsOn, o.createdByUserId],
  );
  const itemOf: Record<string, string> = {};
  for (const r of o.rules) {
    const [row]: Array<{ id: string }> = await t.dataSource.query(
      `INSERT INTO distribution_round_items (round_id, organisation_id, aid_item_id, counted_per, quantity_per_receipt,
                                             min_days_between, max_per_period, period_days, exclusive_with_item_ids)
       VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8) RETURNING id`,
      [
        id,
        o.organisationId,
        r.aidItemId,
        r.countedPer ?? 'person',
        r.minDaysBetween ?? null,
        r.maxPerPeriod ?? null,
        r.periodDays ?? null,
        r.exclusiveWithItemIds ?? [],
      ],
    );
    itemOf[r.aidItemId] = row.id;
  }
  return { id, startsOn, endsOn, itemOf };
}

export interface ReceiptSpec {
  organisationId: string;
  beneficiaryId: string;
  aidItemId: string;
  on: string;
  recordedByUserId: string;
  /** Without a round the record carries no rule (as imported records). */
  round?: CraftedRound;
  quantity?: string;
  overriddenRules?: string[];
}

/** A distribution record as stored (no rule check); returns its id. */
export async function insertReceipt(t: TestApp, r: ReceiptSpec): Promise<string> {
  const overridden = r.overriddenRules ?? [];
  const [row]: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO distribution_records (organisation_id, round_id, round_item_id, aid_item_id, beneficiary_id, quantity,
                                       unit_value, currency, distributed_on, source, recorded_by_user_id,
                                       overridden_rules, override_reason)
     VALUES ($1, $2, $3, $4, $5, $6, 10.00, 'TRY', $7, $8, $9, $10, $11) RETURNING id`,
    [
      r.organisationId,
      r.round?.id ?? null,
      r.round ? r.round.itemOf[r.aidItemId] : null,
      r.aidItemId,
      r.beneficiaryId,
      r.quantity ?? '1',
      r.on,
      r.round ? 'live' : 'imported',
      r.recordedByUserId,
      overridden,
      overridden.length ? 'Synthetic override reason' : null,
    ],
  );
  return row.id;
}

export async function voidReceipt(t: TestApp, recordId: string, userId: string): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO distribution_voids (record_id, reason, voided_by_user_id) VALUES ($1, 'Entered twice', $2)`,
    [recordId, userId],
  );
}

/** A passport number for a synthetic person. */
export function passportNumber(): string {
  return `P${uniqueSuffix().toUpperCase()}`;
}

export async function insertDocument(
  t: TestApp,
  o: { organisationId: string; beneficiaryId: string; number: string; createdByUserId: string },
): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO identity_documents (organisation_id, beneficiary_id, type, number, created_by_user_id)
     VALUES ($1, $2, 'passport', $3, $4)`,
    [o.organisationId, o.beneficiaryId, o.number, o.createdByUserId],
  );
}

/** An empty household; members are added with their own periods (insertMembership). */
export async function insertEmptyHousehold(
  t: TestApp,
  o: { organisationId: string; registeredUnitId: string; createdByUserId: string },
): Promise<string> {
  const [row]: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO households (organisation_id, registered_unit_id, created_by_user_id) VALUES ($1, $2, $3) RETURNING id`,
    [o.organisationId, o.registeredUnitId, o.createdByUserId],
  );
  return row.id;
}

/** A membership from `startedOn` up to, not including, `endedOn`. */
export async function insertMembership(
  t: TestApp,
  o: {
    organisationId: string;
    householdId: string;
    beneficiaryId: string;
    relationship: string;
    startedOn: string;
    endedOn?: string;
    createdByUserId: string;
  },
): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO household_memberships (organisation_id, household_id, beneficiary_id, relationship, started_on,
                                        ended_on, exit_reason, created_by_user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      o.organisationId,
      o.householdId,
      o.beneficiaryId,
      o.relationship,
      o.startedOn,
      o.endedOn ?? null,
      o.endedOn ? 'moved_away' : null,
      o.createdByUserId,
    ],
  );
}

export interface FlagRow {
  id: string;
  rule: string;
  subject_type: string;
  category: string;
  amount: string;
  value: string | null;
  status: string;
  record_ids: string[];
}

/** The flags raised, each with its sorted record ids. */
export async function flagsInDatabase(t: TestApp): Promise<FlagRow[]> {
  return t.dataSource.query(
    `SELECT f.id, f.rule, f.subject_type, f.category, f.amount::text AS amount, f.value::text AS value, f.status,
            array_agg(fr.record_id::text ORDER BY fr.record_id::text) AS record_ids
       FROM duplicate_aid_flags f JOIN duplicate_aid_flag_records fr ON fr.flag_id = f.id
      GROUP BY f.id ORDER BY f.raised_at, f.id`,
  );
}
