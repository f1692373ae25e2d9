import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../auth/decorators/require-permissions.decorator';
import { Permission } from '../auth/permissions';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import { ReferralStatisticsDto, ReferralStatisticsQuery } from './dto/referral-statistics.dto';
import { ReferralStatisticsService } from './referral-statistics.service';

/*
 * Registered before ReferralsController (see ReferralsModule), so that `/referrals/statistics` is
 * not read as `/referrals/:id`.
 */
@ApiTags('Referrals')
@Controller('referrals/statistics')
export class ReferralStatisticsController {
  constructor(private readonly statistics: ReferralStatisticsService) {}

  /**
   * Referrals made in a period (UTC days `from` to `to`, at most 366 days apart) received by the
   * caller's organisation (or sent by it, `direction=sent`): counts by receiving unit, status and
   * urgency, and per unit and overall the median hours to accept and to complete and the share
   * answered by the response due date. Aggregates only, never a person.
   */
  @Get()
  @RequirePermissions(Permission.ReferralSupervise)
  @ApiOkResponse({ type: ReferralStatisticsDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'A bad period, direction or unit (VALIDATION_FAILED naming the field and the rule)',
  })
  getReferralStatistics(
    @CurrentUser() user: AuthUser,
    @Query() query: ReferralStatisticsQuery,
  ): Promise<ReferralStatisticsDto> {
    return this.statistics.statistics(user, query);
  }
}
