import { randomUUID } from 'node:crypto';
import { Api, expectStatus, uniqueSuffix } from '../utils/admin';
import type { TestApp } from '../utils/test-app';

/*
 * Factories for recording tests: aid items and rounds are inserted straight into the database
 * (their own routes are tested in aid-items and distribution-rounds e2e files); distributions go
 * through the API, as a distribution point records them.
 */

export async function insertAidItem(
  t: TestApp,
  organisationId: string,
  o: { category?: string; unitValue?: string | null } = {},
): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO aid_items (organisation_id, name, category, kind, unit, unit_value, currency)
     VALUES ($1, $2, $3, 'in_kind', 'parcel', $4, CASE WHEN $4::numeric IS NULL THEN NULL ELSE 'TRY' END)
     RETURNING id`,
    [organisationId, `Item ${uniqueSuffix()}`, o.category ?? 'food_parcel', o.unitValue ?? '750.00'],
  );
  return rows[0].id;
}

export interface RuleRow {
  aidItemId: string;
  countedPer?: 'person' | 'household';
  quantityPerReceipt?: number;
  minDaysBetween?: number | null;
  maxPerPeriod?: number | null;
  periodDays?: number | null;
  exclusiveWithItemIds?: string[];
}

export interface RoundRow {
  organisationId: string;
  createdByUserId: string;
  startsOn?: string;
  endsOn?: string;
  locations?: string[];
  eligibleVulnerabilities?: string[];
  minHouseholdSize?: number | null;
  eligibleDistricts?: string[];
  items: RuleRow[];
}

/** A round with its items and rules; by default all of 2026 at one location, no criteria. */
export async function insertRound(t: TestApp, o: RoundRow): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO distribution_rounds (organisation_id, name, starts_on, ends_on, locations, eligible_vulnerabilities,
                                      min_household_size, eligible_districts, created_by_user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      o.organisationId,
      `Round ${uniqueSuffix()}`,
      o.startsOn ?? '2026-01-01',
      o.endsOn ?? '2026-12-31',
      o.locations ?? ['Centre'],
      o.eligibleVulnerabilities ?? [],
      o.minHouseholdSize ?? null,
      o.eligibleDistricts ?? [],
      o.createdByUserId,
    ],
  );
  const roundId = rows[0].id;
  for (const i of o.items) {
    await t.dataSource.query(
      `INSERT INTO distribution_round_items (round_id, organisation_id, aid_item_id, counted_per, quantity_per_receipt,
                                            min_days_between, max_per_period, period_days, exclusive_with_item_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        roundId,
        o.organisationId,
        i.aidItemId,
        i.countedPer ?? 'person',
        i.quantityPerReceipt ?? 1,
        i.minDaysBetween ?? null,
        i.maxPerPeriod ?? null,
        i.periodDays ?? null,
        i.exclusiveWithItemIds ?? [],
      ],
    );
  }
  return roundId;
}

export interface DistributionBody {
  roundId: string;
  aidItemId: string;
  beneficiaryId: string;
  distributedOn?: string;
  quantity?: number;
  location?: string;
  override?: { reason: string };
}

/** POST /distributions with a fresh Idempotency-Key unless one is given. */
export function distribute(api: Api, body: DistributionBody, key: string = randomUUID()) {
  return api.post('/distributions', body).set('Idempotency-Key', key);
}

/** Records through the API; fails unless 201. */
export async function recorded(api: Api, body: DistributionBody): Promise<any> {
  const res = await distribute(api, body);
  expectStatus(res, 201);
  return res.body;
}
