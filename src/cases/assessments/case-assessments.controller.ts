import { Body, Controller, Get, Post, Query } from '@nestjs/common';
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
import { CaseAssessmentsService } from './case-assessments.service';
import { AssessmentPageDto, AssessmentResponseDto, CreateAssessmentDto } from './dto/assessment.dto';

@ApiTags('Cases')
@Controller('cases/:id/assessments')
export class CaseAssessmentsController {
  constructor(private readonly assessments: CaseAssessmentsService) {}

  /**
   * Records a needs assessment of a case that is not closed: coded needs with severities. Answers
   * with the vulnerability score, its level, breakdown and method.
   */
  @Post()
  @RequirePermissions(Permission.CaseWrite)
  @ApiCreatedResponse({ type: AssessmentResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The case is closed (CASE_CLOSED)' })
  recordCaseAssessment(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: CreateAssessmentDto,
  ): Promise<AssessmentResponseDto> {
    return this.assessments.record(user, id, dto);
  }

  /** The case's needs assessments, newest (current) first. */
  @Get()
  @RequirePermissions(Permission.CaseRead)
  @ApiOkResponse({ type: AssessmentPageDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  listCaseAssessments(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: PageQueryDto,
  ): Promise<AssessmentPageDto> {
    return this.assessments.list(user, id, query);
  }
}
