import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../../auth/decorators/require-permissions.decorator';
import { Permission } from '../../auth/permissions';
import { ApiErrorDto } from '../../common/errors/api-error.dto';
import { IdParam } from '../../common/validation/id-param';
import { DuplicateAidFlagsService } from './duplicate-aid-flags.service';
import {
  DuplicateAidFlagDto,
  DuplicateAidFlagPageDto,
  ListDuplicateAidFlagsQuery,
  ReviewDuplicateAidFlagDto,
} from './dto/duplicate-aid-flag.dto';

@ApiTags('Duplicate aid')
@Controller('duplicate-aid-flags')
export class DuplicateAidFlagsController {
  constructor(private readonly flags: DuplicateAidFlagsService) {}

  /** Duplicate-aid flags with a record of the caller's organisation, newest first; filter by status, round and rule. */
  @Get()
  @RequirePermissions(Permission.DuplicateReview)
  @ApiOkResponse({ type: DuplicateAidFlagPageDto })
  listDuplicateAidFlags(
    @CurrentUser() user: AuthUser,
    @Query() query: ListDuplicateAidFlagsQuery,
  ): Promise<DuplicateAidFlagPageDto> {
    return this.flags.list(user, query);
  }

  /** One flag: the rule, the amount beyond it, and its records (other organisations' only in outline). */
  @Get(':id')
  @RequirePermissions(Permission.DuplicateReview)
  @ApiOkResponse({ type: DuplicateAidFlagDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getDuplicateAidFlag(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<DuplicateAidFlagDto> {
    return this.flags.get(user, id);
  }

  /** Confirms the flag (with what was done: recovered or written off) or dismisses it, with a note. Once. */
  @Post(':id/review')
  @HttpCode(200)
  @RequirePermissions(Permission.DuplicateReview)
  @ApiOkResponse({ type: DuplicateAidFlagDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Resolution missing when confirming, or given when dismissing; note missing',
  })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Reviewed already (FLAG_ALREADY_REVIEWED)' })
  reviewDuplicateAidFlag(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: ReviewDuplicateAidFlagDto,
  ): Promise<DuplicateAidFlagDto> {
    return this.flags.review(user, id, dto);
  }
}
