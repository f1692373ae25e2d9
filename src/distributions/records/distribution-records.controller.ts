import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../../auth/decorators/require-permissions.decorator';
import { Permission } from '../../auth/permissions';
import { ApiErrorDto } from '../../common/errors/api-error.dto';
import { IdParam } from '../../common/validation/id-param';
import { IdempotencyService } from '../../idempotency/idempotency.service';
import {
  DistributionPageDto,
  DistributionResponseDto,
  ListDistributionsQuery,
  RecordDistributionDto,
  VoidDistributionDto,
} from './dto/distribution.dto';
import { DistributionRecordsService } from './distribution-records.service';

@ApiTags('Distributions')
@Controller('distributions')
export class DistributionRecordsController {
  constructor(
    private readonly distributions: DistributionRecordsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Records an item handed to a person, after checking the round's criteria and the item's rule
   * (per person or per household) in one transaction that holds under concurrency. Refused: 409
   * ENTITLEMENT_EXCEEDED naming the rule, the day of the next entitlement and the earlier records;
   * 422 NOT_ELIGIBLE naming the criteria. Supervisors may record despite them with `override`.
   * Requires an `Idempotency-Key`: the same key and body gets the first answer again (header
   * `Idempotent-Replayed: true`), another body 422, a request still running 409.
   */
  @Post()
  @HttpCode(201)
  @RequirePermissions(Permission.DistributionRecord)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '8 to 200 of A-Z a-z 0-9 . _ : -' })
  @ApiCreatedResponse({ type: DistributionResponseDto })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description:
      'A rule refuses it (ENTITLEMENT_EXCEEDED), or the key is in flight (IDEMPOTENCY_KEY_IN_FLIGHT)',
  })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description:
      'Not eligible (NOT_ELIGIBLE), outside the round (OUTSIDE_ROUND_PERIOD), the key reused (IDEMPOTENCY_KEY_REUSED), unknown person, round or item',
  })
  async recordDistribution(
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: RecordDistributionDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DistributionResponseDto> {
    const result = await this.idempotency.run(user, key, 'POST /distributions', dto, async () => ({
      status: 201,
      body: await this.distributions.record(user, dto),
    }));
    res.status(result.status);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  /** The organisation's distribution records, newest first; by round, item, person, household, dates. */
  @Get()
  @RequirePermissions(Permission.DistributionRead)
  @ApiOkResponse({ type: DistributionPageDto })
  listDistributions(
    @CurrentUser() user: AuthUser,
    @Query() query: ListDistributionsQuery,
  ): Promise<DistributionPageDto> {
    return this.distributions.list(user, query);
  }

  /** One distribution record, with its void if it was voided. */
  @Get(':id')
  @RequirePermissions(Permission.DistributionRead)
  @ApiOkResponse({ type: DistributionResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getDistribution(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<DistributionResponseDto> {
    return this.distributions.get(user, id);
  }

  /**
   * Voids a record with a reason: it stays, marked, and no longer counts for the rules. A
   * distribution officer voids what they recorded, a supervisor any record of the organisation.
   */
  @Post(':id/void')
  @HttpCode(200)
  @RequirePermissions(Permission.DistributionRecord)
  @ApiOkResponse({ type: DistributionResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Voided already (ALREADY_VOIDED)' })
  voidDistribution(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: VoidDistributionDto,
  ): Promise<DistributionResponseDto> {
    return this.distributions.void(user, id, dto);
  }
}
