import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { CaseStatus } from '../cases/case-codes';
import type { ListServiceDeliveriesQuery } from './dto/service-delivery.dto';
import { ServiceDelivery } from './entities/service-delivery.entity';

/** What a delivery needs to know of the case it is recorded for. */
export interface CaseForDelivery {
  beneficiaryId: string | null;
  householdId: string | null;
  status: CaseStatus;
}

/** The keyset of the deliveries lists: newest delivery day first, then newest recorded. */
export type DeliveryKey = [deliveredOn: string, createdAt: string, id: string];

/**
 * Queries over service deliveries. Scope is added by the caller (AccessService). Cases sit above
 * the catalogue in the module graph, so the few facts a delivery checks about its case are read
 * here with plain SQL instead of through the cases module.
 */
@Injectable()
export class ServiceDeliveriesRepository {
  /**
   * Newest first: by delivery day, then by when it was recorded (to the millisecond, the
   * precision the cursor carries), then id; `after` is the previous page's last key.
   */
  listQuery(
    em: EntityManager,
    filter: ListServiceDeliveriesQuery,
    after?: DeliveryKey,
  ): SelectQueryBuilder<ServiceDelivery> {
    const qb = this.withServiceTypeName(em)
      .orderBy('sd.deliveredOn', 'DESC')
      .addOrderBy(`date_trunc('milliseconds', sd.createdAt)`, 'DESC')
      .addOrderBy('sd.id', 'DESC')
      .limit(filter.limit + 1);
    if (filter.beneficiaryId) {
      qb.andWhere('sd.beneficiaryId = :beneficiaryId', { beneficiaryId: filter.beneficiaryId });
    }
    if (filter.caseId) qb.andWhere('sd.caseId = :caseId', { caseId: filter.caseId });
    if (filter.unitId) qb.andWhere('sd.unitId = :unitId', { unitId: filter.unitId });
    if (filter.serviceTypeId) {
      qb.andWhere('sd.serviceTypeId = :serviceTypeId', { serviceTypeId: filter.serviceTypeId });
    }
    if (filter.from) qb.andWhere('sd.deliveredOn >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('sd.deliveredOn <= :to', { to: filter.to });
    if (after) {
      qb.andWhere(
        `(sd.deliveredOn, date_trunc('milliseconds', sd.createdAt), sd.id)
           < (CAST(:afterOn AS date), CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))`,
        { afterOn: after[0], afterAt: after[1], afterId: after[2] },
      );
    }
    return qb;
  }

  /** With the service type's name. */
  get(em: EntityManager, id: string): Promise<ServiceDelivery> {
    return this.withServiceTypeName(em).where('sd.id = :id', { id }).getOneOrFail();
  }

  /** The case, locked FOR SHARE so that closing it waits until the delivery is committed. */
  async findCaseForShare(em: EntityManager, caseId: string): Promise<CaseForDelivery | null> {
    const rows: Array<{ beneficiary_id: string | null; household_id: string | null; status: CaseStatus }> =
      await em.query(`SELECT beneficiary_id, household_id, status FROM case_files WHERE id = $1 FOR SHARE`, [
        caseId,
      ]);
    const row = rows[0];
    return row
      ? { beneficiaryId: row.beneficiary_id, householdId: row.household_id, status: row.status }
      : null;
  }

  /** Whether the person belongs to the household now (an open membership). */
  /**
   * Whether the referral is accepted or in progress, about this person, and addressed to one of
   * the caller's units: the services it asks for are then theirs to record against it.
   */
  async isOpenReferralOfMyUnits(
    em: EntityManager,
    user: { organisationId: string; unitIds: string[] },
    dto: { referralId?: string | null; beneficiaryId: string },
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM referrals
        WHERE id = $1 AND beneficiary_id = $2 AND receiver_organisation_id = $3
          AND receiver_unit_id = ANY($4::uuid[]) AND status IN ('accepted', 'in_progress')`,
      [dto.referralId, dto.beneficiaryId, user.organisationId, user.unitIds],
    );
    return rows.length > 0;
  }

  async isCurrentHouseholdMember(
    em: EntityManager,
    beneficiaryId: string,
    householdId: string,
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM household_memberships
        WHERE beneficiary_id = $1 AND household_id = $2 AND ended_on IS NULL`,
      [beneficiaryId, householdId],
    );
    return rows.length > 0;
  }

  private withServiceTypeName(em: EntityManager): SelectQueryBuilder<ServiceDelivery> {
    return em
      .createQueryBuilder(ServiceDelivery, 'sd')
      .innerJoin('sd.serviceType', 'st')
      .addSelect(['st.id', 'st.name']);
  }
}
