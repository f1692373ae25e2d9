import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseNote } from '../entities/case-note.entity';

/** Case notes: added, listed, never edited. */
@Injectable()
export class CaseNotesRepository {
  async insert(
    em: EntityManager,
    values: Pick<CaseNote, 'caseId' | 'body' | 'isSensitive' | 'authorUserId'>,
  ): Promise<CaseNote> {
    return em.save(em.create(CaseNote, values));
  }

  /** A page of the case's notes, newest first; `afterId` is the last note of the previous page. */
  page(em: EntityManager, caseId: string, limit: number, afterId?: string): Promise<CaseNote[]> {
    const qb = em
      .createQueryBuilder(CaseNote, 'n')
      .where('n.caseId = :caseId', { caseId })
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (afterId) {
      qb.andWhere(
        '(n.created_at, n.id) < (SELECT k.created_at, k.id FROM case_notes k WHERE k.id = :afterId AND k.case_id = :caseId)',
        { afterId },
      );
    }
    return qb.getMany();
  }
}
