import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DistributionSource } from '../distribution-codes';
import { DistributionRecord } from '../entities/distribution-record.entity';

export interface ImportItem {
  id: string;
  unitValue: string | null;
  currency: string | null;
}

export interface ImportRoundItem {
  roundId: string;
  aidItemId: string;
  roundItemId: string;
  startsOn: string;
  endsOn: string;
}

export interface ImportRow {
  organisationId: string;
  beneficiaryId: string;
  aidItemId: string;
  roundId: string | null;
  roundItemId: string | null;
  householdId: string | null;
  quantity: string;
  unitValue: string | null;
  currency: string | null;
  distributedOn: string;
  location: string | null;
  recordedByUserId: string;
}

/** What an import reads to check its list, and the insert of its records. */
@Injectable()
export class DistributionImportsRepository {
  async beneficiaryIdsOf(
    em: EntityManager,
    organisationId: string,
    ids: readonly string[],
  ): Promise<Set<string>> {
    const rows = await em.query<Array<{ id: string }>>(
      `SELECT id FROM beneficiaries WHERE organisation_id = $1 AND id = ANY($2::uuid[])`,
      [organisationId, ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  async itemsOf(
    em: EntityManager,
    organisationId: string,
    ids: readonly string[],
  ): Promise<Map<string, ImportItem>> {
    const rows = await em.query<ImportItem[]>(
      `SELECT id, unit_value::text AS "unitValue", currency FROM aid_items
        WHERE organisation_id = $1 AND id = ANY($2::uuid[])`,
      [organisationId, ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  async roundIdsOf(em: EntityManager, organisationId: string, ids: readonly string[]): Promise<Set<string>> {
    const rows = await em.query<Array<{ id: string }>>(
      `SELECT id FROM distribution_rounds WHERE organisation_id = $1 AND id = ANY($2::uuid[])`,
      [organisationId, ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The round items of these rounds, with the rounds' periods. */
  roundItemsOf(em: EntityManager, roundIds: readonly string[]): Promise<ImportRoundItem[]> {
    return em.query(
      `SELECT ri.round_id AS "roundId", ri.aid_item_id AS "aidItemId", ri.id AS "roundItemId",
              to_char(r.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(r.ends_on, 'YYYY-MM-DD') AS "endsOn"
         FROM distribution_round_items ri JOIN distribution_rounds r ON r.id = ri.round_id
        WHERE ri.round_id = ANY($1::uuid[])`,
      [roundIds],
    );
  }

  /** The household each person belonged to on each day (memberships cover started_on up to ended_on, excluded). */
  async householdsOn(
    em: EntityManager,
    pairs: ReadonlyArray<{ beneficiaryId: string; on: string }>,
  ): Promise<Map<string, string>> {
    const rows = await em.query<Array<{ beneficiaryId: string; on: string; householdId: string }>>(
      `SELECT p.b AS "beneficiaryId", to_char(p.d, 'YYYY-MM-DD') AS "on", m.household_id AS "householdId"
         FROM unnest($1::uuid[], $2::date[]) AS p(b, d)
         JOIN household_memberships m ON m.beneficiary_id = p.b
          AND m.started_on <= p.d AND (m.ended_on IS NULL OR p.d < m.ended_on)`,
      [pairs.map((p) => p.beneficiaryId), pairs.map((p) => p.on)],
    );
    return new Map(rows.map((r) => [`${r.beneficiaryId}|${r.on}`, r.householdId]));
  }

  /** One statement for the whole list; the ids come back in its order. */
  async insert(em: EntityManager, rows: readonly ImportRow[]): Promise<string[]> {
    const result = await em.insert(
      DistributionRecord,
      rows.map((r) => ({
        ...r,
        source: DistributionSource.Imported,
        overriddenRules: [],
        overrideReason: null,
      })),
    );
    return result.identifiers.map((i) => String(i.id));
  }
}
