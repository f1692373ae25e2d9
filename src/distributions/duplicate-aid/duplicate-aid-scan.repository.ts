import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DuplicateAidScan } from '../entities/duplicate-aid-scan.entity';

export type ScanMode = 'full' | 'incremental';

/**
 * The records a run looks at: `seq` in (fromSeq, toSeq], and the voids recorded since
 * `voidedSince`. Those above `newFromSeq` (the previous run's end) are the new ones; the others are
 * the overlap re-read for late commits.
 */
export interface ScanRange {
  fromSeq: string;
  newFromSeq: string;
  toSeq: string;
  /** Null for a full run, which reads every void anyway. */
  voidedSince: Date | null;
}

/**
 * How far back an incremental run re-reads before the previous run started. A record gets its
 * `seq` when it is inserted but is seen only once its transaction commits, so a run can pass over
 * a lower `seq` still uncommitted; re-reading the records recorded in the last minutes before the
 * previous run catches every transaction shorter than this (requests time out long before).
 */
const OVERLAP = `interval '5 minutes'`;

/** Whose receipts a scan row counts: the person, their household on the day, or their document. */
const APPLIES = `(o.subject_type = 'identity_document'
  OR (o.subject_type = 'person' AND (o.counted_per = 'person' OR o.household_id IS NULL))
  OR (o.subject_type = 'household' AND o.counted_per = 'household'))`;

/*
 * The duplicate-aid scan as set-based SQL over temporary tables that live for the scan's
 * transaction. Steps: the records to read (scan_records), one row per record and subject with the
 * receipts of each (subject, category) in date order (scan_ordered, window functions), the rules
 * broken (scan_conflicts), and the flags inserted once per conflict key.
 */
