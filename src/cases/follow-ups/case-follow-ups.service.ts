import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction, AuditEntity } from '../../audit/audit-action';
import { AuditChanges, AuditService } from '../../audit/audit.service';
import { AccessService } from '../../auth/access/access.service';
import { Resource } from '../../auth/access/scope-rules';
import type { AuthUser } from '../../auth/auth-user';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { utcToday } from '../../common/validation/field-rules';
import { CaseAccess } from '../case-access.service';
import { CaseStatus } from '../case-codes';
import { parseIdCursor } from '../case-cursor';
import { CaseFollowUp } from '../entities/case-follow-up.entity';
import { CaseFollowUpsRepository } from './case-follow-ups.repository';
import {
  CompleteFollowUpDto,
  CreateFollowUpDto,
  FollowUpResponseDto,
  ListFollowUpsQuery,
} from './dto/follow-up.dto';

/**
 * Follow-ups of cases: scheduled with a due date, completed once, and listed across cases (the
 * overdue list per caseworker and unit) through the cases the caller may read. "Today" is the
 * UTC date, as for the due date rule.
 */
@Injectable()
export class CaseFollowUpsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly followUps: CaseFollowUpsRepository,
    private readonly caseAccess: CaseAccess,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async schedule(user: AuthUser, caseId: string, dto: CreateFollowUpDto): Promise<FollowUpResponseDto> {
    await this.caseAccess.requireCase(user, caseId, 'write');
    return this.dataSource.transaction(async (em) => {
      const caseFile = await this.caseAccess.lockOpenCase(em, caseId);
      if (dto.assignedUserId !== undefined) {
        await this.caseAccess.requireAssignable(em, caseFile, dto.assignedUserId);
      }
      const followUp = await this.followUps.insert(em, {
        caseId,
        description: dto.description,
        dueOn: dto.dueOn,
        assignedUserId: dto.assignedUserId ?? caseFile.assignedUserId,
        createdByUserId: user.id,
      });
      await this.audit.record(em, user, {
        action: AuditAction.FollowUpCreated,
        entityType: AuditEntity.Case,
        entityId: caseId,
        organisationId: caseFile.organisationId,
        changes: {
          followUpId: { to: followUp.id },
          dueOn: { to: followUp.dueOn },
          assignedUserId: { to: followUp.assignedUserId },
          description: {},
        },
      });
      return toFollowUpResponse(followUp, utcToday());
    });
  }

  async listForCase(user: AuthUser, caseId: string, query: PageQueryDto): Promise<Page<FollowUpResponseDto>> {
    const afterId = parseIdCursor(query.cursor);
    await this.caseAccess.requireCase(user, caseId, 'read');
    const rows = await this.followUps.casePage(this.dataSource.manager, caseId, query.limit, afterId);
    const today = utcToday();
    return toPage(
      rows,
      query.limit,
      (f) => [f.id],
      (f) => toFollowUpResponse(f, today),
    );
  }

  /** Follow-ups of the cases the caller may read, by due date; `overdue=true` for the overdue list. */
  async list(user: AuthUser, query: ListFollowUpsQuery): Promise<Page<FollowUpResponseDto>> {
    const afterId = parseIdCursor(query.cursor);
    const today = utcToday();
    const qb = this.followUps.listQuery(this.dataSource.manager, query, today, afterId);
    const rows = await this.access.applyScope(qb, user, Resource.Case, 'c').getMany();
    return toPage(
      rows,
      query.limit,
      (f) => [f.id],
      (f) => toFollowUpResponse(f, today),
    );
  }

  /** Completes a follow-up once; a second completion is a 409 FOLLOW_UP_COMPLETED. */
  async complete(user: AuthUser, id: string, dto: CompleteFollowUpDto): Promise<FollowUpResponseDto> {
    const caseId = await this.followUps.caseIdOf(this.dataSource.manager, id);
    if (!caseId) throw new NotFoundError();
    await this.caseAccess.requireCase(user, caseId, 'write');
    return this.dataSource.transaction(async (em) => {
      const caseFile = await this.caseAccess.lockOpenCase(em, caseId);
      const followUp = await this.followUps.getForUpdate(em, id);
      if (followUp.completedAt) {
        throw new ConflictError(ErrorCode.FollowUpCompleted, 'This follow-up is already completed', {
          completedAt: followUp.completedAt.toISOString(),
        });
      }
      await this.followUps.complete(em, followUp, user.id, dto.outcome ?? null);
      const changes: AuditChanges = { followUpId: { to: id }, completed: { from: false, to: true } };
      if (dto.outcome !== undefined) changes.outcome = {};
      await this.audit.record(em, user, {
        action: AuditAction.FollowUpCompleted,
        entityType: AuditEntity.Case,
        entityId: caseId,
        organisationId: caseFile.organisationId,
        changes,
      });
      return toFollowUpResponse(followUp, utcToday());
    });
  }
}

function toFollowUpResponse(f: CaseFollowUp, today: string): FollowUpResponseDto {
  const caseFile = f.case!;
  return {
    id: f.id,
    caseId: f.caseId,
    unitId: caseFile.unitId,
    description: f.description,
    dueOn: f.dueOn,
    assignedUserId: f.assignedUserId,
    isOverdue: f.completedAt === null && f.dueOn < today && caseFile.status !== CaseStatus.Closed,
    createdByUserId: f.createdByUserId,
    createdAt: f.createdAt,
    completedAt: f.completedAt,
    completedByUserId: f.completedByUserId,
    outcome: f.outcome,
  };
}
