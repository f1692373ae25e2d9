import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { CaseStatus } from '../case-codes';
import { CaseFollowUp } from '../entities/case-follow-up.entity';
import type { ListFollowUpsQuery } from './dto/follow-up.dto';

/** Follow-ups with their case joined as `c` (its unit, and for the caller's scope). */
@Injectable()
export class CaseFollowUpsRepository {
  async insert(
    em: EntityManager,
    values: Pick<CaseFollowUp, 'caseId' | 'description' | 'dueOn' | 'assignedUserId' | 'createdByUserId'>,
  ): Promise<CaseFollowUp> {
    const { id } = await em.save(
      em.create(CaseFollowUp, { ...values, completedAt: null, completedByUserId: null }),
    );
    return this.withCase(em).where('f.id = :id', { id }).getOneOrFail();
  }

  /** The case a follow-up belongs to, or null if there is no such follow-up. */
  async caseIdOf(em: EntityManager, id: string): Promise<string | null> {
    const row = await em.findOne(CaseFollowUp, { select: { id: true, caseId: true }, where: { id } });
    return row?.caseId ?? null;
  }

  /** Locked until commit: of two completions, the second sees the first. */
  getForUpdate(em: EntityManager, id: string): Promise<CaseFollowUp> {
    return this.withCase(em)
      .where('f.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['f'])
      .getOneOrFail();
  }

  async complete(em: EntityManager, followUp: CaseFollowUp, byUserId: string, outcome: string | null) {
    followUp.completedAt = new Date();
    followUp.completedByUserId = byUserId;
    followUp.outcome = outcome;
    await em.update(
      CaseFollowUp,
      { id: followUp.id },
      { completedAt: followUp.completedAt, completedByUserId: byUserId, outcome },
    );
    return followUp;
  }

  /** The case's follow-ups by due date, then id; `afterId` is the last of the previous page. */
  casePage(em: EntityManager, caseId: string, limit: number, afterId?: string): Promise<CaseFollowUp[]> {
    const qb = this.withCase(em).where('f.caseId = :caseId', { caseId });
    return this.byDueDate(qb, limit, afterId).getMany();
  }

  /** Follow-ups across cases by due date; the caller adds the scope on `c`. */
  listQuery(em: EntityManager, filter: ListFollowUpsQuery, today: string, afterId?: string) {
    const qb = this.withCase(em);
    if (filter.overdue === true) {
      qb.andWhere('f.completedAt IS NULL AND f.dueOn < :today AND c.status <> :closed', {
        today,
        closed: CaseStatus.Closed,
      });
    } else if (filter.overdue === false) {
      qb.andWhere('NOT (f.completedAt IS NULL AND f.dueOn < :today AND c.status <> :closed)', {
        today,
        closed: CaseStatus.Closed,
      });
    }
    if (filter.assignedUserId) {
      qb.andWhere('f.assignedUserId = :assignedUserId', { assignedUserId: filter.assignedUserId });
    }
    if (filter.unitId) qb.andWhere('c.unitId = :unitId', { unitId: filter.unitId });
    return this.byDueDate(qb, filter.limit, afterId);
  }

  private withCase(em: EntityManager) {
    return em.createQueryBuilder(CaseFollowUp, 'f').innerJoinAndSelect('f.case', 'c');
  }

  private byDueDate(qb: SelectQueryBuilder<CaseFollowUp>, limit: number, afterId?: string) {
    qb.orderBy('f.dueOn', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .limit(limit + 1);
    if (afterId) {
      qb.andWhere('(f.due_on, f.id) > (SELECT k.due_on, k.id FROM case_follow_ups k WHERE k.id = :afterId)', {
        afterId,
      });
    }
    return qb;
  }
}
