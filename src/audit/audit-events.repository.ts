import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';
import type { ListAuditEventsQuery } from './dto/list-audit-events.query';

@Injectable()
export class AuditEventsRepository {
  /** Newest first; `beforeId` is the keyset cursor. The caller adds the scope. */
  filteredQuery(em: EntityManager, filter: ListAuditEventsQuery, beforeId: string | undefined) {
    const qb = em
      .createQueryBuilder(AuditEvent, 'ae')
      .orderBy('ae.id', 'DESC')
      .limit(filter.limit + 1);
    if (filter.userId) qb.andWhere('ae.actorUserId = :userId', { userId: filter.userId });
    if (filter.entityType) qb.andWhere('ae.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('ae.entityId = :entityId', { entityId: filter.entityId });
    if (filter.action) qb.andWhere('ae.action = :action', { action: filter.action });
    if (filter.from) qb.andWhere('ae.occurredAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('ae.occurredAt < :to', { to: filter.to });
    if (beforeId) qb.andWhere('ae.id < :beforeId', { beforeId });
    return qb;
  }
}
