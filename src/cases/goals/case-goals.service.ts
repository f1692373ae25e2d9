import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction, AuditEntity } from '../../audit/audit-action';
import { AuditService, diffForAudit } from '../../audit/audit.service';
import type { AuthUser } from '../../auth/auth-user';
import { definedFields } from '../../common/defined';
import { NotFoundError } from '../../common/errors/domain-error';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { CaseAccess } from '../case-access.service';
import { GoalStatus } from '../case-codes';
import { parseIdCursor } from '../case-cursor';
import { CaseGoal } from '../entities/case-goal.entity';
import { CaseGoalsRepository } from './case-goals.repository';
import { CreateGoalDto, GoalResponseDto, UpdateGoalDto } from './dto/goal.dto';

/** Goals of a case plan, with their status. Descriptions are free text: audited only as changed. */
@Injectable()
export class CaseGoalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly goals: CaseGoalsRepository,
    private readonly caseAccess: CaseAccess,
    private readonly audit: AuditService,
  ) {}

  async create(user: AuthUser, caseId: string, dto: CreateGoalDto): Promise<GoalResponseDto> {
    await this.caseAccess.requireCase(user, caseId, 'write');
    return this.dataSource.transaction(async (em) => {
      const caseFile = await this.caseAccess.lockOpenCase(em, caseId);
      const goal = await this.goals.insert(em, {
        caseId,
        description: dto.description,
        status: dto.status ?? GoalStatus.NotStarted,
        targetDate: dto.targetDate ?? null,
        createdByUserId: user.id,
      });
      await this.audit.record(em, user, {
        action: AuditAction.GoalCreated,
        entityType: AuditEntity.Case,
        entityId: caseId,
        organisationId: caseFile.organisationId,
        changes: {
          goalId: { to: goal.id },
          status: { to: goal.status },
          targetDate: { to: goal.targetDate },
          description: {},
        },
      });
      return toGoalResponse(goal);
    });
  }

  async list(user: AuthUser, caseId: string, query: PageQueryDto): Promise<Page<GoalResponseDto>> {
    const afterId = parseIdCursor(query.cursor);
    await this.caseAccess.requireCase(user, caseId, 'read');
    const rows = await this.goals.page(this.dataSource.manager, caseId, query.limit, afterId);
    return toPage(rows, query.limit, (g) => [g.id], toGoalResponse);
  }

  async update(user: AuthUser, id: string, dto: UpdateGoalDto): Promise<GoalResponseDto> {
    const caseId = await this.goals.caseIdOf(this.dataSource.manager, id);
    if (!caseId) throw new NotFoundError();
    await this.caseAccess.requireCase(user, caseId, 'write');
    return this.dataSource.transaction(async (em) => {
      const caseFile = await this.caseAccess.lockOpenCase(em, caseId);
      const goal = await this.goals.getForUpdate(em, id);
      const sent = definedFields(dto);
      const changes = diffForAudit(
        { description: goal.description, status: goal.status, targetDate: goal.targetDate },
        sent,
        ['description'],
      );
      if (!Object.keys(changes).length) return toGoalResponse(goal);
      Object.assign(goal, sent);
      const saved = await this.goals.save(em, goal);
      await this.audit.record(em, user, {
        action: AuditAction.GoalUpdated,
        entityType: AuditEntity.Case,
        entityId: caseId,
        organisationId: caseFile.organisationId,
        changes: { goalId: { to: id }, ...changes },
      });
      return toGoalResponse(saved);
    });
  }
}

function toGoalResponse(g: CaseGoal): GoalResponseDto {
  return {
    id: g.id,
    caseId: g.caseId,
    description: g.description,
    status: g.status,
    targetDate: g.targetDate,
    createdByUserId: g.createdByUserId,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  };
}
