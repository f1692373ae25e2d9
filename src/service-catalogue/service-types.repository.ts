import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ServiceUnit } from '../organisations/entities/service-unit.entity';
import type { ListServiceTypesQuery } from './dto/service-type.dto';
import { ServiceType } from './entities/service-type.entity';

/** Queries over the service catalogue. Scope is added by the caller (AccessService). */
@Injectable()
export class ServiceTypesRepository {
  /** By name, then id; `after` is the keyset of the previous page's last row. */
  listQuery(em: EntityManager, filter: ListServiceTypesQuery, after?: (string | number)[]) {
    const qb = em
      .createQueryBuilder(ServiceType, 'st')
      .orderBy('st.name', 'ASC')
      .addOrderBy('st.id', 'ASC')
      .limit(filter.limit + 1);
    if (filter.unitId) qb.andWhere('st.unitId = :unitId', { unitId: filter.unitId });
    if (filter.isActive !== undefined) qb.andWhere('st.isActive = :isActive', { isActive: filter.isActive });
    if (after) {
      qb.andWhere('(st.name, st.id) > (:afterName, :afterId)', { afterName: after[0], afterId: after[1] });
    }
    return qb;
  }

  get(em: EntityManager, id: string): Promise<ServiceType> {
    return em.findOneByOrFail(ServiceType, { id });
  }

  getForUpdate(em: EntityManager, id: string): Promise<ServiceType> {
    return em.findOneOrFail(ServiceType, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Held until commit, so that deactivating it waits for a delivery being recorded. */
  findForShare(em: EntityManager, id: string): Promise<ServiceType | null> {
    return em.findOne(ServiceType, { where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  /** The unit a new service type goes to, held until commit so it cannot be deactivated meanwhile. */
  findUnitForShare(em: EntityManager, unitId: string): Promise<ServiceUnit | null> {
    return em.findOne(ServiceUnit, { where: { id: unitId }, lock: { mode: 'pessimistic_read' } });
  }
}
