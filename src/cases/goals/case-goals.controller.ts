import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
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
import { CaseGoalsService } from './case-goals.service';
import { CreateGoalDto, GoalPageDto, GoalResponseDto, UpdateGoalDto } from './dto/goal.dto';

@ApiTags('Cases')
@Controller()
export class CaseGoalsController {
  constructor(private readonly goals: CaseGoalsService) {}

  /** Adds a goal to the plan of a case that is not closed. */
  @Post('cases/:id/goals')
  @RequirePermissions(Permission.CaseWrite)
  @ApiCreatedResponse({ type: GoalResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The case is closed (CASE_CLOSED)' })
  addCaseGoal(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: CreateGoalDto,
  ): Promise<GoalResponseDto> {
    return this.goals.create(user, id, dto);
  }

  /** The goals of the case plan, in the order they were set. */
  @Get('cases/:id/goals')
  @RequirePermissions(Permission.CaseRead)
  @ApiOkResponse({ type: GoalPageDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  listCaseGoals(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: PageQueryDto,
  ): Promise<GoalPageDto> {
    return this.goals.list(user, id, query);
  }

  /** Changes a goal's status, description or target date (`null` clears it). */
  @Patch('case-goals/:id')
  @RequirePermissions(Permission.CaseWrite)
  @ApiOkResponse({ type: GoalResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The case is closed (CASE_CLOSED)' })
  updateCaseGoal(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateGoalDto,
  ): Promise<GoalResponseDto> {
    return this.goals.update(user, id, dto);
  }
}
