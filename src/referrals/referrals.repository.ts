import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { OrganisationKind } from '../organisations/entities/organisation-kind';
import { ListReferralsQuery, ReferralDirection } from './dto/referral.dto';
import { ReferralTransition } from './entities/referral-transition.entity';
import { Referral } from './entities/referral.entity';
import { ReferralStatus } from './referral-codes';

export type NewReferral = Omit<Referral, 'id' | 'createdAt' | 'updatedAt'>;
export type NewReferralTransition = Omit<ReferralTransition, 'id' | 'changedAt'>;

export interface ReceivingUnit {
  id: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  /** Both the unit and its organisation are active. */
  active: boolean;
}

export interface ReferralCase {
  id: string;
  organisationId: string;
  beneficiaryId: string | null;
  householdId: string | null;
  unitId: string;
}

export interface Names {
  organisations: Map<string, string>;
  units: Map<string, string>;
  serviceTypes: Map<string, string>;
}

export interface TransitionRow extends ReferralTransition {
  changedByName: string;
  changedByOrganisationId: string;
}

/** Overdue now: not answered by the response due date, or not completed by the completion due date. */
export const OVERDUE = (a: string) => `(
  (${a}.status = '${ReferralStatus.Pending}' AND ${a}.response_due_at < now())
  OR (${a}.status IN ('${ReferralStatus.Accepted}', '${ReferralStatus.InProgress}') AND ${a}.completion_due_at < now()))`;

@Injectable()
export class ReferralsRepository {
  insert(em: EntityManager, referral: NewReferral): Promise<Referral> {
    return em.save(em.create(Referral, referral));
  }

  save(em: EntityManager, referral: Referral): Promise<Referral> {
    return em.save(referral);
  }

  async addTransition(em: EntityManager, transition: NewReferralTransition): Promise<string> {
    const saved = await em.save(em.create(ReferralTransition, transition));
    return saved.id;
  }

  find(em: EntityManager, id: string): Promise<Referral | null> {
    return em.findOneBy(Referral, { id });
  }

