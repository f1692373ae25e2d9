import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../auth/decorators/require-permissions.decorator';
import { Permission } from '../auth/permissions';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import { PageQueryDto } from '../common/pagination/pagination';
import { IdParam } from '../common/validation/id-param';
import { CasesService } from './cases.service';
import {
  AssignCaseDto,
  CaseHistoryPageDto,
  CasePageDto,
  CaseResponseDto,
  CreateCaseDto,
  ListCasesQuery,
  TransitionCaseDto,
  UpdateCaseDto,
} from './dto/case.dto';

@ApiTags('Cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /** Cases in the caller's scope, newest first; filter by status (repeatable), type, unit, assignee, risk, subject and opening date. */
  @Get()
  @RequirePermissions(Permission.CaseRead)
  @ApiOkResponse({ type: CasePageDto })
  listCases(@CurrentUser() user: AuthUser, @Query() query: ListCasesQuery): Promise<CasePageDto> {
    return this.cases.list(user, query);
  }

  /**
   * Opens a case for a beneficiary or a household, in a unit, with a risk level. At most one case
   * of a type is open per person or household (409 CASE_ALREADY_OPEN).
   */
  @Post()
  @RequirePermissions(Permission.CaseWrite)
  @ApiCreatedResponse({ type: CaseResponseDto })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description: 'A case of this type is already open (CASE_ALREADY_OPEN)',
  })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description: 'Unknown subject or unit (REFERENCED_RECORD_NOT_FOUND), or an assignee outside the unit',
  })
  openCase(@CurrentUser() user: AuthUser, @Body() dto: CreateCaseDto): Promise<CaseResponseDto> {
    return this.cases.open(user, dto);
  }

  /** One case with its status, allowed transitions, assignee and latest assessment score. */
  @Get(':id')
  @RequirePermissions(Permission.CaseRead)
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getCase(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<CaseResponseDto> {
    return this.cases.get(user, id);
  }

  /** Changes the risk level or the summary of a case that is not closed. */
  @Patch(':id')
  @RequirePermissions(Permission.CaseWrite)
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The case is closed (CASE_CLOSED)' })
  updateCase(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateCaseDto,
  ): Promise<CaseResponseDto> {
    return this.cases.update(user, id, dto);
  }

  /**
   * Moves the case to another status along the transition table; closing needs a closure reason,
   * reopening a supervisor (case.assign).
   */
  @Post(':id/transitions')
  @HttpCode(200)
  @RequirePermissions(Permission.CaseWrite)
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Closure reason missing, or given when not closing',
  })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description:
      'Not allowed from the current status (INVALID_CASE_TRANSITION), or reopening clashes with an open case',
  })
  transitionCase(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: TransitionCaseDto,
  ): Promise<CaseResponseDto> {
    return this.cases.transition(user, id, dto);
  }

  /** Assigns the case to a caseworker or supervisor of its unit, or unassigns it; supervisors of the unit only. */
  @Put(':id/assignment')
  @RequirePermissions(Permission.CaseAssign)
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The case is closed (CASE_CLOSED)' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'The assignee is not in the unit' })
  assignCase(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: AssignCaseDto,
  ): Promise<CaseResponseDto> {
    return this.cases.assign(user, id, dto);
  }

  /** The case's status changes and assignments, newest first. */
  @Get(':id/history')
  @RequirePermissions(Permission.CaseRead)
  @ApiOkResponse({ type: CaseHistoryPageDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getCaseHistory(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: PageQueryDto,
  ): Promise<CaseHistoryPageDto> {
    return this.cases.history(user, id, query);
  }
}
