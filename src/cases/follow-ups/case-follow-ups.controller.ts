import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../../auth/decorators/require-permissions.decorator';
import { Permission } from '../../auth/permissions';
import { ApiErrorDto } from '../../common/errors/api-error.dto';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IdParam } from '../../common/validation/id-param';
import { CaseFollowUpsService } from './case-follow-ups.service';
import {
  CompleteFollowUpDto,
  CreateFollowUpDto,
  FollowUpPageDto,
  FollowUpResponseDto,
  ListFollowUpsQuery,
} from './dto/follow-up.dto';

@ApiTags('Cases')
@Controller()
export class CaseFollowUpsController {
  constructor(private readonly followUps: CaseFollowUpsService) {}

  /** Schedules a follow-up on a case that is not closed, due today or later; by default for the case's assignee. */
  @Post('cases/:id/follow-ups')
  @RequirePermissions(Permission.CaseWrite)
  @ApiCreatedResponse({ type: FollowUpResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The case is closed (CASE_CLOSED)' })
  scheduleFollowUp(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: CreateFollowUpDto,
  ): Promise<FollowUpResponseDto> {
    return this.followUps.schedule(user, id, dto);
  }

  /** The case's follow-ups by due date. */
  @Get('cases/:id/follow-ups')
  @RequirePermissions(Permission.CaseRead)
  @ApiOkResponse({ type: FollowUpPageDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  listCaseFollowUps(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: PageQueryDto,
  ): Promise<FollowUpPageDto> {
    return this.followUps.listForCase(user, id, query);
  }

  /**
   * Follow-ups of the cases the caller may read, by due date; `overdue=true` with `assignedUserId`
   * or `unitId` gives the overdue list per caseworker or unit.
   */
  @Get('follow-ups')
  @RequirePermissions(Permission.CaseRead)
  @ApiOkResponse({ type: FollowUpPageDto })
  listFollowUps(@CurrentUser() user: AuthUser, @Query() query: ListFollowUpsQuery): Promise<FollowUpPageDto> {
    return this.followUps.list(user, query);
  }

  /** Marks a follow-up done, with an optional outcome; only once. */
  @Post('follow-ups/:id/completion')
  @HttpCode(200)
  @RequirePermissions(Permission.CaseWrite)
  @ApiOkResponse({ type: FollowUpResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description: 'Already completed (FOLLOW_UP_COMPLETED), or the case is closed (CASE_CLOSED)',
  })
  completeFollowUp(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: CompleteFollowUpDto,
  ): Promise<FollowUpResponseDto> {
    return this.followUps.complete(user, id, dto);
  }
}