  /** The referral, locked until the transaction ends: concurrent answers queue behind each other. */
  findLocked(em: EntityManager, id: string): Promise<Referral | null> {
    return em
      .createQueryBuilder(Referral, 'r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
  }

  async receivingUnit(em: EntityManager, unitId: string): Promise<ReceivingUnit | null> {
    const rows: Array<{ id: string; organisation_id: string; kind: OrganisationKind; active: boolean }> =
      await em.query(
        `SELECT su.id, su.organisation_id, o.kind, su.is_active AND o.is_active AS active
           FROM service_units su JOIN organisations o ON o.id = su.organisation_id
          WHERE su.id = $1`,
        [unitId],
      );
    const row = rows[0];
    return row
      ? { id: row.id, organisationId: row.organisation_id, organisationKind: row.kind, active: row.active }
      : null;
  }

  async serviceType(
    em: EntityManager,
    id: string,
  ): Promise<{ id: string; unitId: string; isActive: boolean } | null> {
    const rows: Array<{ id: string; unit_id: string; is_active: boolean }> = await em.query(
      `SELECT id, unit_id, is_active FROM service_types WHERE id = $1`,
      [id],
    );
    return rows[0] ? { id: rows[0].id, unitId: rows[0].unit_id, isActive: rows[0].is_active } : null;
  }

  async caseOf(em: EntityManager, caseId: string): Promise<ReferralCase | null> {
    const rows: Array<{
      id: string;
      organisation_id: string;
      beneficiary_id: string | null;
      household_id: string | null;
      unit_id: string;
    }> = await em.query(
      `SELECT id, organisation_id, beneficiary_id, household_id, unit_id FROM case_files WHERE id = $1`,
      [caseId],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          organisationId: row.organisation_id,
          beneficiaryId: row.beneficiary_id,
          householdId: row.household_id,
          unitId: row.unit_id,
        }
      : null;
  }

  async organisationOfBeneficiary(em: EntityManager, beneficiaryId: string): Promise<string | null> {
    const rows: Array<{ organisation_id: string }> = await em.query(
      `SELECT organisation_id FROM beneficiaries WHERE id = $1`,
      [beneficiaryId],
    );
    return rows[0]?.organisation_id ?? null;
  }

  /** Newest first; the scope is added by the caller. `direction` is relative to the caller. */
  listQuery(
    em: EntityManager,
    filter: ListReferralsQuery,
    caller: { organisationId: string; unitIds: string[]; organisationWide: boolean },
    afterId?: string,
  ): SelectQueryBuilder<Referral> {
    const qb = em
      .createQueryBuilder(Referral, 'r')
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(filter.limit + 1);
    const side = (prefix: 'sender' | 'receiver') => {
      const unitColumn = `r.${prefix}_unit_id`;
      if (filter.unitId) return qb.andWhere(`${unitColumn} = :unitId`, { unitId: filter.unitId });
      if (caller.organisationWide) {
        return qb.andWhere(`r.${prefix}_organisation_id = :callerOrganisationId`, {
          callerOrganisationId: caller.organisationId,
        });
      }
      return qb.andWhere(`${unitColumn} = ANY(:callerUnitIds::uuid[])`, { callerUnitIds: caller.unitIds });
    };
    if (filter.direction === ReferralDirection.Received) side('receiver');
    else if (filter.direction === ReferralDirection.Sent) side('sender');
    else if (filter.unitId) {
      qb.andWhere('(r.sender_unit_id = :unitId OR r.receiver_unit_id = :unitId)', { unitId: filter.unitId });
    }
    if (filter.status?.length) qb.andWhere('r.status IN (:...statuses)', { statuses: filter.status });
    if (filter.urgency?.length) qb.andWhere('r.urgency IN (:...urgencies)', { urgencies: filter.urgency });
    if (filter.overdue === true) qb.andWhere(OVERDUE('r'));
    if (filter.overdue === false) qb.andWhere(`NOT ${OVERDUE('r')}`);
    if (filter.beneficiaryId)
      qb.andWhere('r.beneficiaryId = :beneficiaryId', { beneficiaryId: filter.beneficiaryId });
    if (filter.caseId) qb.andWhere('r.caseId = :caseId', { caseId: filter.caseId });
    if (afterId) {
      qb.andWhere(
        '(r.created_at, r.id) < (SELECT k.created_at, k.id FROM referrals k WHERE k.id = :afterId)',
        {
          afterId,
        },
      );
    }
    return qb;
  }

  /** Names of the organisations, units and service types the referrals name, in three small queries. */
  async namesFor(em: EntityManager, referrals: readonly Referral[]): Promise<Names> {
    const organisations = new Set<string>();
    const units = new Set<string>();
    const serviceTypes = new Set<string>();
    for (const r of referrals) {
      organisations.add(r.senderOrganisationId).add(r.receiverOrganisationId);
      units.add(r.receiverUnitId);
      if (r.senderUnitId) units.add(r.senderUnitId);
      serviceTypes.add(r.serviceTypeId);
    }
    const byId = async (table: string, ids: Set<string>) => {
      if (!ids.size) return new Map<string, string>();
      const rows: Array<{ id: string; name: string }> = await em.query(
        `SELECT id, name FROM ${table} WHERE id = ANY($1::uuid[])`,
        [[...ids]],
      );
      return new Map(rows.map((r) => [r.id, r.name]));
    };
    return {
      organisations: await byId('organisations', organisations),
      units: await byId('service_units', units),
      serviceTypes: await byId('service_types', serviceTypes),
    };
  }

  async transitionsOf(em: EntityManager, referralId: string): Promise<TransitionRow[]> {
    const rows = await em
      .createQueryBuilder(ReferralTransition, 't')
      .innerJoin('t.changedBy', 'u')
      .addSelect(['u.displayName', 'u.organisationId'])
      .where('t.referralId = :referralId', { referralId })
      .orderBy('t.id', 'ASC')
      .getMany();
    return rows.map((t) => ({
      ...t,
      changedByName: t.changedBy!.displayName,
      changedByOrganisationId: t.changedBy!.organisationId,
    }));
  }
}
