import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
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
  CreateDistributionRoundDto,
  DistributionRoundDetailDto,
  DistributionRoundPageDto,
  ListDistributionRoundsQuery,
  RoundItemResponseDto,
  RoundItemRuleDto,
  RoundTotalsDto,
  UpdateDistributionRoundDto,
} from './dto/distribution-round.dto';
import { RoundsService } from './rounds.service';

@ApiTags('Aid distribution')
@Controller('distribution-rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  /** The distribution rounds of the caller's organisation, latest start first; filter by a day they cover. */
  @Get()
  @RequirePermissions()
  @ApiOkResponse({ type: DistributionRoundPageDto })
  listDistributionRounds(
    @CurrentUser() user: AuthUser,
    @Query() query: ListDistributionRoundsQuery,
  ): Promise<DistributionRoundPageDto> {
    return this.rounds.list(user, query);
  }

  /** Creates a round with its period, locations, eligibility criteria and items with their rules. */
  @Post()
  @RequirePermissions(Permission.CatalogueManage)
  @ApiCreatedResponse({ type: DistributionRoundDetailDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The organisation has a round of this name' })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description: "An aid item is not an active item of the round's organisation",
  })
  createDistributionRound(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateDistributionRoundDto,
  ): Promise<DistributionRoundDetailDto> {
    return this.rounds.create(user, dto);
  }

  /** One round with its items, their rules and their names and categories. */
  @Get(':id')
  @RequirePermissions()
  @ApiOkResponse({ type: DistributionRoundDetailDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getDistributionRound(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
  ): Promise<DistributionRoundDetailDto> {
    return this.rounds.get(user, id);
  }

  /** Changes a round's name, period, locations or eligibility criteria; recorded receipts stay as they are. */
  @Patch(':id')
  @RequirePermissions(Permission.CatalogueManage)
  @ApiOkResponse({ type: DistributionRoundDetailDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The organisation has a round of this name' })
  updateDistributionRound(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateDistributionRoundDto,
  ): Promise<DistributionRoundDetailDto> {
    return this.rounds.update(user, id, dto);
  }

  /** Adds an item to a round with its entitlement rule, or replaces its rule (for later receipts). */
  @Put(':id/items/:aidItemId')
  @RequirePermissions(Permission.CatalogueManage)
  @ApiOkResponse({ type: RoundItemResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description: "The aid item is not an active item of the round's organisation",
  })
  putDistributionRoundItem(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @IdParam('aidItemId') aidItemId: string,
    @Body() dto: RoundItemRuleDto,
  ): Promise<RoundItemResponseDto> {
    return this.rounds.putItem(user, id, aidItemId, dto);
  }

  /** People and households served, quantity and value per item, overrides, voids and open flags of a round. */
  @Get(':id/totals')
  @RequirePermissions(Permission.ReportRun)
  @ApiOkResponse({ type: RoundTotalsDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getDistributionRoundTotals(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<RoundTotalsDto> {
    return this.rounds.totals(user, id);
  }
}
