import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../auth/decorators/require-permissions.decorator';
import { Permission } from '../auth/permissions';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import { IdParam } from '../common/validation/id-param';
import {
  CreateOrganisationDto,
  ListOrganisationsQuery,
  OrganisationPageDto,
  OrganisationResponseDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('Organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  /** Organisations in the caller's scope: all of them for the host's administrators, else their own. */
  @Get()
  @RequirePermissions(Permission.OrganisationManage)
  @ApiOkResponse({ type: OrganisationPageDto })
  listOrganisations(
    @CurrentUser() user: AuthUser,
    @Query() query: ListOrganisationsQuery,
  ): Promise<OrganisationPageDto> {
    return this.organisations.list(user, query);
  }

  /** Adds a partner NGO or public body (or, once, the host). Host administrators only. */
  @Post()
  @RequirePermissions(Permission.OrganisationManage)
  @ApiCreatedResponse({ type: OrganisationResponseDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Name taken, or a second host' })
  createOrganisation(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateOrganisationDto,
  ): Promise<OrganisationResponseDto> {
    return this.organisations.create(user, dto);
  }

  /** One organisation, if it is in the caller's scope. */
  @Get(':id')
  @RequirePermissions(Permission.OrganisationManage)
  @ApiOkResponse({ type: OrganisationResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getOrganisation(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<OrganisationResponseDto> {
    return this.organisations.get(user, id);
  }

  /** Renames, changes the kind, or deactivates (`isActive: false`) or reactivates an organisation. */
  @Patch(':id')
  @RequirePermissions(Permission.OrganisationManage)
  @ApiOkResponse({ type: OrganisationResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Name taken' })
  updateOrganisation(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateOrganisationDto,
  ): Promise<OrganisationResponseDto> {
    return this.organisations.update(user, id, dto);
  }
}
