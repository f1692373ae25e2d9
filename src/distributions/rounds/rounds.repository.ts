import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AidCategory, AidKind, CountedPer } from '../distribution-codes';
import { DistributionRound } from '../entities/distribution-round.entity';
import { RoundItem } from '../entities/round-item.entity';
import type { ItemRule } from '../entitlement';
import type { RoundEligibility } from './eligibility';
import type { ListDistributionRoundsQuery } from './dto/distribution-round.dto';

/** A round item's rule with the item's catalogue facts, for the round's detail. */
export interface RoundItemRow extends RoundItem {
  name: string;
  category: AidCategory;
  kind: AidKind;
  unit: string;
  isActive: boolean;
}

/**
 * A round and one of its items' rules: everything recording a receipt needs to know about them.
 * `rule.exclusiveWithItemIds` is symmetric within the round: it also holds the round's items whose
 * own rule excludes this item, so that "food parcel excludes food voucher" refuses a voucher after
 * a parcel as well as a parcel after a voucher.
 */
export interface RoundItemWithRule extends RoundEligibility {
  roundId: string;
  roundItemId: string;
  organisationId: string;
  startsOn: string;
  endsOn: string;
  locations: string[];
  countedPer: CountedPer;
  rule: ItemRule;
  aidItemActive: boolean;
  aidItemName: string;
  category: AidCategory;
  unitValue: string | null;
  currency: string | null;
}

export interface RoundTotalsRow {
  people: number;
  households: number;
  receipts: number;
  overrides: number;
  voids: number;
  openFlags: number;
}

export interface RoundItemTotalsRow {
  aidItemId: string;
  name: string;
  category: AidCategory;
  unit: string;
  currency: string | null;
  receipts: number;
  quantity: string;
  value: string | null;
}

