import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseAssessment } from '../entities/case-assessment.entity';

/** Needs assessments of cases; the latest is the current one, earlier ones are kept. */
@Injectable()
export class CaseAssessmentsRepository {
  insert(
    em: EntityManager,
    values: Pick<
      CaseAssessment,
      'caseId' | 'needs' | 'score' | 'level' | 'breakdown' | 'method' | 'note' | 'assessedByUserId'
    >,
  ): Promise<CaseAssessment> {
    return em.save(em.create(CaseAssessment, values));
  }

  /** Newest first; `afterId` is the last assessment of the previous page. */
  page(em: EntityManager, caseId: string, limit: number, afterId?: string): Promise<CaseAssessment[]> {
    const qb = em
      .createQueryBuilder(CaseAssessment, 'a')
      .where('a.caseId = :caseId', { caseId })
      .orderBy('a.assessedAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit + 1);
    if (afterId) {
      qb.andWhere(
        '(a.assessed_at, a.id) < (SELECT k.assessed_at, k.id FROM case_assessments k WHERE k.id = :afterId)',
        { afterId },
      );
    }
    return qb.getMany();
  }
}
