import { Injectable } from '@nestjs/common';
import { RoundItemWithRule } from '../rounds/rounds.repository';
import { EntityManager } from 'typeorm';
import { CountedPer } from '../distribution-codes';
import { foldDistrict } from '../rounds/eligibility';

/** The round item a lookup or a list is about, with the round's eligibility criteria. */
/** A person of the minimal projection, without documents and household (see projectionExtrasOf). */
export interface PersonNames {
  id: string;
  givenName: string;
  familyName: string | null;
  fatherName: string | null;
  motherName: string | null;
  nameArabic: string | null;
}

/** What the distribution point may see of an earlier receipt that refuses a new one. */
export interface ConflictingRecordRow {
  id: string;
  distributedOn: string;
  aidItemId: string;
  aidItemName: string;
  location: string | null;
}

/** One line of a distribution list: the columns the field needs, nothing more. */
export interface DistributionListRow {
  id: string;
  given_name: string;
  family_name: string | null;
  father_name: string | null;
  document_type: string | null;
  document_number: string | null;
  household_id: string | null;
  household_size: number | null;
  district: string | null;
}

export interface DistributionListFilter {
  organisationId: string;
  item: RoundItemWithRule;
  /** Only people whose district is this (the distribution point's area). */
  district?: string;
}

/**
 * The reads of the distribution point: the round item a request names, names of household members,
 * earlier receipts by id, and the distribution list in keyset batches.
 */
