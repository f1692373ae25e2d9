import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ListOrganisationsQuery } from './dto/organisation.dto';
import { Organisation } from './entities/organisation.entity';
import { ServiceUnit } from './entities/service-unit.entity';
import type { ListServiceUnitsQuery } from './dto/service-unit.dto';

/** Queries over organisations and their units. Scope is added by the caller (AccessService). */
@Injectable()
export class OrganisationsRepository {
  /** By name, then id; `after` is the keyset of the previous page's last row. */
  listQuery(em: EntityManager, filter: ListOrganisationsQuery, after?: (string | number)[]) {
    const qb = em
      .createQueryBuilder(Organisation, 'o')
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(filter.limit + 1);
    if (filter.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.isActive !== undefined) qb.andWhere('o.isActive = :isActive', { isActive: filter.isActive });
    if (after)
      qb.andWhere('(o.name, o.id) > (:afterName, :afterId)', { afterName: after[0], afterId: after[1] });
    return qb;
  }

  getForUpdate(em: EntityManager, id: string): Promise<Organisation> {
    return em.findOneOrFail(Organisation, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Held until commit: the organisation cannot be deactivated meanwhile. */
  getForShare(em: EntityManager, id: string): Promise<Organisation> {
    return em.findOneOrFail(Organisation, { where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  get(em: EntityManager, id: string): Promise<Organisation> {
    return em.findOneByOrFail(Organisation, { id });
  }

  unitListQuery(em: EntityManager, filter: ListServiceUnitsQuery, after?: (string | number)[]) {
    const qb = em
      .createQueryBuilder(ServiceUnit, 'su')
      .orderBy('su.name', 'ASC')
      .addOrderBy('su.id', 'ASC')
      .limit(filter.limit + 1);
    if (filter.organisationId) {
      qb.andWhere('su.organisationId = :organisationId', { organisationId: filter.organisationId });
    }
    if (filter.isActive !== undefined) qb.andWhere('su.isActive = :isActive', { isActive: filter.isActive });
    if (after)
      qb.andWhere('(su.name, su.id) > (:afterName, :afterId)', { afterName: after[0], afterId: after[1] });
    return qb;
  }

  getUnitForUpdate(em: EntityManager, id: string): Promise<ServiceUnit> {
    return em.findOneOrFail(ServiceUnit, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  getUnit(em: EntityManager, id: string): Promise<ServiceUnit> {
    return em.findOneByOrFail(ServiceUnit, { id });
  }

  /** Of `unitIds`, those that are active units of the organisation, locked against deactivation until commit. */
  async activeUnitIdsOf(
    em: EntityManager,
    organisationId: string,
    unitIds: readonly string[],
  ): Promise<Set<string>> {
    if (!unitIds.length) return new Set();
    const rows = await em
      .createQueryBuilder(ServiceUnit, 'su')
      .select('su.id', 'id')
      .where('su.organisationId = :organisationId AND su.isActive AND su.id IN (:...unitIds)', {
        organisationId,
        unitIds,
      })
      .setLock('pessimistic_read')
      .getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }
}
