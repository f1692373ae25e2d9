import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
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
  CreateServiceTypeDto,
  ListServiceTypesQuery,
  ServiceTypePageDto,
  ServiceTypeResponseDto,
  UpdateServiceTypeDto,
} from './dto/service-type.dto';
import { ServiceTypesService } from './service-types.service';

@ApiTags('Service catalogue')
@Controller('service-types')
export class ServiceTypesController {
  constructor(private readonly serviceTypes: ServiceTypesService) {}

  /** The service catalogue of the caller's organisation, by name; filter by unit and whether active. */
  @Get()
  @RequirePermissions()
  @ApiOkResponse({ type: ServiceTypePageDto })
  listServiceTypes(
    @CurrentUser() user: AuthUser,
    @Query() query: ListServiceTypesQuery,
  ): Promise<ServiceTypePageDto> {
    return this.serviceTypes.list(user, query);
  }

  /** Adds a service type to an active unit the caller manages. */
  @Post()
  @RequirePermissions(Permission.CatalogueManage)
  @ApiCreatedResponse({ type: ServiceTypeResponseDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The unit has a service type of this name' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'No such active unit in your scope' })
  createServiceType(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateServiceTypeDto,
  ): Promise<ServiceTypeResponseDto> {
    return this.serviceTypes.create(user, dto);
  }

  /** One service type of the caller's organisation. */
  @Get(':id')
  @RequirePermissions()
  @ApiOkResponse({ type: ServiceTypeResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getServiceType(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<ServiceTypeResponseDto> {
    return this.serviceTypes.get(user, id);
  }

  /** Renames a service type, changes its description, retires (`isActive: false`) or reactivates it. */
  @Patch(':id')
  @RequirePermissions(Permission.CatalogueManage)
  @ApiOkResponse({ type: ServiceTypeResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The unit has a service type of this name' })
  updateServiceType(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateServiceTypeDto,
  ): Promise<ServiceTypeResponseDto> {
    return this.serviceTypes.update(user, id, dto);
  }
}
