import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { DuplicateAidFlagStatus, DuplicateAidResolution } from '../distribution-codes';
import { DuplicateAidFlag } from '../entities/duplicate-aid-flag.entity';
import type { ListDuplicateAidFlagsQuery } from './dto/duplicate-aid-flag.dto';

/** A record of a flag with what the response may show of it; the caller decides what it shows. */
export interface FlagRecordRow {
  flagId: string;
  recordId: string;
  organisationId: string;
  organisationName: string;
  category: string;
  quantity: string;
  distributedOn: string;
  beneficiaryId: string;
  aidItemId: string;
  aidItemName: string;
  roundId: string | null;
  source: string;
  voided: boolean;
}

/** Duplicate-aid flags and their records. Scope is added by callers (Resource.DuplicateAidFlag, alias `f`). */
@Injectable()
export class DuplicateAidFlagsRepository {
  /** Newest first (raised_at, id); `afterId` is the last flag of the previous page. */
  listQuery(
    em: EntityManager,
    filter: ListDuplicateAidFlagsQuery,
    organisationId: string,
    afterId?: string,
  ): SelectQueryBuilder<DuplicateAidFlag> {
    const qb = em
      .createQueryBuilder(DuplicateAidFlag, 'f')
      .orderBy('f.raisedAt', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .limit(filter.limit + 1);
    if (filter.status) qb.andWhere('f.status = :status', { status: filter.status });
    if (filter.rule) qb.andWhere('f.rule = :rule', { rule: filter.rule });
    if (filter.roundId) {
      // Only the caller's own records: another organisation's round is not theirs to filter by.
      qb.andWhere(
        `EXISTS (SELECT 1 FROM duplicate_aid_flag_records fr JOIN distribution_records rr ON rr.id = fr.record_id
                  WHERE fr.flag_id = f.id AND fr.organisation_id = :roundOrganisationId AND rr.round_id = :roundId)`,
        { roundId: filter.roundId, roundOrganisationId: organisationId },
      );
    }
    if (afterId) {
      qb.andWhere(
        '(f.raised_at, f.id) < (SELECT k.raised_at, k.id FROM duplicate_aid_flags k WHERE k.id = :afterId)',
        { afterId },
      );
    }
    return qb;
  }

  find(em: EntityManager, id: string): Promise<DuplicateAidFlag | null> {
    return em.findOne(DuplicateAidFlag, { where: { id } });
  }

  /** Locks the flag against a concurrent review. */
  lockForReview(em: EntityManager, id: string): Promise<DuplicateAidFlag | null> {
    return em.findOne(DuplicateAidFlag, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async review(
    em: EntityManager,
    id: string,
    review: {
      status: DuplicateAidFlagStatus;
      resolution: DuplicateAidResolution | null;
      note: string;
      userId: string;
    },
  ): Promise<void> {
    await em.update(DuplicateAidFlag, id, {
      status: review.status,
      resolution: review.resolution,
      reviewNote: review.note,
      reviewedByUserId: review.userId,
      reviewedAt: () => 'now()',
    });
  }

  /** The records of the flags, oldest first within each flag. */
  recordsOf(em: EntityManager, flagIds: readonly string[]): Promise<FlagRecordRow[]> {
    if (!flagIds.length) return Promise.resolve([]);
    return em.query(
      `SELECT fr.flag_id AS "flagId", r.id AS "recordId", r.organisation_id AS "organisationId",
              o.name AS "organisationName", i.category, r.quantity::text AS quantity,
              to_char(r.distributed_on, 'YYYY-MM-DD') AS "distributedOn", r.beneficiary_id AS "beneficiaryId",
              r.aid_item_id AS "aidItemId", i.name AS "aidItemName", r.round_id AS "roundId", r.source,
              EXISTS (SELECT 1 FROM distribution_voids v WHERE v.record_id = r.id) AS voided
         FROM duplicate_aid_flag_records fr
         JOIN distribution_records r ON r.id = fr.record_id
         JOIN aid_items i ON i.id = r.aid_item_id
         JOIN organisations o ON o.id = r.organisation_id
        WHERE fr.flag_id = ANY($1::uuid[])
        ORDER BY fr.flag_id, r.distributed_on, r.seq`,
      [flagIds],
    );
  }
}
