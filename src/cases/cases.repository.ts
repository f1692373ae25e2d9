import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Vulnerability } from '../beneficiaries/beneficiary-codes';
import { Role } from '../auth/permissions';
import { CaseStatus, CaseType, ClosureReason } from './case-codes';
import type { HistoryKey } from './case-cursor';
import type { ListCasesQuery } from './dto/case.dto';
import { CaseAssignment } from './entities/case-assignment.entity';
import { CaseFile } from './entities/case-file.entity';
import { CaseStatusChange } from './entities/case-status-change.entity';

/** Roles a case may be assigned to. */
const ASSIGNABLE_ROLES: readonly Role[] = [Role.Caseworker, Role.Supervisor];

/** The person or household a case is about. */
export type CaseSubject = { beneficiaryId: string } | { householdId: string };

export interface LatestAssessmentRow {
  id: string;
  caseId: string;
  score: number;
  level: string;
  method: string;
  assessedAt: Date;
}

export interface HistoryRow {
  kind: 'status_change' | 'assignment';
  id: string;
  at: Date;
  /** `at` to the microsecond, for the cursor. */
  atKey: string;
  rank: number;
  byUserId: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  closureReason: ClosureReason | null;
  assignedUserId: string | null;
  note: string | null;
}

/** Case files and their append-only status and assignment history. Scope is added by callers. */
@Injectable()
export class CasesRepository {
  /** Newest first (opened_at, id); `afterId` is the last case of the previous page. */
  listQuery(em: EntityManager, filter: ListCasesQuery, afterId?: string) {
    const qb = em
      .createQueryBuilder(CaseFile, 'c')
      .orderBy('c.openedAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(filter.limit + 1);
    if (filter.status?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: filter.status });
    if (filter.type) qb.andWhere('c.type = :type', { type: filter.type });
    if (filter.unitId) qb.andWhere('c.unitId = :unitId', { unitId: filter.unitId });
    if (filter.assignedUserId) {
      qb.andWhere('c.assignedUserId = :assignedUserId', { assignedUserId: filter.assignedUserId });
    }
    if (filter.riskLevel) qb.andWhere('c.riskLevel = :riskLevel', { riskLevel: filter.riskLevel });
    if (filter.beneficiaryId) {
      qb.andWhere('c.beneficiaryId = :beneficiaryId', { beneficiaryId: filter.beneficiaryId });
    }
    if (filter.householdId) qb.andWhere('c.householdId = :householdId', { householdId: filter.householdId });
    // Calendar days in UTC, both ends included.
    if (filter.openedFrom) {
      qb.andWhere(`c.opened_at >= (CAST(:openedFrom AS date) AT TIME ZONE 'UTC')`, {
        openedFrom: filter.openedFrom,
      });
    }
    if (filter.openedTo) {
      qb.andWhere(`c.opened_at < ((CAST(:openedTo AS date) + 1) AT TIME ZONE 'UTC')`, {
        openedTo: filter.openedTo,
      });
    }
    if (afterId) {
      qb.andWhere(
        '(c.opened_at, c.id) < (SELECT k.opened_at, k.id FROM case_files k WHERE k.id = :afterId)',
        {
          afterId,
        },
      );
    }
    return qb;
  }

  find(em: EntityManager, id: string): Promise<CaseFile | null> {
    return em.findOneBy(CaseFile, { id });
  }

