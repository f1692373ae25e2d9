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
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../auth/decorators/require-permissions.decorator';
import { Permission } from '../auth/permissions';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import { IdParam } from '../common/validation/id-param';
import {
  CreateReferralDto,
  ListReferralsQuery,
  ReferralPageDto,
  ReferralResponseDto,
  ReferralSharedInformationDto,
  ReferralTransitionResponseDto,
  TransitionReferralDto,
} from './dto/referral.dto';
import { ReferralsService } from './referrals.service';

@ApiTags('Referrals')
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  /**
   * Refers a person to a unit of the caller's organisation or of a partner. To another
   * organisation it needs the person's current referral consent for it, covering every shared field
   * (422 CONSENT_REQUIRED), unless `consentOverrideReason` is given with referral.override_consent.
   * Partner staff refer people in to the host with `subject` and `consentReference`.
   */
  @Post()
  @RequirePermissions(Permission.ReferralCreate)
  @ApiCreatedResponse({ type: ReferralResponseDto })
  @ApiForbiddenResponse({
    type: ApiErrorDto,
    description: 'Overriding consent without referral.override_consent',
  })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description:
      'No current consent (CONSENT_REQUIRED), an unknown person, case, unit or service type (REFERENCED_RECORD_NOT_FOUND), a retired service type',
  })
  createReferral(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateReferralDto,
  ): Promise<ReferralResponseDto> {
    return this.referrals.create(user, dto);
  }

  /**
   * Referrals in the caller's scope, newest first: a unit's inbox with `direction=received&unitId=`,
   * by status and urgency (both repeatable); `overdue=true` lists those past a due date.
   */
  @Get()
  @RequirePermissions(Permission.ReferralRead)
  @ApiOkResponse({ type: ReferralPageDto })
  listReferrals(@CurrentUser() user: AuthUser, @Query() query: ListReferralsQuery): Promise<ReferralPageDto> {
    return this.referrals.list(user, query);
  }

  /** One referral: who sent it to whom, why, what it shares, its status and due dates. */
  @Get(':id')
  @RequirePermissions(Permission.ReferralRead)
  @ApiOkResponse({ type: ReferralResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getReferral(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<ReferralResponseDto> {
    return this.referrals.get(user, id);
  }

  /** The referral's history, oldest first: every status it passed through, who moved it, when and why. */
  @Get(':id/transitions')
  @RequirePermissions(Permission.ReferralRead)
  @ApiOkResponse({ type: ReferralTransitionResponseDto, isArray: true })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  listReferralTransitions(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
  ): Promise<ReferralTransitionResponseDto[]> {
    return this.referrals.history(user, id);
  }

  /**
   * Accepts, rejects (reason), starts, completes (outcome, optionally with the service delivered),
   * closes (reason) or withdraws (reason) a referral. An invalid move is 409
   * INVALID_REFERRAL_TRANSITION naming the current and allowed statuses; of two concurrent answers
   * one wins and the other gets that 409.
   */
  @Post(':id/transitions')
  @HttpCode(200)
  @RequirePermissions(Permission.ReferralRespond)
  @ApiOkResponse({ type: ReferralResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description: 'Not allowed from the current status (INVALID_REFERRAL_TRANSITION)',
  })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description:
      "The other side's move (NOT_YOUR_SIDE_OF_REFERRAL), or an inbound referral accepted without a person (BENEFICIARY_LINK_REQUIRED)",
  })
  transitionReferral(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: TransitionReferralDto,
  ): Promise<ReferralResponseDto> {
    return this.referrals.transition(user, id, dto);
  }

  /**
   * What the referral shares about the person, for the receiving side while it is accepted or in
   * progress: the names and the listed fields, and the case summary if shared. 404 before and after;
   * 422 CONSENT_WITHDRAWN once the consent it rests on no longer holds. Audited.
   */
  @Get(':id/shared')
  @RequirePermissions(Permission.ReferralRead)
  @ApiOkResponse({ type: ReferralSharedInformationDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description: 'The consent no longer holds (CONSENT_WITHDRAWN)',
  })
  getReferralSharedInformation(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
  ): Promise<ReferralSharedInformationDto> {
    return this.referrals.sharedInformation(user, id);
  }
}

@ApiTags('Referrals')
@Controller('cases/:id/referrals')
export class CaseReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  /** Referrals made from the case, newest first, with their status and outcome. */
  @Get()
  @RequirePermissions(Permission.CaseRead, Permission.ReferralRead)
  @ApiOkResponse({ type: ReferralPageDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  listCaseReferrals(
    @CurrentUser() user: AuthUser,
    @IdParam() caseId: string,
    @Query() query: ListReferralsQuery,
  ): Promise<ReferralPageDto> {
    return this.referrals.listForCase(user, caseId, query);
  }
}