/** Queries over distribution rounds and their items. Scope is added by the caller (AccessService). */
@Injectable()
export class RoundsRepository {
  /** Latest start first, then id; `after` is the keyset of the previous page's last row. */
  listQuery(em: EntityManager, filter: ListDistributionRoundsQuery, after?: (string | number)[]) {
    const qb = em
      .createQueryBuilder(DistributionRound, 'r')
      .orderBy('r.startsOn', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(filter.limit + 1);
    if (filter.activeOn) {
      qb.andWhere(':activeOn::date BETWEEN r.startsOn AND r.endsOn', { activeOn: filter.activeOn });
    }
    if (filter.organisationId) {
      qb.andWhere('r.organisationId = :organisationId', { organisationId: filter.organisationId });
    }
    if (after) {
      qb.andWhere('(r.startsOn, r.id) < (:afterStart::date, :afterId::uuid)', {
        afterStart: after[0],
        afterId: after[1],
      });
    }
    return qb;
  }

  get(em: EntityManager, id: string): Promise<DistributionRound> {
    return em.findOneByOrFail(DistributionRound, { id });
  }

  getForUpdate(em: EntityManager, id: string): Promise<DistributionRound> {
    return em.findOneOrFail(DistributionRound, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Only when it belongs to the organisation: totals are the organisation's own figures. */
  findOfOrganisation(
    em: EntityManager,
    id: string,
    organisationId: string,
  ): Promise<DistributionRound | null> {
    return em.findOneBy(DistributionRound, { id, organisationId });
  }

  /** The round's items with their rules and catalogue facts, by item name. */
  async itemsOf(em: EntityManager, roundId: string): Promise<RoundItemRow[]> {
    const { entities, raw } = await em
      .createQueryBuilder(RoundItem, 'ri')
      .innerJoin('aid_items', 'ai', 'ai.id = ri.aid_item_id')
      .addSelect(['ai.name AS ai_name', 'ai.category AS ai_category', 'ai.kind AS ai_kind'])
      .addSelect(['ai.unit AS ai_unit', 'ai.is_active AS ai_is_active'])
      .where('ri.roundId = :roundId', { roundId })
      .orderBy('ai.name', 'ASC')
      .addOrderBy('ri.id', 'ASC')
      .getRawAndEntities<Record<string, unknown>>();
    return entities.map((ri, i) => ({
      ...ri,
      name: raw[i].ai_name as string,
      category: raw[i].ai_category as AidCategory,
      kind: raw[i].ai_kind as AidKind,
      unit: raw[i].ai_unit as string,
      isActive: raw[i].ai_is_active as boolean,
    }));
  }

  findItemForUpdate(em: EntityManager, roundId: string, aidItemId: string): Promise<RoundItem | null> {
    return em.findOne(RoundItem, { where: { roundId, aidItemId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The round and the item's rule (see RoundItemWithRule), or null when the item is not in the round. */
  async findRoundItem(
    em: EntityManager,
    roundId: string,
    aidItemId: string,
  ): Promise<RoundItemWithRule | null> {
    const rows: Array<Record<string, unknown>> = await em.query(
      `SELECT r.id AS round_id, ri.id AS round_item_id, r.organisation_id, r.starts_on::text AS starts_on,
              r.ends_on::text AS ends_on, r.locations, r.eligible_vulnerabilities, r.min_household_size,
              r.max_household_size, r.eligible_districts, r.eligible_legal_statuses,
              ri.counted_per, ri.quantity_per_receipt, ri.min_days_between, ri.max_per_period, ri.period_days,
              ARRAY(SELECT DISTINCT x FROM unnest(ri.exclusive_with_item_ids || ARRAY(
                      SELECT o.aid_item_id FROM distribution_round_items o
                       WHERE o.round_id = ri.round_id AND ri.aid_item_id = ANY(o.exclusive_with_item_ids)
                    )) AS x ORDER BY x) AS exclusive_with_item_ids,
              ai.is_active, ai.name, ai.category, ai.unit_value, ai.currency
         FROM distribution_round_items ri
         JOIN distribution_rounds r ON r.id = ri.round_id
         JOIN aid_items ai ON ai.id = ri.aid_item_id
        WHERE ri.round_id = $1 AND ri.aid_item_id = $2`,
      [roundId, aidItemId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      roundId: r.round_id as string,
      roundItemId: r.round_item_id as string,
      organisationId: r.organisation_id as string,
      startsOn: r.starts_on as string,
      endsOn: r.ends_on as string,
      locations: r.locations as string[],
      eligibleVulnerabilities: r.eligible_vulnerabilities as string[],
      minHouseholdSize: r.min_household_size as number | null,
      maxHouseholdSize: r.max_household_size as number | null,
      eligibleDistricts: r.eligible_districts as string[],
      eligibleLegalStatuses: r.eligible_legal_statuses as string[],
      countedPer: r.counted_per as CountedPer,
      rule: {
        aidItemId,
        quantityPerReceipt: Number(r.quantity_per_receipt),
        minDaysBetween: r.min_days_between as number | null,
        maxPerPeriod: r.max_per_period as number | null,
        periodDays: r.period_days as number | null,
        exclusiveWithItemIds: r.exclusive_with_item_ids as string[],
      },
      aidItemActive: r.is_active as boolean,
      aidItemName: r.name as string,
      category: r.category as AidCategory,
      unitValue: r.unit_value as string | null,
      currency: r.currency as string | null,
    };
  }

  /** People, households, receipts, overrides, voids and open flags of the round, in one statement. */
  async totals(em: EntityManager, roundId: string): Promise<RoundTotalsRow> {
    const rows: RoundTotalsRow[] = await em.query(
      `SELECT count(DISTINCT d.beneficiary_id) FILTER (WHERE v.record_id IS NULL)::int AS people,
              count(DISTINCT d.household_id) FILTER (WHERE v.record_id IS NULL)::int AS households,
              count(d.id) FILTER (WHERE v.record_id IS NULL)::int AS receipts,
              count(d.id) FILTER (WHERE v.record_id IS NULL AND d.override_reason IS NOT NULL)::int AS overrides,
              count(v.record_id)::int AS voids,
              (SELECT count(DISTINCT fr.flag_id)::int
                 FROM distribution_records fd
                 JOIN duplicate_aid_flag_records fr ON fr.record_id = fd.id
                 JOIN duplicate_aid_flags f ON f.id = fr.flag_id AND f.status = 'open'
                WHERE fd.round_id = $1) AS "openFlags"
         FROM distribution_records d
         LEFT JOIN distribution_voids v ON v.record_id = d.id
        WHERE d.round_id = $1`,
      [roundId],
    );
    return rows[0];
  }

  /** Per item of the round and currency: receipts that are not voided, their quantity and value. */
  itemTotals(em: EntityManager, roundId: string): Promise<RoundItemTotalsRow[]> {
    return em.query(
      `SELECT ri.aid_item_id AS "aidItemId", ai.name, ai.category, ai.unit, d.currency,
              count(d.id)::int AS receipts, coalesce(sum(d.quantity), 0)::text AS quantity,
              sum(d.quantity * d.unit_value)::numeric(16, 2)::text AS value
         FROM distribution_round_items ri
         JOIN aid_items ai ON ai.id = ri.aid_item_id
         LEFT JOIN distribution_records d ON d.round_id = ri.round_id AND d.round_item_id = ri.id
              AND NOT EXISTS (SELECT 1 FROM distribution_voids v WHERE v.record_id = d.id)
        WHERE ri.round_id = $1
        GROUP BY ri.aid_item_id, ai.name, ai.category, ai.unit, d.currency
        ORDER BY ai.name, ri.aid_item_id, d.currency NULLS FIRST`,
      [roundId],
    );
  }
}
