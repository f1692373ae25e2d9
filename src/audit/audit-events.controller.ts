import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../auth/decorators/require-permissions.decorator';
import { Permission } from '../auth/permissions';
import { AuditEventsService } from './audit-events.service';
import { AuditEventPageDto } from './dto/audit-event-response.dto';
import { ListAuditEventsQuery } from './dto/list-audit-events.query';

@ApiTags('Audit')
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly auditEvents: AuditEventsService) {}

  /** The audit log, newest first, filtered by user, record, action and time. */
  @Get()
  @RequirePermissions(Permission.AuditRead)
  @ApiOkResponse({ type: AuditEventPageDto })
  listAuditEvents(
    @CurrentUser() user: AuthUser,
    @Query() query: ListAuditEventsQuery,
  ): Promise<AuditEventPageDto> {
    return this.auditEvents.list(user, query);
  }
}
