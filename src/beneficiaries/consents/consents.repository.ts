import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { ConsentDecision, ConsentPurpose } from '../beneficiary-codes';
import { Consent } from '../entities/consent.entity';

export interface ConsentFilter {
  purpose?: ConsentPurpose;
  /** `null` asks for decisions without a recipient; `undefined` does not filter. */
  recipientOrganisationId?: string | null;
}

/**
 * Consents are append-only decisions: a new decision is a new row, and the latest one for a
 * purpose and recipient counts. Withdrawal stamps a row and takes it out of the reckoning.
 */
@Injectable()
export class ConsentsRepository {
  async insert(
    em: EntityManager,
    values: Omit<Consent, 'id' | 'recordedAt' | 'withdrawnAt' | 'withdrawnByUserId' | 'withdrawalReason'>,
  ): Promise<Consent> {
    const { id } = await em.save(
      em.create(Consent, { ...values, withdrawnAt: null, withdrawnByUserId: null, withdrawalReason: null }),
    );
    return em.findOneByOrFail(Consent, { id });
  }

  /** Organisations are not secret: any existing one may receive data, by the person's decision. */
  organisationExists(em: EntityManager, id: string): Promise<boolean> {
    return em.existsBy(Organisation, { id });
  }

  async beneficiaryIdOf(em: EntityManager, consentId: string): Promise<string | null> {
    const row = await em.findOne(Consent, {
      select: { id: true, beneficiaryId: true },
      where: { id: consentId },
    });
    return row?.beneficiaryId ?? null;
  }

  getForUpdate(em: EntityManager, id: string): Promise<Consent> {
    return em.findOneOrFail(Consent, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async withdraw(em: EntityManager, id: string, withdrawnByUserId: string, reason: string): Promise<Consent> {
    await em.update(
      Consent,
      { id },
      { withdrawnAt: () => 'now()', withdrawnByUserId, withdrawalReason: reason },
    );
    return em.findOneByOrFail(Consent, { id });
  }

  /**
   * A page of a person's decisions, newest first (decision date, then recording time); `afterId`
   * is the last consent of the previous page, whose sort key the database reads at full precision.
   */
  listQuery(
    em: EntityManager,
    beneficiaryId: string,
    filter: ConsentFilter & { limit: number },
    afterId?: string,
  ): SelectQueryBuilder<Consent> {
    const qb = this.newestFirst(em, beneficiaryId, filter).limit(filter.limit + 1);
    if (afterId) {
      qb.andWhere(
        `(c.decided_on, c.recorded_at, c.id) < (SELECT a.decided_on, a.recorded_at, a.id FROM consents a
           WHERE a.id = :afterId AND a.beneficiary_id = :beneficiaryId)`,
        { afterId },
      );
    }
    return qb;
  }

  /**
   * The decisions that hold on `onDate` (`YYYY-MM-DD`): for each purpose and recipient, the latest
   * decision made by then and not withdrawn by the end of that day (UTC), when it is `given` and
   * has not expired.
   */
  currentQuery(
    em: EntityManager,
    beneficiaryId: string,
    onDate: string,
    filter: ConsentFilter = {},
  ): SelectQueryBuilder<Consent> {
    return this.newestFirst(em, beneficiaryId, filter)
      .andWhere(heldOn('c'))
      .andWhere('c.decision = :given', { given: ConsentDecision.Given })
      .andWhere('(c.expires_on IS NULL OR c.expires_on >= :onDate::date)')
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM consents n
           WHERE n.beneficiary_id = c.beneficiary_id AND n.purpose = c.purpose
             AND n.recipient_organisation_id IS NOT DISTINCT FROM c.recipient_organisation_id
             AND n.decided_on <= :onDate::date
             AND (n.decided_on, n.recorded_at, n.id) > (c.decided_on, c.recorded_at, c.id))`,
      )
      .setParameter('onDate', onDate);
  }

  /** The latest decision made by `onDate` for the filter, whatever it was; see ConsentsService.latestDecision. */
  latestDecision(
    em: EntityManager,
    beneficiaryId: string,
    onDate: string,
    filter: ConsentFilter,
  ): Promise<Consent | null> {
    return this.newestFirst(em, beneficiaryId, filter)
      .andWhere('c.decided_on <= :onDate::date', { onDate })
      .getOne();
  }

  private newestFirst(
    em: EntityManager,
    beneficiaryId: string,
    filter: ConsentFilter,
  ): SelectQueryBuilder<Consent> {
    const qb = em
      .createQueryBuilder(Consent, 'c')
      .where('c.beneficiaryId = :beneficiaryId', { beneficiaryId })
      .orderBy('c.decidedOn', 'DESC')
      .addOrderBy('c.recordedAt', 'DESC')
      .addOrderBy('c.id', 'DESC');
    if (filter.purpose) qb.andWhere('c.purpose = :purpose', { purpose: filter.purpose });
    if (filter.recipientOrganisationId === null) qb.andWhere('c.recipientOrganisationId IS NULL');
    else if (filter.recipientOrganisationId) {
      qb.andWhere('c.recipientOrganisationId = :recipientOrganisationId', {
        recipientOrganisationId: filter.recipientOrganisationId,
      });
    }
    return qb;
  }
}

/** Decided by `:onDate` and not withdrawn before the day after it (UTC). */
function heldOn(alias: string): string {
  return `${alias}.decided_on <= :onDate::date
    AND (${alias}.withdrawn_at IS NULL OR ${alias}.withdrawn_at >= ((:onDate::date + 1)::timestamp AT TIME ZONE 'UTC'))`;
}
