import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEntity } from '../audit/audit-action';
import { AuditChanges, AuditService, diffForAudit } from '../audit/audit.service';
import { AccessService } from '../auth/access/access.service';
import { Resource } from '../auth/access/scope-rules';
import type { AuthUser } from '../auth/auth-user';
import { Permission, Role } from '../auth/permissions';
import {
  BadRequestError,
  BusinessRuleError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { definedFields } from '../common/defined';
import { Page, toPage } from '../common/pagination/pagination';
import { violatedUniqueConstraint } from '../database/unique-violation';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { CaseAccess, assertNotClosed } from './case-access.service';
import { CaseStatus } from './case-codes';
import { parseHistoryCursor, parseIdCursor } from './case-cursor';
import { allowedTransitions, assertCaseTransition } from './case-status';
import { CaseSubject, CasesRepository, HistoryRow, LatestAssessmentRow } from './cases.repository';
import {
  AssignCaseDto,
  CaseHistoryItemDto,
  CaseHistoryKind,
  CaseResponseDto,
  CreateCaseDto,
  ListCasesQuery,
  TransitionCaseDto,
  UpdateCaseDto,
} from './dto/case.dto';
import { CaseFile } from './entities/case-file.entity';

const OPEN_CASE_CONSTRAINTS = new Set([
  'uq_case_files_open_beneficiary_type',
  'uq_case_files_open_household_type',
]);

/**
 * Case files: opening, status by the one transition table, assignment by supervisors, and the
 * history of both. Every status change and assignment writes its append-only history row in the
 * transaction that changes the case, with the case row locked, so concurrent changes serialise.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly caseAccess: CaseAccess,
    private readonly access: AccessService,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditService,
  ) {}

  async open(user: AuthUser, dto: CreateCaseDto): Promise<CaseResponseDto> {
    if (dto.assignedUserId !== undefined && !user.permissions.has(Permission.CaseAssign)) {
      throw new ForbiddenError('Only supervisors assign cases; open it unassigned', {
        assignedUserId: ['needsCaseAssign'],
      });
    }
    const subject: CaseSubject = dto.beneficiaryId
      ? { beneficiaryId: dto.beneficiaryId }
      : { householdId: dto.householdId! };
    await this.requireVisibleSubject(user, subject);
    if (user.role === Role.Caseworker && !user.unitIds.includes(dto.unitId)) {
      throw new BusinessRuleError(
        ErrorCode.ReferencedRecordNotFound,
        'Caseworkers open cases in their own units',
        {
          unitId: ['notYourUnit'],
        },
      );
    }
    try {
      return await this.dataSource.transaction(async (em) => {
        const units = await this.organisations.activeUnitIdsOf(em, user.organisationId, [dto.unitId]);
        if (!units.has(dto.unitId)) {
          throw new BusinessRuleError(
            ErrorCode.ReferencedRecordNotFound,
            "The unit must be an active unit of the caller's organisation",
            { unitId: ['notFound'] },
          );
        }
        if (dto.assignedUserId !== undefined) {
          this.requireOwnUnit(user, dto.unitId);
          await this.caseAccess.requireAssignable(
            em,
            { organisationId: user.organisationId, unitId: dto.unitId },
            dto.assignedUserId,
          );
        }
        const created = await this.cases.insert(em, {
          organisationId: user.organisationId,
          beneficiaryId: dto.beneficiaryId ?? null,
          householdId: dto.householdId ?? null,
          type: dto.type,
          unitId: dto.unitId,
          assignedUserId: dto.assignedUserId ?? null,
          riskLevel: dto.riskLevel,
          status: CaseStatus.Open,
          closureReason: null,
          summary: dto.summary ?? null,
          openedByUserId: user.id,
          closedAt: null,
        });
        await this.cases.addStatusChange(em, {
          caseId: created.id,
          fromStatus: null,
          toStatus: CaseStatus.Open,
          closureReason: null,
          note: null,
          changedByUserId: user.id,
        });
        if (created.assignedUserId) {
          await this.cases.addAssignment(em, {
            caseId: created.id,
            assignedUserId: created.assignedUserId,
            assignedByUserId: user.id,
            note: null,
          });
        }
        const changes: AuditChanges = {
          ...subjectChange(subject),
          type: { to: created.type },
          unitId: { to: created.unitId },
          riskLevel: { to: created.riskLevel },
          status: { to: created.status },
        };
        if (created.assignedUserId) changes.assignedUserId = { to: created.assignedUserId };
        if (created.summary !== null) changes.summary = {};
        await this.audit.record(em, user, {
          action: AuditAction.CaseOpened,
          entityType: AuditEntity.Case,
          entityId: created.id,
          organisationId: created.organisationId,
          changes,
        });
        return this.response(em, created);
      });
    } catch (error) {
      if (!OPEN_CASE_CONSTRAINTS.has(violatedUniqueConstraint(error) ?? '')) throw error;
      throw await this.alreadyOpen(user, subject, dto.type);
    }
  }

  async list(user: AuthUser, query: ListCasesQuery): Promise<Page<CaseResponseDto>> {
    const afterId = parseIdCursor(query.cursor);
    if (query.openedFrom && query.openedTo && query.openedFrom > query.openedTo) {
      throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: openedTo', {
        openedTo: ['beforeOpenedFrom'],
      });
    }
    const em = this.dataSource.manager;
    const qb = this.cases.listQuery(em, query, afterId);
    const rows = await this.access.applyScope(qb, user, Resource.Case, 'c').getMany();
    const items = new Map((await this.responses(em, rows.slice(0, query.limit))).map((i) => [i.id, i]));
    return toPage(
      rows,
      query.limit,
      (c) => [c.id],
      (c) => items.get(c.id)!,
    );
  }

  async get(user: AuthUser, id: string): Promise<CaseResponseDto> {
    await this.caseAccess.requireCase(user, id, 'read');
    const em = this.dataSource.manager;
    const caseFile = await this.cases.find(em, id);
    if (!caseFile) throw new NotFoundError();
    return this.response(em, caseFile);
  }

  /** Risk level and summary. The summary is free text: the audit records only that it changed. */
  async update(user: AuthUser, id: string, dto: UpdateCaseDto): Promise<CaseResponseDto> {
    await this.caseAccess.requireCase(user, id, 'write');
    return this.dataSource.transaction(async (em) => {
      const caseFile = await this.lockedCase(em, id);
      assertNotClosed(caseFile);
      const sent = definedFields(dto);
      const changes = diffForAudit({ riskLevel: caseFile.riskLevel, summary: caseFile.summary }, sent, [
        'summary',
      ]);
      if (!Object.keys(changes).length) return this.response(em, caseFile);
      Object.assign(caseFile, sent);
      const saved = await this.cases.save(em, caseFile);
      await this.audit.record(em, user, {
        action: AuditAction.CaseUpdated,
        entityType: AuditEntity.Case,
        entityId: id,
        organisationId: caseFile.organisationId,
        changes,
      });
      return this.response(em, saved);
    });
  }

  /**
   * Moves the case along CASE_TRANSITIONS. The case row is locked first, so of two requests that
   * race from the same status one wins and the other sees the new status and gets a 409.
   */
  async transition(user: AuthUser, id: string, dto: TransitionCaseDto): Promise<CaseResponseDto> {
    if (dto.to === CaseStatus.Closed && dto.closureReason === undefined) {
      throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: closureReason', {
        closureReason: ['required'],
      });
    }
    if (dto.to !== CaseStatus.Closed && dto.closureReason !== undefined) {
      throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: closureReason', {
        closureReason: ['onlyWhenClosing'],
      });
    }
    await this.caseAccess.requireCase(user, id, 'write');
    try {
      return await this.dataSource.transaction(async (em) => {
        const caseFile = await this.lockedCase(em, id);
        const from = caseFile.status;
        assertCaseTransition(from, dto.to);
        if (dto.to === CaseStatus.Reopened && !user.permissions.has(Permission.CaseAssign)) {
          throw new ForbiddenError('Only supervisors reopen closed cases');
        }
        const closing = dto.to === CaseStatus.Closed;
        caseFile.status = dto.to;
        caseFile.closureReason = closing ? dto.closureReason! : null;
        caseFile.closedAt = closing ? new Date() : null;
        const saved = await this.cases.save(em, caseFile);
        await this.cases.addStatusChange(em, {
          caseId: id,
          fromStatus: from,
          toStatus: dto.to,
          closureReason: saved.closureReason,
          note: dto.note ?? null,
          changedByUserId: user.id,
        });
        const changes: AuditChanges = { status: { from, to: dto.to } };
        if (closing) changes.closureReason = { to: saved.closureReason };
        if (dto.note !== undefined) changes.note = {};
        await this.audit.record(em, user, {
          action: AuditAction.CaseStatusChanged,
          entityType: AuditEntity.Case,
          entityId: id,
          organisationId: saved.organisationId,
          changes,
        });
        return this.response(em, saved);
      });
    } catch (error) {
      // Reopening while another case of the type was opened for the same person or household.
      if (!OPEN_CASE_CONSTRAINTS.has(violatedUniqueConstraint(error) ?? '')) throw error;
      const caseFile = await this.cases.find(this.dataSource.manager, id);
      if (!caseFile) throw error;
      throw await this.alreadyOpen(user, subjectOf(caseFile), caseFile.type, id);
    }
  }

  /**
   * A supervisor gives the case to a caseworker or supervisor of its unit, or unassigns it
   * (`null`). Only supervisors of the case's unit assign its cases.
   */
  async assign(user: AuthUser, id: string, dto: AssignCaseDto): Promise<CaseResponseDto> {
    await this.caseAccess.requireCase(user, id, 'write');
    return this.dataSource.transaction(async (em) => {
      const caseFile = await this.lockedCase(em, id);
      this.requireOwnUnit(user, caseFile.unitId);
      assertNotClosed(caseFile);
      if (dto.assignedUserId !== null)
        await this.caseAccess.requireAssignable(em, caseFile, dto.assignedUserId);
      const from = caseFile.assignedUserId;
      if (from === dto.assignedUserId) return this.response(em, caseFile);
      caseFile.assignedUserId = dto.assignedUserId;
      const saved = await this.cases.save(em, caseFile);
      await this.cases.addAssignment(em, {
        caseId: id,
        assignedUserId: dto.assignedUserId,
        assignedByUserId: user.id,
        note: dto.note ?? null,
      });
      const changes: AuditChanges = { assignedUserId: { from, to: dto.assignedUserId } };
      if (dto.note !== undefined) changes.note = {};
      await this.audit.record(em, user, {
        action: AuditAction.CaseAssigned,
        entityType: AuditEntity.Case,
        entityId: id,
        organisationId: saved.organisationId,
        changes,
      });
      return this.response(em, saved);
    });
  }

  async history(
    user: AuthUser,
    id: string,
    query: { limit: number; cursor?: string },
  ): Promise<Page<CaseHistoryItemDto>> {
    const after = parseHistoryCursor(query.cursor);
    await this.caseAccess.requireCase(user, id, 'read');
    const rows = await this.cases.historyPage(this.dataSource.manager, id, query.limit, after);
    return toPage(rows, query.limit, (r) => [r.atKey, r.rank, r.id], toHistoryItem);
  }

  private async lockedCase(em: EntityManager, id: string): Promise<CaseFile> {
    const caseFile = await this.cases.findForUpdate(em, id);
    if (!caseFile) throw new NotFoundError();
    return caseFile;
  }

  /** Supervisors assign only cases of units they belong to. */
  private requireOwnUnit(user: AuthUser, unitId: string): void {
    if (!user.unitIds.includes(unitId)) {
      throw new ForbiddenError('Supervisors assign cases of their own units only', {
        unitId: ['notYourUnit'],
      });
    }
  }

  private async requireVisibleSubject(user: AuthUser, subject: CaseSubject): Promise<void> {
    const [resource, field, id] =
      'beneficiaryId' in subject
        ? [Resource.Beneficiary, 'beneficiaryId', subject.beneficiaryId]
        : [Resource.Household, 'householdId', subject.householdId];
    const visible = await this.access.allowedIds(user, resource, [id], 'read');
    if (!visible.has(id)) {
      throw new BusinessRuleError(
        ErrorCode.ReferencedRecordNotFound,
        'beneficiaryId' in subject ? 'No such beneficiary' : 'No such household',
        { [field]: ['notFound'] },
      );
    }
  }

  /** 409 CASE_ALREADY_OPEN, naming the open case only if the caller may read it. */
  private async alreadyOpen(
    user: AuthUser,
    subject: CaseSubject,
    type: CaseFile['type'],
    exceptId?: string,
  ): Promise<ConflictError> {
    const existing = await this.cases.openCaseIdOf(
      this.dataSource.manager,
      user.organisationId,
      subject,
      type,
    );
    const field = 'beneficiaryId' in subject ? 'beneficiaryId' : 'householdId';
    const details: Record<string, unknown> = { [field]: ['caseOfTypeOpen'] };
    if (existing && existing !== exceptId && (await this.caseAccess.mayRead(user, existing))) {
      details.existingCaseId = existing;
    }
    return new ConflictError(
      ErrorCode.CaseAlreadyOpen,
      `A ${type} case is already open for this ${field === 'beneficiaryId' ? 'person' : 'household'}`,
      details,
    );
  }

  private async response(em: EntityManager, caseFile: CaseFile): Promise<CaseResponseDto> {
    return (await this.responses(em, [caseFile]))[0];
  }

  /** Responses for cases, with assignee names and latest assessments in two queries in all. */
  private async responses(em: EntityManager, rows: CaseFile[]): Promise<CaseResponseDto[]> {
    const names = await this.cases.displayNamesOf(
      em,
      rows.flatMap((c) => (c.assignedUserId ? [c.assignedUserId] : [])),
    );
    const assessments = await this.cases.latestAssessmentsOf(
      em,
      rows.map((c) => c.id),
    );
    return rows.map((c) => toCaseResponse(c, names, assessments.get(c.id)));
  }
}

