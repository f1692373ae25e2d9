import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AidCategory } from '../distribution-codes';
import { DistributionRecord } from '../entities/distribution-record.entity';
import { Receipt } from '../entitlement';
import { ListDistributionsQuery } from './dto/distribution.dto';

export type NewDistributionRecord = Omit<DistributionRecord, 'id' | 'seq' | 'recordedAt'>;

/** What the eligibility criteria ask of a person, on a day. */
export interface PersonFacts {
  vulnerabilities: string[];
  district: string | null;
  legalStatus: string | null;
  /** The household the person belonged to on the day, and its size then. */
  householdId: string | null;
  householdSize: number | null;
}

export interface RecordRow extends DistributionRecord {
  aidItemName: string;
  category: AidCategory;
  voidReason: string | null;
  voidedByUserId: string | null;
  voidedAt: Date | null;
}

@Injectable()
export class DistributionRecordsRepository {
  async roundOrganisation(em: EntityManager, roundId: string): Promise<string | null> {
    const rows: Array<{ organisation_id: string }> = await em.query(
      `SELECT organisation_id FROM distribution_rounds WHERE id = $1`,
      [roundId],
    );
    return rows[0]?.organisation_id ?? null;
  }

  /** The person's criteria facts, with the household they belonged to on `on` and its size that day. */
  async personFacts(em: EntityManager, beneficiaryId: string, on: string): Promise<PersonFacts | null> {
    const rows: Array<{
      vulnerabilities: string[];
      district: string | null;
      legal_status: string | null;
      household_id: string | null;
      household_size: number | null;
    }> = await em.query(
      `SELECT b.vulnerabilities, b.district, b.legal_status, m.household_id,
              CASE WHEN m.household_id IS NULL THEN NULL ELSE
                (SELECT count(*)::int FROM household_memberships x
                  WHERE x.household_id = m.household_id AND x.started_on <= $2::date
                    AND (x.ended_on IS NULL OR x.ended_on > $2::date)) END AS household_size
         FROM beneficiaries b
         LEFT JOIN LATERAL (
           SELECT household_id FROM household_memberships
            WHERE beneficiary_id = b.id AND started_on <= $2::date AND (ended_on IS NULL OR ended_on > $2::date)
            ORDER BY started_on DESC LIMIT 1) m ON true
        WHERE b.id = $1`,
      [beneficiaryId, on],
    );
    const r = rows[0];
    return r
      ? {
          vulnerabilities: r.vulnerabilities,
          district: r.district,
          legalStatus: r.legal_status,
          householdId: r.household_id,
          householdSize: r.household_size,
        }
      : null;
  }

