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
  CreateServiceUnitDto,
  ListServiceUnitsQuery,
  ServiceUnitPageDto,
  ServiceUnitResponseDto,
  UpdateServiceUnitDto,
} from './dto/service-unit.dto';
import { ServiceUnitsService } from './service-units.service';

@ApiTags('Service units')
@Controller('service-units')
export class ServiceUnitsController {
  constructor(private readonly units: ServiceUnitsService) {}

  /** Units in the caller's scope, by name; filter by organisation and whether active. */
  @Get()
  @RequirePermissions(Permission.OrganisationManage)
  @ApiOkResponse({ type: ServiceUnitPageDto })
  listServiceUnits(
    @CurrentUser() user: AuthUser,
    @Query() query: ListServiceUnitsQuery,
  ): Promise<ServiceUnitPageDto> {
    return this.units.list(user, query);
  }

  /** Adds a unit to an active organisation in the caller's scope. */
  @Post()
  @RequirePermissions(Permission.OrganisationManage)
  @ApiCreatedResponse({ type: ServiceUnitResponseDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The organisation has a unit of this name' })
  createServiceUnit(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateServiceUnitDto,
  ): Promise<ServiceUnitResponseDto> {
    return this.units.create(user, dto);
  }

  /** One service unit, if it is in the caller's scope. */
  @Get(':id')
  @RequirePermissions(Permission.OrganisationManage)
  @ApiOkResponse({ type: ServiceUnitResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getServiceUnit(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<ServiceUnitResponseDto> {
    return this.units.get(user, id);
  }

  /** Renames, deactivates (`isActive: false`) or reactivates a unit. */
  @Patch(':id')
  @RequirePermissions(Permission.OrganisationManage)
  @ApiOkResponse({ type: ServiceUnitResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The organisation has a unit of this name' })
  updateServiceUnit(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateServiceUnitDto,
  ): Promise<ServiceUnitResponseDto> {
    return this.units.update(user, id, dto);
  }
}