@Injectable()
export class DistributionPointRepository {
  /** The round of the organisation, and its item `aidItemId`; `round: false` when there is no such round. */
  /** Whether the aid item exists in the organisation's catalogue. */
  async aidItemExists(em: EntityManager, organisationId: string, aidItemId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM aid_items WHERE id = $1 AND organisation_id = $2`, [
      aidItemId,
      organisationId,
    ]);
    return rows.length > 0;
  }

  /** The names of these people, in the order of `ids`. */
  async namesOf(em: EntityManager, ids: readonly string[]): Promise<PersonNames[]> {
    if (!ids.length) return [];
    return em.query(
      `SELECT b.id, b.given_name AS "givenName", b.family_name AS "familyName", b.father_name AS "fatherName",
              b.mother_name AS "motherName", b.name_arabic AS "nameArabic"
         FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, n)
         JOIN beneficiaries b ON b.id = p.id
        ORDER BY p.n`,
      [ids],
    );
  }

  /** Receipts by id with their item's name, oldest first. */
  async conflictingRecords(em: EntityManager, ids: readonly string[]): Promise<ConflictingRecordRow[]> {
    if (!ids.length) return [];
    return em.query(
      `SELECT r.id, to_char(r.distributed_on, 'YYYY-MM-DD') AS "distributedOn", r.aid_item_id AS "aidItemId",
              i.name AS "aidItemName", r.location
         FROM distribution_records r JOIN aid_items i ON i.id = r.aid_item_id
        WHERE r.id = ANY($1::uuid[])
        ORDER BY r.distributed_on, r.seq`,
      [ids],
    );
  }

  /**
   * The next `limit` lines of the distribution list after the person `afterId`, by person id (a
   * keyset over the primary key: each batch is a bounded index range, whatever the organisation's
   * size). A line is a person of the organisation who
   * - meets the round's criteria (household size: the current members, 1 without a household);
   * - has no receipt of this round item that is not voided; for a household rule, their
   *   household has none (a receipt counts for the household its recipient belonged to that day);
   * - for a household rule, represents the household: its head if the head qualifies, otherwise
   *   the qualifying member who joined first, so that each household is listed once.
   */
  async distributionListBatch(
    em: EntityManager,
    filter: DistributionListFilter,
    afterId: string | null,
    limit: number,
  ): Promise<DistributionListRow[]> {
    const { item } = filter;
    const params: unknown[] = [filter.organisationId, afterId, limit, item.roundItemId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    /** The round's per-person criteria (and the district filter) on the person `p`. */
    const personCriteria = (p: string): string[] => {
      const c: string[] = [];
      if (item.eligibleVulnerabilities.length) {
        c.push(`${p}.vulnerabilities && ${param(item.eligibleVulnerabilities)}::text[]`);
      }
      if (item.eligibleDistricts.length) {
        const districts = param(item.eligibleDistricts.map(foldDistrict));
        c.push(`${foldDistrictSql(`${p}.district`)} = ANY(${districts}::text[])`);
      }
      if (item.eligibleLegalStatuses.length) {
        c.push(`${p}.legal_status = ANY(${param(item.eligibleLegalStatuses)}::text[])`);
      }
      if (filter.district !== undefined) {
        c.push(`${foldDistrictSql(`${p}.district`)} = ${param(foldDistrict(filter.district))}`);
      }
      return c;
    };
    // A receipt counts unless it is voided.
    const notVoided = `NOT EXISTS (SELECT 1 FROM distribution_voids v WHERE v.record_id = r.id)`;
    const ownReceipt = `EXISTS (SELECT 1 FROM distribution_records r
                                WHERE r.beneficiary_id = b.id AND r.round_item_id = $4 AND ${notVoided})`;
    const where = ['b.organisation_id = $1', '($2::uuid IS NULL OR b.id > $2::uuid)', ...personCriteria('b')];
    if (item.countedPer === CountedPer.Person) where.push(`NOT ${ownReceipt}`);
    if (item.minHouseholdSize !== null) {
      where.push(`coalesce(hs.size, 1) >= ${param(item.minHouseholdSize)}`);
    }
    if (item.maxHouseholdSize !== null) {
      where.push(`coalesce(hs.size, 1) <= ${param(item.maxHouseholdSize)}`);
    }
    if (item.countedPer === CountedPer.Household) {
      // As the rule counts: the household's receipts, each by whoever belonged to it on its day;
      // the person's own receipts only when they belong to no household.
      where.push(`CASE WHEN m.household_id IS NULL THEN NOT ${ownReceipt} ELSE NOT EXISTS (
        SELECT 1 FROM household_memberships hm
          JOIN distribution_records r ON r.beneficiary_id = hm.beneficiary_id AND r.round_item_id = $4
               AND r.distributed_on >= hm.started_on AND (hm.ended_on IS NULL OR r.distributed_on < hm.ended_on)
         WHERE hm.household_id = m.household_id AND ${notVoided}) END`);
      const other = personCriteria('ob');
      where.push(`(m.household_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM household_memberships om JOIN beneficiaries ob ON ob.id = om.beneficiary_id
         WHERE om.household_id = m.household_id AND om.ended_on IS NULL AND om.id <> m.id
           AND (CASE WHEN om.relationship = 'head' THEN 0 ELSE 1 END, om.started_on, om.id)
             < (CASE WHEN m.relationship = 'head' THEN 0 ELSE 1 END, m.started_on, m.id)
           ${other.map((c) => `AND ${c}`).join(' ')}))`);
    }
    return em.query(
      `SELECT b.id, b.given_name, b.family_name, b.father_name, d.type AS document_type,
              d.number AS document_number, m.household_id, hs.size AS household_size, b.district
         FROM beneficiaries b
         LEFT JOIN household_memberships m ON m.beneficiary_id = b.id AND m.ended_on IS NULL
         LEFT JOIN LATERAL (SELECT count(*)::int AS size FROM household_memberships x
                             WHERE x.household_id = m.household_id AND x.ended_on IS NULL) hs
                ON m.household_id IS NOT NULL
         LEFT JOIN LATERAL (SELECT dd.type, dd.number FROM identity_documents dd
                             WHERE dd.beneficiary_id = b.id ORDER BY dd.created_at, dd.id LIMIT 1) d ON true
        WHERE ${where.join('\n          AND ')}
        ORDER BY b.id
        LIMIT $3`,
      params,
    );
  }
}

/**
 * foldDistrict (rounds/eligibility.ts) in SQL, so that the list and the eligibility check agree on
 * which district a hand-typed name is: without case, the Turkish dotted and dotless i, or extra
 * spaces.
 */
function foldDistrictSql(column: string): string {
  const lowered = `lower(translate(normalize(${column}, NFC), 'İIı', 'iii'))`;
  const undotted = `replace(normalize(${lowered}, NFD), U&'\\0307', '')`;
  const trimmed = `regexp_replace(regexp_replace(${undotted}, '^\\s+|\\s+$', '', 'g'), '\\s+', ' ', 'g')`;
  return `normalize(${trimmed}, NFC)`;
}