  /**
   * Holds, until the transaction ends, a lock per person and per household: every rule check and
   * insert for the same person or household queues behind the one before, whichever round or item,
   * in every API replica. Keys are taken in sorted order, so two requests never wait on each other
   * in a cycle.
   */
  async lockSubjects(em: EntityManager, ids: readonly string[]): Promise<void> {
    for (const id of [...new Set(ids)].sort()) {
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7061))`, [`distribution:${id}`]);
    }
  }

  /**
   * The subject's receipts of the items, not voided, between two days: the person's own, or, for a
   * household, every receipt of anyone on a day they belonged to the household.
   */
  async receipts(
    em: EntityManager,
    subject: { beneficiaryId: string } | { householdId: string },
    itemIds: readonly string[],
    from: string,
    to: string,
  ): Promise<Receipt[]> {
    const notVoided = `NOT EXISTS (SELECT 1 FROM distribution_voids v WHERE v.record_id = r.id)`;
    const rows: Array<{ id: string; aid_item_id: string; distributed_on: string }> =
      'householdId' in subject
        ? await em.query(
            `SELECT r.id, r.aid_item_id, r.distributed_on::text
               FROM household_memberships m
               JOIN distribution_records r ON r.beneficiary_id = m.beneficiary_id
                AND r.distributed_on >= m.started_on AND (m.ended_on IS NULL OR r.distributed_on < m.ended_on)
              WHERE m.household_id = $1 AND r.aid_item_id = ANY($2::uuid[])
                AND r.distributed_on BETWEEN $3::date AND $4::date AND ${notVoided}`,
            [subject.householdId, itemIds, from, to],
          )
        : await em.query(
            `SELECT r.id, r.aid_item_id, r.distributed_on::text FROM distribution_records r
              WHERE r.beneficiary_id = $1 AND r.aid_item_id = ANY($2::uuid[])
                AND r.distributed_on BETWEEN $3::date AND $4::date AND ${notVoided}`,
            [subject.beneficiaryId, itemIds, from, to],
          );
    return rows.map((r) => ({ recordId: r.id, aidItemId: r.aid_item_id, distributedOn: r.distributed_on }));
  }

  insert(em: EntityManager, record: NewDistributionRecord): Promise<DistributionRecord> {
    return em.save(em.create(DistributionRecord, record));
  }

  /** Voids the record; false when it was voided already. */
  async void(em: EntityManager, recordId: string, reason: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO distribution_voids (record_id, reason, voided_by_user_id) VALUES ($1, $2, $3)
       ON CONFLICT (record_id) DO NOTHING RETURNING record_id`,
      [recordId, reason, userId],
    );
    return rows.length > 0;
  }

  private rowsQuery(em: EntityManager): SelectQueryBuilder<DistributionRecord> {
    return em
      .createQueryBuilder(DistributionRecord, 'd')
      .innerJoin('aid_items', 'ai', 'ai.id = d.aid_item_id')
      .leftJoin('distribution_voids', 'v', 'v.record_id = d.id')
      .addSelect(['ai.name AS ai_name', 'ai.category AS ai_category'])
      .addSelect(['v.reason AS v_reason', 'v.voided_by_user_id AS v_by', 'v.voided_at AS v_at']);
  }

  async find(em: EntityManager, id: string): Promise<RecordRow | null> {
    const rows = await this.withExtras(this.rowsQuery(em).where('d.id = :id', { id }));
    return rows[0] ?? null;
  }

  listQuery(
    em: EntityManager,
    filter: ListDistributionsQuery,
    afterId?: string,
  ): SelectQueryBuilder<DistributionRecord> {
    const qb = this.rowsQuery(em)
      .orderBy('d.recordedAt', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(filter.limit + 1);
    if (filter.roundId) qb.andWhere('d.roundId = :roundId', { roundId: filter.roundId });
    if (filter.aidItemId) qb.andWhere('d.aidItemId = :aidItemId', { aidItemId: filter.aidItemId });
    if (filter.beneficiaryId)
      qb.andWhere('d.beneficiaryId = :beneficiaryId', { beneficiaryId: filter.beneficiaryId });
    if (filter.householdId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM household_memberships hm WHERE hm.household_id = :householdId
           AND hm.beneficiary_id = d.beneficiary_id AND d.distributed_on >= hm.started_on
           AND (hm.ended_on IS NULL OR d.distributed_on < hm.ended_on))`,
        { householdId: filter.householdId },
      );
    }
    if (filter.from) qb.andWhere('d.distributedOn >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('d.distributedOn <= :to', { to: filter.to });
    if (!filter.includeVoided) qb.andWhere('v.record_id IS NULL');
    if (filter.overridden === true) qb.andWhere('cardinality(d.overridden_rules) > 0');
    if (filter.overridden === false) qb.andWhere('cardinality(d.overridden_rules) = 0');
    if (afterId) {
      qb.andWhere(
        '(d.recorded_at, d.id) < (SELECT k.recorded_at, k.id FROM distribution_records k WHERE k.id = :afterId)',
        { afterId },
      );
    }
    return qb;
  }

  /** Entities with the joined item name, category and void, from a query built by `rowsQuery`. */
  async withExtras(qb: SelectQueryBuilder<DistributionRecord>): Promise<RecordRow[]> {
    const { entities, raw } = await qb.getRawAndEntities<{
      ai_name: string;
      ai_category: AidCategory;
      v_reason: string | null;
      v_by: string | null;
      v_at: Date | null;
    }>();
    return entities.map((e, i) => ({
      ...e,
      aidItemName: raw[i].ai_name,
      category: raw[i].ai_category,
      voidReason: raw[i].v_reason,
      voidedByUserId: raw[i].v_by,
      voidedAt: raw[i].v_at,
    }));
  }

  /** Earlier records, for a refusal: as the caller may see them. */
  async briefs(
    em: EntityManager,
    ids: readonly string[],
  ): Promise<
    Array<{
      id: string;
      distributedOn: string;
      aidItemId: string;
      beneficiaryId: string;
      location: string | null;
    }>
  > {
    if (!ids.length) return [];
    const rows: Array<{
      id: string;
      distributed_on: string;
      aid_item_id: string;
      beneficiary_id: string;
      location: string | null;
    }> = await em.query(
      `SELECT id, distributed_on::text, aid_item_id, beneficiary_id, location FROM distribution_records
          WHERE id = ANY($1::uuid[]) ORDER BY distributed_on, id`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id,
      distributedOn: r.distributed_on,
      aidItemId: r.aid_item_id,
      beneficiaryId: r.beneficiary_id,
      location: r.location,
    }));
  }
}
