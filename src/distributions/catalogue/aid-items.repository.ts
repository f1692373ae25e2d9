import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AidItem } from '../entities/aid-item.entity';
import type { ListAidItemsQuery } from './dto/aid-item.dto';

/** Queries over the aid catalogue. Scope is added by the caller (AccessService). */
@Injectable()
export class AidItemsRepository {
  /** By name, then id; `after` is the keyset of the previous page's last row. */
  listQuery(em: EntityManager, filter: ListAidItemsQuery, after?: (string | number)[]) {
    const qb = em
      .createQueryBuilder(AidItem, 'ai')
      .orderBy('ai.name', 'ASC')
      .addOrderBy('ai.id', 'ASC')
      .limit(filter.limit + 1);
    if (filter.organisationId) {
      qb.andWhere('ai.organisationId = :organisationId', { organisationId: filter.organisationId });
    }
    if (filter.category) qb.andWhere('ai.category = :category', { category: filter.category });
    if (filter.kind) qb.andWhere('ai.kind = :kind', { kind: filter.kind });
    if (filter.isActive !== undefined) qb.andWhere('ai.isActive = :isActive', { isActive: filter.isActive });
    if (after) {
      qb.andWhere('(ai.name, ai.id) > (:afterName, :afterId)', { afterName: after[0], afterId: after[1] });
    }
    return qb;
  }

  get(em: EntityManager, id: string): Promise<AidItem> {
    return em.findOneByOrFail(AidItem, { id });
  }

  getForUpdate(em: EntityManager, id: string): Promise<AidItem> {
    return em.findOneOrFail(AidItem, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The organisation's items among `ids`, held until commit: a rule that names an item must not
   * race its retirement.
   */
  findOfOrganisationForShare(em: EntityManager, organisationId: string, ids: readonly string[]) {
    if (!ids.length) return Promise.resolve([] as AidItem[]);
    return em
      .createQueryBuilder(AidItem, 'ai')
      .where('ai.organisationId = :organisationId AND ai.id IN (:...ids)', { organisationId, ids: [...ids] })
      .setLock('pessimistic_read')
      .getMany();
  }
}