  /** Locked until commit: status and assignment changes of one case run one after another. */
  findForUpdate(em: EntityManager, id: string): Promise<CaseFile | null> {
    return em.findOne(CaseFile, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Shared lock until commit, for writes under a case (notes, follow-ups, ...): the case cannot be
   * closed meanwhile, and such writes do not wait for each other.
   */
  findForShare(em: EntityManager, id: string): Promise<CaseFile | null> {
    return em.findOne(CaseFile, { where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  async insert(em: EntityManager, values: Partial<CaseFile>): Promise<CaseFile> {
    return em.save(em.create(CaseFile, values));
  }

  save(em: EntityManager, caseFile: CaseFile): Promise<CaseFile> {
    return em.save(caseFile);
  }

  async addStatusChange(
    em: EntityManager,
    row: Pick<
      CaseStatusChange,
      'caseId' | 'fromStatus' | 'toStatus' | 'closureReason' | 'note' | 'changedByUserId'
    >,
  ): Promise<void> {
    await em.insert(CaseStatusChange, row);
  }

  async addAssignment(
    em: EntityManager,
    row: Pick<CaseAssignment, 'caseId' | 'assignedUserId' | 'assignedByUserId' | 'note'>,
  ): Promise<void> {
    await em.insert(CaseAssignment, row);
  }

  /**
   * Status changes and assignments of a case, newest first. At the same instant (opening with an
   * assignment) the assignment, which came second, is listed first.
   */
  async historyPage(
    em: EntityManager,
    caseId: string,
    limit: number,
    after?: HistoryKey,
  ): Promise<HistoryRow[]> {
    const rows: Array<{
      kind: 'status_change' | 'assignment';
      id: string;
      at: Date;
      at_key: string;
      rank: number;
      by_user_id: string;
      from_status: CaseStatus | null;
      to_status: CaseStatus | null;
      closure_reason: ClosureReason | null;
      assigned_user_id: string | null;
      note: string | null;
    }> = await em.query(
      `SELECT h.*, to_char(h.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_key
         FROM (SELECT 'status_change' AS kind, 0 AS rank, s.id, s.changed_at AS at,
                      s.changed_by_user_id AS by_user_id, s.from_status, s.to_status, s.closure_reason,
                      NULL::uuid AS assigned_user_id, s.note
                 FROM case_status_changes s WHERE s.case_id = $1
               UNION ALL
               SELECT 'assignment', 1, a.id, a.assigned_at, a.assigned_by_user_id, NULL, NULL, NULL,
                      a.assigned_user_id, a.note
                 FROM case_assignments a WHERE a.case_id = $1) h
        WHERE $2::timestamptz IS NULL OR (h.at, h.rank, h.id) < ($2::timestamptz, $3::int, $4::bigint)
        ORDER BY h.at DESC, h.rank DESC, h.id DESC
        LIMIT $5`,
      [caseId, after?.at ?? null, after?.rank ?? null, after?.id ?? null, limit + 1],
    );
    return rows.map((r) => ({
      kind: r.kind,
      id: String(r.id),
      at: r.at,
      atKey: r.at_key,
      rank: Number(r.rank),
      byUserId: r.by_user_id,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      closureReason: r.closure_reason,
      assignedUserId: r.assigned_user_id,
      note: r.note,
    }));
  }

  /** Display names of users, by id. */
  async displayNamesOf(em: EntityManager, userIds: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(userIds)];
    if (!unique.length) return new Map();
    const rows: Array<{ id: string; display_name: string }> = await em.query(
      `SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`,
      [unique],
    );
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  /** The latest assessment of each case that has one, in one query. */
  async latestAssessmentsOf(
    em: EntityManager,
    caseIds: readonly string[],
  ): Promise<Map<string, LatestAssessmentRow>> {
    if (!caseIds.length) return new Map();
    const rows: Array<{
      id: string;
      case_id: string;
      score: number;
      level: string;
      method: string;
      assessed_at: Date;
    }> = await em.query(
      `SELECT DISTINCT ON (case_id) id, case_id, score, level, method, assessed_at
         FROM case_assessments WHERE case_id = ANY($1::uuid[])
        ORDER BY case_id, assessed_at DESC, id DESC`,
      [[...caseIds]],
    );
    return new Map(
      rows.map((r) => [
        r.case_id,
        {
          id: r.id,
          caseId: r.case_id,
          score: Number(r.score),
          level: r.level,
          method: r.method,
          assessedAt: r.assessed_at,
        },
      ]),
    );
  }

  /**
   * Whether the user may be given cases of the unit: an active caseworker or supervisor of the
   * organisation who is a member of the unit. Their row stays locked until commit, so they cannot
   * be deactivated halfway.
   */
  async isAssignable(
    em: EntityManager,
    organisationId: string,
    unitId: string,
    userId: string,
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM users u
         JOIN user_units uu ON uu.user_id = u.id AND uu.unit_id = $3
        WHERE u.id = $1 AND u.organisation_id = $2 AND u.is_active AND u.role = ANY($4::text[])
        FOR SHARE OF u`,
      [userId, organisationId, unitId, ASSIGNABLE_ROLES],
    );
    return rows.length > 0;
  }

  /** The case of this type that is not closed for the person or household, if any. */
  async openCaseIdOf(
    em: EntityManager,
    organisationId: string,
    subject: CaseSubject,
    type: CaseType,
  ): Promise<string | null> {
    const [column, id] =
      'beneficiaryId' in subject
        ? ['beneficiary_id', subject.beneficiaryId]
        : ['household_id', subject.householdId];
    const rows: Array<{ id: string }> = await em.query(
      `SELECT id FROM case_files
        WHERE organisation_id = $1 AND ${column} = $2 AND type = $3 AND status <> 'closed'`,
      [organisationId, id, type],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * The vulnerabilities a needs assessment of the case counts: the person's, or for a household
   * case those of all its current members together (each once).
   */
  async subjectVulnerabilities(em: EntityManager, caseFile: CaseFile): Promise<Vulnerability[]> {
    const rows: Array<{ v: Vulnerability }> = caseFile.beneficiaryId
      ? await em.query(
          `SELECT DISTINCT unnest(vulnerabilities) AS v FROM beneficiaries WHERE id = $1 ORDER BY v`,
          [caseFile.beneficiaryId],
        )
      : await em.query(
          `SELECT DISTINCT v FROM household_memberships m
             JOIN beneficiaries b ON b.id = m.beneficiary_id
             CROSS JOIN LATERAL unnest(b.vulnerabilities) AS u(v)
            WHERE m.household_id = $1 AND m.ended_on IS NULL
            ORDER BY v`,
          [caseFile.householdId],
        );
    return rows.map((r) => r.v);
  }
}
