import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction, AuditEntity } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../auth/auth-user';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { CaseAccess } from '../case-access.service';
import { parseIdCursor } from '../case-cursor';
import { CasesRepository } from '../cases.repository';
import { CaseAssessment } from '../entities/case-assessment.entity';
import { CaseAssessmentsRepository } from './case-assessments.repository';
import { AssessmentResponseDto, CreateAssessmentDto } from './dto/assessment.dto';
import { NeedCode, NeedSeverity } from './need-codes';
import { scoreAssessment } from './vulnerability-score';

/**
 * Needs assessments. The score is computed when the assessment is recorded, from the needs and
 * the vulnerabilities of the person (or of a household's current members together), and stored
 * with its breakdown and method, so it can be explained later even after the method changes.
 */
@Injectable()
export class CaseAssessmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assessments: CaseAssessmentsRepository,
    private readonly cases: CasesRepository,
    private readonly caseAccess: CaseAccess,
    private readonly audit: AuditService,
  ) {}

  async record(user: AuthUser, caseId: string, dto: CreateAssessmentDto): Promise<AssessmentResponseDto> {
    await this.caseAccess.requireCase(user, caseId, 'write');
    return this.dataSource.transaction(async (em) => {
      const caseFile = await this.caseAccess.lockOpenCase(em, caseId);
      const needs = dto.needs.map((n) => ({ code: n.code, severity: n.severity }));
      const vulnerabilities = await this.cases.subjectVulnerabilities(em, caseFile);
      const result = scoreAssessment(needs, vulnerabilities);
      const assessment = await this.assessments.insert(em, {
        caseId,
        needs,
        score: result.score,
        level: result.level,
        breakdown: result.breakdown,
        method: result.method,
        note: dto.note ?? null,
        assessedByUserId: user.id,
      });
      // Needs and score describe a person's situation: the audit records only that they were set.
      await this.audit.record(em, user, {
        action: AuditAction.AssessmentRecorded,
        entityType: AuditEntity.Case,
        entityId: caseId,
        organisationId: caseFile.organisationId,
        changes: { assessmentId: { to: assessment.id }, method: { to: result.method }, needs: {}, score: {} },
      });
      return toAssessmentResponse(assessment);
    });
  }

  async list(user: AuthUser, caseId: string, query: PageQueryDto): Promise<Page<AssessmentResponseDto>> {
    const afterId = parseIdCursor(query.cursor);
    await this.caseAccess.requireCase(user, caseId, 'read');
    const rows = await this.assessments.page(this.dataSource.manager, caseId, query.limit, afterId);
    return toPage(rows, query.limit, (a) => [a.id], toAssessmentResponse);
  }
}

function toAssessmentResponse(a: CaseAssessment): AssessmentResponseDto {
  return {
    id: a.id,
    caseId: a.caseId,
    needs: a.needs.map((n) => ({ code: n.code as NeedCode, severity: n.severity as NeedSeverity })),
    score: a.score,
    level: a.level,
    breakdown: a.breakdown.map((b) => ({ source: b.source, code: b.code, points: b.points })),
    method: a.method,
    note: a.note,
    assessedByUserId: a.assessedByUserId,
    assessedAt: a.assessedAt,
  };
}