function subjectOf(caseFile: CaseFile): CaseSubject {
  return caseFile.beneficiaryId
    ? { beneficiaryId: caseFile.beneficiaryId }
    : { householdId: caseFile.householdId! };
}

function subjectChange(subject: CaseSubject): AuditChanges {
  return 'beneficiaryId' in subject
    ? { beneficiaryId: { to: subject.beneficiaryId } }
    : { householdId: { to: subject.householdId } };
}

function toCaseResponse(
  c: CaseFile,
  names: Map<string, string>,
  assessment: LatestAssessmentRow | undefined,
): CaseResponseDto {
  return {
    id: c.id,
    organisationId: c.organisationId,
    beneficiaryId: c.beneficiaryId,
    householdId: c.householdId,
    type: c.type,
    unitId: c.unitId,
    riskLevel: c.riskLevel,
    status: c.status,
    allowedTransitions: [...allowedTransitions(c.status)],
    closureReason: c.closureReason,
    summary: c.summary,
    assignedUserId: c.assignedUserId,
    assignedUser: c.assignedUserId
      ? { id: c.assignedUserId, displayName: names.get(c.assignedUserId) ?? '' }
      : null,
    latestAssessment: assessment
      ? {
          id: assessment.id,
          score: assessment.score,
          level: assessment.level,
          method: assessment.method,
          assessedAt: assessment.assessedAt,
        }
      : null,
    openedByUserId: c.openedByUserId,
    openedAt: c.openedAt,
    closedAt: c.closedAt,
    updatedAt: c.updatedAt,
  };
}

function toHistoryItem(r: HistoryRow): CaseHistoryItemDto {
  return {
    kind: r.kind === 'status_change' ? CaseHistoryKind.StatusChange : CaseHistoryKind.Assignment,
    id: r.id,
    at: r.at,
    byUserId: r.byUserId,
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    closureReason: r.closureReason,
    assignedUserId: r.assignedUserId,
    note: r.note,
  };
}
