import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../auth/access/access.service';
import { Resource } from '../auth/access/scope-rules';
import type { AuthUser } from '../auth/auth-user';
import { BadRequestError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { Page, parseCursor, toPage } from '../common/pagination/pagination';
import { AuditAction, AuditEntity } from './audit-action';
import { AuditEvent } from './audit-event.entity';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditService } from './audit.service';
import { AuditEventResponseDto } from './dto/audit-event-response.dto';
import { ListAuditEventsQuery } from './dto/list-audit-events.query';

/** The audit log as the data protection officer reads it. Reading it is itself audited. */
@Injectable()
export class AuditEventsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: AuditEventsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, query: ListAuditEventsQuery): Promise<Page<AuditEventResponseDto>> {
    const beforeId = query.cursor ? cursorId(query.cursor) : undefined;
    if (query.from && query.to && query.from > query.to) {
      throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: to', { to: ['afterFrom'] });
    }
    return this.dataSource.transaction(async (em) => {
      const qb = this.events.filteredQuery(em, query, beforeId);
      const rows = await this.access.applyScope(qb, user, Resource.AuditEvent, 'ae').getMany();
      await this.audit.record(em, user, {
        action: AuditAction.AuditLogRead,
        entityType: AuditEntity.AuditLog,
        organisationId: user.organisationId,
      });
      return toPage(rows, query.limit, (r) => [r.id], toAuditEventResponse);
    });
  }
}

function cursorId(cursor: string): string {
  const [id] = parseCursor(cursor, ['string'])!;
  if (!/^\d{1,19}$/.test(String(id))) {
    throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: cursor', { cursor: ['invalid'] });
  }
  return String(id);
}

function toAuditEventResponse(e: AuditEvent): AuditEventResponseDto {
  return {
    id: e.id,
    occurredAt: e.occurredAt,
    actorUserId: e.actorUserId,
    actorOrganisationId: e.actorOrganisationId,
    actorRole: e.actorRole,
    action: e.action as AuditAction,
    entityType: e.entityType as AuditEntity,
    entityId: e.entityId,
    organisationId: e.organisationId,
    fieldsRead: e.fieldsRead,
    changes: e.changes,
    ip: e.ip,
    userAgent: e.userAgent,
    requestId: e.requestId,
  };
}
