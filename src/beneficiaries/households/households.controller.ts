import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../../auth/decorators/require-permissions.decorator';
import { Permission } from '../../auth/permissions';
import { ApiErrorDto } from '../../common/errors/api-error.dto';
import { IdParam } from '../../common/validation/id-param';
import {
  AddHouseholdMemberDto,
  CreateHouseholdDto,
  HouseholdMemberPageDto,
  HouseholdMembershipResponseDto,
  HouseholdResponseDto,
  ListHouseholdMembersQuery,
} from './dto/household.dto';
import { HouseholdsService } from './households.service';

@ApiTags('Households')
@Controller('households')
export class HouseholdsController {
  constructor(private readonly households: HouseholdsService) {}

  /** Registers a household, optionally with its first members; its size is counted from them. */
  @Post()
  @RequirePermissions(Permission.BeneficiaryWrite)
  @ApiCreatedResponse({ type: HouseholdResponseDto })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description: 'REFERENCED_RECORD_NOT_FOUND: a unit or member the caller may not use',
  })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'MEMBER_OF_OTHER_HOUSEHOLD' })
  createHousehold(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateHouseholdDto,
  ): Promise<HouseholdResponseDto> {
    return this.households.create(user, dto);
  }

  /** A household with its current members (names, relationship, since when) and its size. */
  @Get(':id')
  @RequirePermissions(Permission.BeneficiaryLookup)
  @ApiOkResponse({ type: HouseholdResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getHousehold(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<HouseholdResponseDto> {
    return this.households.get(user, id);
  }

  /** A household's members by start date; `includeFormer=true` adds the ended memberships (history). */
  @Get(':id/members')
  @RequirePermissions(Permission.BeneficiaryRead)
  @ApiOkResponse({ type: HouseholdMemberPageDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  listHouseholdMembers(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: ListHouseholdMembersQuery,
  ): Promise<HouseholdMemberPageDto> {
    return this.households.listMembers(user, id, query);
  }

  /**
   * Adds a person to the household. A current member of another household is refused unless
   * `move: true`, which ends that membership the day this one starts.
   */
  @Post(':id/members')
  @RequirePermissions(Permission.BeneficiaryWrite)
  @ApiCreatedResponse({ type: HouseholdMembershipResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiForbiddenResponse({ type: ApiErrorDto })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'REFERENCED_RECORD_NOT_FOUND' })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description: 'MEMBER_OF_OTHER_HOUSEHOLD, ALREADY_HOUSEHOLD_MEMBER or HOUSEHOLD_HAS_HEAD',
  })
  addHouseholdMember(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: AddHouseholdMemberDto,
  ): Promise<HouseholdMembershipResponseDto> {
    return this.households.addMember(user, id, dto);
  }
}
