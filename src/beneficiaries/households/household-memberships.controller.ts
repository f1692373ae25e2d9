import { Body, Controller, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
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
import {
  EndHouseholdMembershipDto,
  HouseholdMembershipResponseDto,
  UpdateHouseholdMembershipDto,
} from './dto/household.dto';
import { HouseholdsService } from './households.service';

@ApiTags('Households')
@Controller('household-memberships')
export class HouseholdMembershipsController {
  constructor(private readonly households: HouseholdsService) {}

  /** Changes a current member's relationship to the head (at most one head per household). */
  @Patch(':id')
  @RequirePermissions(Permission.BeneficiaryWrite)
  @ApiOkResponse({ type: HouseholdMembershipResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiForbiddenResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'HOUSEHOLD_HAS_HEAD or MEMBERSHIP_ENDED' })
  updateHouseholdMembership(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateHouseholdMembershipDto,
  ): Promise<HouseholdMembershipResponseDto> {
    return this.households.updateMembership(user, id, dto);
  }

  /** Ends a membership with an exit reason; the membership stays in the household's history. */
  @Post(':id/end')
  @HttpCode(200)
  @RequirePermissions(Permission.BeneficiaryWrite)
  @ApiOkResponse({ type: HouseholdMembershipResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiForbiddenResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'MEMBERSHIP_ENDED' })
  endHouseholdMembership(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: EndHouseholdMembershipDto,
  ): Promise<HouseholdMembershipResponseDto> {
    return this.households.endMembership(user, id, dto);
  }
}