@Injectable()
export class DuplicateAidScanRepository {
  /** One scan at a time, across replicas: held until the scan's transaction ends. */
  async lock(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('sukom:duplicate_aid_scan'))`);
  }

  async range(em: EntityManager, mode: ScanMode): Promise<ScanRange> {
    const [{ toSeq }] = await em.query<Array<{ toSeq: string }>>(
      `SELECT coalesce(max(seq), 0)::text AS "toSeq" FROM distribution_records`,
    );
    const [previous] = await em.query<Array<{ toSeq: string; startedAt: Date }>>(
      `SELECT to_seq::text AS "toSeq", started_at AS "startedAt" FROM duplicate_aid_scans
        WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`,
    );
    if (mode === 'full' || !previous) return { fromSeq: '0', newFromSeq: '0', toSeq, voidedSince: null };
    // Walks the seq index back from the previous end to the last record recorded before the overlap.
    const [{ fromSeq }] = await em.query<Array<{ fromSeq: string }>>(
      `SELECT coalesce(max(seq), 0)::text AS "fromSeq" FROM distribution_records
        WHERE seq <= $1 AND recorded_at < $2::timestamptz - ${OVERLAP}`,
      [previous.toSeq, previous.startedAt],
    );
    const [{ since }] = await em.query<Array<{ since: Date }>>(
      `SELECT $1::timestamptz - ${OVERLAP} AS since`,
      [previous.startedAt],
    );
    return { fromSeq, newFromSeq: previous.toSeq, toSeq, voidedSince: since };
  }

  async startRun(em: EntityManager, mode: ScanMode, range: ScanRange): Promise<string> {
    const [{ id }] = await em.query<Array<{ id: string }>>(
      `INSERT INTO duplicate_aid_scans (mode, from_seq, to_seq) VALUES ($1, $2, $3) RETURNING id::text`,
      [mode, range.fromSeq, range.toSeq],
    );
    return id;
  }

  async finishRun(em: EntityManager, id: string, recordsChecked: number, flagsRaised: number): Promise<void> {
    await em.query(
      `UPDATE duplicate_aid_scans SET finished_at = clock_timestamp(), records_checked = $2, flags_raised = $3
        WHERE id = $1`,
      [id, recordsChecked, flagsRaised],
    );
  }

  /**
   * Collects the records to check into `scan_records` and returns how many records the run
   * checks: every record not voided for a full run; for an incremental one, the new records. An
   * incremental run reads the whole history of the subjects the new (or newly voided) records
   * touch, so that each (subject, category) it analyses is complete.
   */
  async collect(em: EntityManager, mode: ScanMode, range: ScanRange): Promise<number> {
    await em.query(`SET LOCAL work_mem = '256MB'`);
    let beneficiaryFilter = '';
    let checked = 0;
    if (mode === 'incremental') {
      checked = await this.collectSeeds(em, range);
      beneficiaryFilter = `AND r.beneficiary_id IN (SELECT beneficiary_id FROM scan_beneficiaries)`;
    }
    await em.query(
      `CREATE TEMP TABLE scan_records ON COMMIT DROP AS
       WITH exclusions AS (
         SELECT ri.id, array_agg(DISTINCT x.category::text) AS categories
           FROM distribution_round_items ri JOIN aid_items x ON x.id = ANY(ri.exclusive_with_item_ids)
          GROUP BY ri.id)
       SELECT r.id, r.seq, r.organisation_id, r.beneficiary_id, r.distributed_on, r.quantity, r.unit_value,
              r.currency, r.overridden_rules, i.category::text AS category, m.household_id,
              ri.counted_per, ri.min_days_between, ri.max_per_period, ri.period_days,
              coalesce(ex.categories, '{}') AS excluded_categories, dr.starts_on, dr.ends_on
         FROM distribution_records r
         JOIN aid_items i ON i.id = r.aid_item_id
         LEFT JOIN distribution_round_items ri ON ri.id = r.round_item_id
         LEFT JOIN exclusions ex ON ex.id = r.round_item_id
         LEFT JOIN distribution_rounds dr ON dr.id = r.round_id
         LEFT JOIN household_memberships m ON m.beneficiary_id = r.beneficiary_id
              AND m.started_on <= r.distributed_on AND (m.ended_on IS NULL OR r.distributed_on < m.ended_on)
        WHERE r.seq <= $1 ${beneficiaryFilter}
          AND NOT EXISTS (SELECT 1 FROM distribution_voids v WHERE v.record_id = r.id)`,
      [range.toSeq],
    );
    if (mode === 'full') {
      const [{ count }] = await em.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM scan_records`,
      );
      checked = count;
    }
    return checked;
  }

  /**
   * The new records and those voided since the last run (a void can bring two receipts next to
   * each other), the subjects they belong to (`scan_keys`) and everyone whose records those
   * subjects count (`scan_beneficiaries`). Returns the number of new records (not the overlap).
   * `scan_seeds` keeps the ids, so that only conflicts with a record not seen before are keyed.
   */
  private async collectSeeds(em: EntityManager, range: ScanRange): Promise<number> {
    await em.query(
      `CREATE TEMP TABLE scan_seeds ON COMMIT DROP AS
       SELECT r.id, r.beneficiary_id, r.distributed_on, r.seq > $3 AS is_new, false AS is_void
         FROM distribution_records r
        WHERE r.seq > $1 AND r.seq <= $2
       UNION ALL
       SELECT r.id, r.beneficiary_id, r.distributed_on, false, true FROM distribution_voids v
         JOIN distribution_records r ON r.id = v.record_id
        WHERE $4::timestamptz IS NOT NULL AND v.voided_at >= $4::timestamptz`,
      [range.fromSeq, range.toSeq, range.newFromSeq, range.voidedSince],
    );
    await em.query(
      `CREATE TEMP TABLE scan_keys ON COMMIT DROP AS
       SELECT 'person'::text AS subject_type, s.beneficiary_id::text AS subject_key, s.is_void FROM scan_seeds s
       UNION ALL
       SELECT 'household', m.household_id::text, s.is_void FROM scan_seeds s
         JOIN household_memberships m ON m.beneficiary_id = s.beneficiary_id
          AND m.started_on <= s.distributed_on AND (m.ended_on IS NULL OR s.distributed_on < m.ended_on)
       UNION ALL
       SELECT 'identity_document', d.type || ':' || d.number, s.is_void FROM scan_seeds s
         JOIN identity_documents d ON d.beneficiary_id = s.beneficiary_id`,
    );
    await em.query(
      `CREATE TEMP TABLE scan_beneficiaries ON COMMIT DROP AS
       SELECT k.subject_key::uuid AS beneficiary_id FROM scan_keys k WHERE k.subject_type = 'person'
       UNION
       SELECT m.beneficiary_id FROM scan_keys k JOIN household_memberships m
           ON k.subject_type = 'household' AND m.household_id = k.subject_key::uuid
       UNION
       SELECT d.beneficiary_id FROM scan_keys k JOIN identity_documents d
           ON k.subject_type = 'identity_document'
          AND d.number = substr(k.subject_key, strpos(k.subject_key, ':') + 1)
          AND d.type = split_part(k.subject_key, ':', 1)`,
    );
    await em.query(`ANALYZE scan_beneficiaries`);
    const [{ count }] = await em.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM scan_seeds WHERE is_new`,
    );
    return count;
  }

  /**
   * Lays each record out under each of its subjects and orders each subject's receipts of a
   * category by day (then insertion): the receipt just before, and the one `max_per_period`
   * receipts before, come from window functions. Document subjects are kept only where two
   * people share the document (across organisations): a person's own receipts are the person's.
   */
  async order(em: EntityManager, mode: ScanMode): Promise<void> {
    const keyFilter =
      mode === 'incremental'
        ? `WHERE (s.subject_type, s.subject_key) IN (SELECT subject_type, subject_key FROM scan_keys)`
        : '';
    await em.query(
      `CREATE TEMP TABLE scan_ordered ON COMMIT DROP AS
       SELECT s.*,
              row_number() OVER w AS rn,
              lag(s.id) OVER w AS prev_id,
              lag(s.distributed_on) OVER w AS prev_on,
              lag(s.beneficiary_id) OVER w AS prev_beneficiary_id,
              lag(s.distributed_on, s.max_per_period) OVER w AS nth_prev_on
         FROM (
           SELECT 'person'::text AS subject_type, r.beneficiary_id::text AS subject_key, r.* FROM scan_records r
           UNION ALL
           SELECT 'household', r.household_id::text, r.* FROM scan_records r WHERE r.household_id IS NOT NULL
           UNION ALL
           SELECT 'identity_document', d.type || ':' || d.number, r.* FROM scan_records r
             JOIN identity_documents d ON d.beneficiary_id = r.beneficiary_id
            WHERE EXISTS (SELECT 1 FROM identity_documents o
                           WHERE o.number = d.number AND o.type = d.type AND o.beneficiary_id <> d.beneficiary_id)
         ) s
         ${keyFilter}
       WINDOW w AS (PARTITION BY s.subject_type, s.subject_key, s.category ORDER BY s.distributed_on, s.seq)`,
    );
    await em.query(`ANALYZE scan_ordered`);
  }

  /**
   * Every rule broken, by the rule of the later record, unless that record overrode it:
   * min_days_between, the receipt just before is less than N days earlier; max_per_period, the M
   * receipts before it lie within the N days that end on its day (so its window holds M + 1);
   * exclusive_items, an earlier receipt of an excluded category within its round's period.
   */
  async findConflicts(em: EntityManager): Promise<void> {
    await em.query(
      `CREATE TEMP TABLE scan_conflicts ON COMMIT DROP AS
       SELECT 'min_days_between'::text AS rule, o.subject_type, o.subject_key, o.category,
              ARRAY[o.prev_id, o.id] AS record_ids, o.quantity, o.unit_value, o.currency
         FROM scan_ordered o
        WHERE o.min_days_between IS NOT NULL AND o.prev_id IS NOT NULL AND o.prev_id <> o.id
          AND o.distributed_on - o.prev_on < o.min_days_between
          AND NOT ('min_days_between' = ANY(o.overridden_rules)) AND ${APPLIES}
          AND (o.subject_type <> 'identity_document' OR o.prev_beneficiary_id <> o.beneficiary_id)`,
    );
    await em.query(
      `INSERT INTO scan_conflicts
       WITH v AS (
         SELECT o.* FROM scan_ordered o
          WHERE o.max_per_period IS NOT NULL AND o.nth_prev_on IS NOT NULL
            AND o.distributed_on - o.nth_prev_on < o.period_days
            AND NOT ('max_per_period' = ANY(o.overridden_rules)) AND ${APPLIES})
       SELECT 'max_per_period', v.subject_type, v.subject_key, v.category,
              array_agg(e.id ORDER BY e.rn) || v.id, v.quantity, v.unit_value, v.currency
         FROM v JOIN scan_ordered e
           ON e.subject_type = v.subject_type AND e.subject_key = v.subject_key AND e.category = v.category
          AND e.rn >= v.rn - v.max_per_period AND e.rn < v.rn
        GROUP BY v.subject_type, v.subject_key, v.category, v.id, v.beneficiary_id, v.quantity, v.unit_value,
                 v.currency
       HAVING v.subject_type <> 'identity_document' OR bool_or(e.beneficiary_id <> v.beneficiary_id)`,
    );
    await em.query(
      `INSERT INTO scan_conflicts
       SELECT 'exclusive_items', o.subject_type, o.subject_key, o.category, ARRAY[e.id, o.id],
              o.quantity, o.unit_value, o.currency
         FROM scan_ordered o JOIN scan_ordered e
           ON e.subject_type = o.subject_type AND e.subject_key = o.subject_key
        WHERE cardinality(o.excluded_categories) > 0 AND e.category = ANY(o.excluded_categories)
          AND e.distributed_on BETWEEN o.starts_on AND o.ends_on
          AND (e.distributed_on, e.seq) < (o.distributed_on, o.seq)
          AND NOT ('exclusive_items' = ANY(o.overridden_rules)) AND ${APPLIES}
          AND (o.subject_type <> 'identity_document' OR e.beneficiary_id <> o.beneficiary_id)`,
    );
  }

  /**
   * Inserts a flag per conflict not flagged before and returns how many. The key hashes the
   * subject with the sorted record ids, so that it is stable however often and in whichever mode
   * the conflict is found, and carries no document number.
   */
  async raiseFlags(em: EntityManager, mode: ScanMode): Promise<number> {
    // An incremental run re-finds every conflict of the subjects it reads; only those with a
    // record it has not seen before (or in a subject where a record was voided) can be new. Set
    // based (hash joins on unnested ids), not a lookup per conflict.
    if (mode === 'incremental') {
      await em.query(
        `CREATE TEMP TABLE scan_new_conflicts ON COMMIT DROP AS
         WITH c AS (SELECT row_number() OVER () AS cid, c.* FROM scan_conflicts c),
         hit AS (
           SELECT c.cid FROM c CROSS JOIN LATERAL unnest(c.record_ids) AS u(id)
             JOIN (SELECT id FROM scan_seeds WHERE NOT is_void) n ON n.id = u.id
           UNION
           SELECT c.cid FROM c
             JOIN (SELECT DISTINCT subject_type, subject_key FROM scan_keys WHERE is_void) v
               ON v.subject_type = c.subject_type AND v.subject_key = c.subject_key)
         SELECT c.rule, c.subject_type, c.subject_key, c.category, c.record_ids, c.quantity, c.unit_value, c.currency
           FROM c WHERE c.cid IN (SELECT cid FROM hit)`,
      );
    }
    const source = mode === 'incremental' ? 'scan_new_conflicts' : 'scan_conflicts';
    const [{ raised }] = await em.query<Array<{ raised: number }>>(
      `WITH keyed AS (
         SELECT DISTINCT ON (key) * FROM (
           SELECT c.rule || ':' || c.subject_type || ':' || encode(sha256(convert_to(
                    c.subject_key || '|' || array_to_string(ARRAY(SELECT unnest(c.record_ids) ORDER BY 1), ','),
                    'UTF8')), 'hex') AS key,
                  c.*
             FROM ${source} c) k
          ORDER BY key),
       inserted AS (
         INSERT INTO duplicate_aid_flags (conflict_key, rule, category, subject_type, amount, value, currency, status)
         SELECT key, rule, category, subject_type, quantity, quantity * unit_value, currency, 'open' FROM keyed
         ON CONFLICT (conflict_key) DO NOTHING
         RETURNING id, conflict_key),
       linked AS (
         INSERT INTO duplicate_aid_flag_records (flag_id, record_id, organisation_id)
         SELECT i.id, r.id, r.organisation_id
           FROM inserted i JOIN keyed k ON k.key = i.conflict_key
           CROSS JOIN LATERAL unnest(k.record_ids) AS u(record_id)
           JOIN distribution_records r ON r.id = u.record_id
         RETURNING flag_id)
       SELECT count(DISTINCT flag_id)::int AS raised FROM linked`,
    );
    return raised;
  }

  /** Runs, newest first; `beforeId` is the last run of the previous page. */
  listRuns(em: EntityManager, limit: number, beforeId?: string): Promise<DuplicateAidScan[]> {
    const qb = em
      .createQueryBuilder(DuplicateAidScan, 's')
      .orderBy('s.id', 'DESC')
      .limit(limit + 1);
    if (beforeId) qb.where('s.id < :beforeId', { beforeId });
    return qb.getMany();
  }
}
