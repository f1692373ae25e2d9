import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../auth/decorators/require-permissions.decorator';
import { Permission } from '../auth/permissions';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import { IdParam } from '../common/validation/id-param';
import { TimelinePageDto, TimelineQuery } from './dto/timeline.dto';
import { TimelineService } from './timeline.service';

@ApiTags('Beneficiaries')
@Controller('beneficiaries')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  /** A person's history, newest first, as far as the caller may see it: ids and codes, never free text. */
  @Get(':id/timeline')
  @RequirePermissions(Permission.BeneficiaryRead)
  @ApiOkResponse({ type: TimelinePageDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getBeneficiaryTimeline(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: TimelineQuery,
  ): Promise<TimelinePageDto> {
    return this.timeline.forBeneficiary(user, id, query);
  }
}
