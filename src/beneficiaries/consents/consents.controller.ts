import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
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
import { ConsentsService } from './consents.service';
import {
  ConsentPageDto,
  ConsentResponseDto,
  ListConsentsQuery,
  RecordConsentDto,
  WithdrawConsentDto,
} from './dto/consent.dto';

@ApiTags('Consents')
@Controller()
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  /**
   * Records a person's decision, given or refused, for a purpose; referral and data sharing name
   * the receiving organisation. A later decision for the same purpose and recipient supersedes it.
   */
  @Post('beneficiaries/:id/consents')
  @RequirePermissions(Permission.BeneficiaryWrite)
  @ApiCreatedResponse({ type: ConsentResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiForbiddenResponse({ type: ApiErrorDto })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description: 'REFERENCED_RECORD_NOT_FOUND: no such recipient',
  })
  recordConsent(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: RecordConsentDto,
  ): Promise<ConsentResponseDto> {
    return this.consents.record(user, id, dto);
  }

  /** A person's consent decisions, newest first; `current=true` gives only those that hold today. */
  @Get('beneficiaries/:id/consents')
  @RequirePermissions(Permission.BeneficiaryRead)
  @ApiOkResponse({ type: ConsentPageDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  listConsents(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: ListConsentsQuery,
  ): Promise<ConsentPageDto> {
    return this.consents.list(user, id, query);
  }

  /** Withdraws a consent decision, with the reason; it no longer counts from today. */
  @Post('consents/:id/withdrawal')
  @HttpCode(200)
  @RequirePermissions(Permission.BeneficiaryWrite)
  @ApiOkResponse({ type: ConsentResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiForbiddenResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'CONSENT_WITHDRAWN' })
  withdrawConsent(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: WithdrawConsentDto,
  ): Promise<ConsentResponseDto> {
    return this.consents.withdraw(user, id, dto);
  }
}
