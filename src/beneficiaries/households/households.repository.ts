import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, SelectQueryBuilder } from 'typeorm';
import { HouseholdExitReason, HouseholdRelationship } from '../beneficiary-codes';
import { HouseholdMembership } from '../entities/household-membership.entity';
import { Household } from '../entities/household.entity';

/** A membership with the names of the person, as member lists show it. */
export type MembershipWithNames = HouseholdMembership & {
  beneficiary: { id: string; givenName: string; familyName: string | null };
};

/**
 * Households and their memberships over time. Also the read API other features use to ask who
 * belonged to a household on a date (aid rules count per household): `membersOn`, `householdOf`.
 * A membership covers the days from `startedOn` up to, not including, `endedOn`.
 */
@Injectable()
export class HouseholdsRepository {
  /** The current members of a household on `date` (`YYYY-MM-DD`), by start date. */
  membersOn(em: EntityManager, householdId: string, date: string): Promise<HouseholdMembership[]> {
    return em
      .createQueryBuilder(HouseholdMembership, 'm')
      .where('m.householdId = :householdId', { householdId })
      .andWhere(onDate('m'), { onDate: date })
      .orderBy('m.startedOn')
      .addOrderBy('m.id')
      .getMany();
  }

  /** The membership through which a person belonged to a household on `date`, or null. */
  householdOf(em: EntityManager, beneficiaryId: string, date: string): Promise<HouseholdMembership | null> {
    return (
      em
        .createQueryBuilder(HouseholdMembership, 'm')
        .where('m.beneficiaryId = :beneficiaryId', { beneficiaryId })
        .andWhere(onDate('m'), { onDate: date })
        // Periods of one person do not overlap (the service refuses it); the latest start wins
        // should old data ever disagree.
        .orderBy('m.startedOn', 'DESC')
        .addOrderBy('m.createdAt', 'DESC')
        .getOne()
    );
  }

  async insertHousehold(
    em: EntityManager,
    values: Pick<Household, 'organisationId' | 'registeredUnitId' | 'createdByUserId' | 'notes'>,
  ): Promise<Household> {
    return em.save(em.create(Household, values));
  }

  findHousehold(em: EntityManager, id: string): Promise<Household | null> {
    return em.findOneBy(Household, { id });
  }

  /** The number of current members. */
  sizeOf(em: EntityManager, householdId: string): Promise<number> {
    return em.countBy(HouseholdMembership, { householdId, endedOn: IsNull() });
  }

  /** A household's current members with their names; the caller adds the scope on `b`. */
  currentMembersQuery(em: EntityManager, householdId: string): SelectQueryBuilder<HouseholdMembership> {
    return withNames(em)
      .where('m.householdId = :householdId', { householdId })
      .andWhere('m.endedOn IS NULL')
      .orderBy('m.startedOn')
      .addOrderBy('m.id');
  }

  /**
   * A page of a household's memberships by start date, then id: the current ones, or with
   * `includeFormer` the whole history. The caller adds the scope on `b`.
   */
  memberHistoryQuery(
    em: EntityManager,
    householdId: string,
    filter: { includeFormer?: boolean; limit: number },
    after?: (string | number)[],
  ): SelectQueryBuilder<HouseholdMembership> {
    const qb = withNames(em)
      .where('m.householdId = :householdId', { householdId })
      .orderBy('m.startedOn')
      .addOrderBy('m.id')
      .limit(filter.limit + 1);
    if (!filter.includeFormer) qb.andWhere('m.endedOn IS NULL');
    if (after) {
      qb.andWhere('(m.startedOn, m.id) > (:afterStartedOn::date, :afterId::uuid)', {
        afterStartedOn: after[0],
        afterId: after[1],
      });
    }
    return qb;
  }

  findMembership(em: EntityManager, id: string): Promise<HouseholdMembership | null> {
    return em.findOneBy(HouseholdMembership, { id });
  }

