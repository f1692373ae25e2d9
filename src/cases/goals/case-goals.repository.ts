import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseGoal } from '../entities/case-goal.entity';

/** Goals of case plans. */
@Injectable()
export class CaseGoalsRepository {
  insert(
    em: EntityManager,
    values: Pick<CaseGoal, 'caseId' | 'description' | 'status' | 'targetDate' | 'createdByUserId'>,
  ): Promise<CaseGoal> {
    return em.save(em.create(CaseGoal, values));
  }

  /** The case a goal belongs to, or null if there is no such goal. */
  async caseIdOf(em: EntityManager, id: string): Promise<string | null> {
    const row = await em.findOne(CaseGoal, { select: { id: true, caseId: true }, where: { id } });
    return row?.caseId ?? null;
  }

  getForUpdate(em: EntityManager, id: string): Promise<CaseGoal> {
    return em.findOneOrFail(CaseGoal, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(em: EntityManager, goal: CaseGoal): Promise<CaseGoal> {
    return em.save(goal);
  }

  /** In the order they were set, as a plan reads; `afterId` is the last goal of the previous page. */
  page(em: EntityManager, caseId: string, limit: number, afterId?: string): Promise<CaseGoal[]> {
    const qb = em
      .createQueryBuilder(CaseGoal, 'g')
      .where('g.caseId = :caseId', { caseId })
      .orderBy('g.createdAt', 'ASC')
      .addOrderBy('g.id', 'ASC')
      .limit(limit + 1);
    if (afterId) {
      qb.andWhere(
        '(g.created_at, g.id) > (SELECT k.created_at, k.id FROM case_goals k WHERE k.id = :afterId)',
        {
          afterId,
        },
      );
    }
    return qb.getMany();
  }
}