  getMembershipForUpdate(em: EntityManager, id: string): Promise<HouseholdMembership> {
    return em.findOneOrFail(HouseholdMembership, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The person's current membership, locked until commit so that a move ends it exactly once. */
  currentMembershipForUpdate(em: EntityManager, beneficiaryId: string): Promise<HouseholdMembership | null> {
    return em.findOne(HouseholdMembership, {
      where: { beneficiaryId, endedOn: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Of these people, those who belong to a household now, with its id. */
  async currentHouseholdsOf(
    em: EntityManager,
    beneficiaryIds: readonly string[],
  ): Promise<Map<string, string>> {
    if (!beneficiaryIds.length) return new Map();
    const rows = await em
      .createQueryBuilder(HouseholdMembership, 'm')
      .select('m.beneficiaryId', 'beneficiaryId')
      .addSelect('m.householdId', 'householdId')
      .where('m.beneficiaryId IN (:...beneficiaryIds)', { beneficiaryIds })
      .andWhere('m.endedOn IS NULL')
      .getRawMany<{ beneficiaryId: string; householdId: string }>();
    return new Map(rows.map((r) => [r.beneficiaryId, r.householdId]));
  }

  /** The day the person's last ended membership ended, or null: a new period may not start before it. */
  async lastEndOf(em: EntityManager, beneficiaryId: string): Promise<string | null> {
    const row = await em
      .createQueryBuilder(HouseholdMembership, 'm')
      .select(`to_char(max(m.endedOn), 'YYYY-MM-DD')`, 'lastEnd')
      .where('m.beneficiaryId = :beneficiaryId', { beneficiaryId })
      .getRawOne<{ lastEnd: string | null }>();
    return row?.lastEnd ?? null;
  }

  /** Whether the household has a current head, other than the membership `exceptId`. */
  async hasCurrentHead(em: EntityManager, householdId: string, exceptId?: string): Promise<boolean> {
    const qb = em
      .createQueryBuilder(HouseholdMembership, 'm')
      .where('m.householdId = :householdId', { householdId })
      .andWhere('m.endedOn IS NULL AND m.relationship = :head', { head: HouseholdRelationship.Head });
    if (exceptId) qb.andWhere('m.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  insertMemberships(
    em: EntityManager,
    values: ReadonlyArray<
      Pick<
        HouseholdMembership,
        'organisationId' | 'householdId' | 'beneficiaryId' | 'relationship' | 'startedOn' | 'createdByUserId'
      >
    >,
  ): Promise<HouseholdMembership[]> {
    return em.save(
      values.map((v) =>
        em.create(HouseholdMembership, { ...v, endedOn: null, exitReason: null, endedByUserId: null }),
      ),
    );
  }

  async endMembership(
    em: EntityManager,
    membership: HouseholdMembership,
    end: { endedOn: string; exitReason: HouseholdExitReason; endedByUserId: string },
  ): Promise<HouseholdMembership> {
    await em.update(HouseholdMembership, { id: membership.id }, end);
    return Object.assign(membership, end);
  }

  async setRelationship(
    em: EntityManager,
    membership: HouseholdMembership,
    relationship: HouseholdRelationship,
  ): Promise<HouseholdMembership> {
    await em.update(HouseholdMembership, { id: membership.id }, { relationship });
    return Object.assign(membership, { relationship });
  }
}

/** Memberships joined with the few beneficiary columns a member list shows. */
function withNames(em: EntityManager): SelectQueryBuilder<HouseholdMembership> {
  return em
    .createQueryBuilder(HouseholdMembership, 'm')
    .innerJoin('m.beneficiary', 'b')
    .addSelect(['b.id', 'b.givenName', 'b.familyName']);
}

/**
 * The membership of `alias` covers the day `:onDate`. (A parameter must not be named like the
 * type of a `::cast`: TypeORM would substitute the cast too.)
 */
function onDate(alias: string): string {
  return `${alias}.startedOn <= :onDate::date AND (${alias}.endedOn IS NULL OR ${alias}.endedOn > :onDate::date)`;
}
