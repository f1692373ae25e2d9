import { Body, Controller, Get, Post, Query } from '@nestjs/common';
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
  CreateServiceDeliveryDto,
  ListServiceDeliveriesQuery,
  ServiceDeliveryPageDto,
  ServiceDeliveryResponseDto,
} from './dto/service-delivery.dto';
import { ServiceDeliveriesService } from './service-deliveries.service';

@ApiTags('Service deliveries')
@Controller('service-deliveries')
export class ServiceDeliveriesController {
  constructor(private readonly deliveries: ServiceDeliveriesService) {}

  /** Records a service the caller's unit delivered to a person, optionally for one of their open cases. */
  @Post()
  @RequirePermissions(Permission.ServiceDeliver)
  @ApiCreatedResponse({ type: ServiceDeliveryResponseDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The case is closed' })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description:
      'An unknown or invisible person, service type, case or referral; a retired service type; ' +
      "another unit's service type; a case of someone else",
  })
  recordServiceDelivery(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateServiceDeliveryDto,
  ): Promise<ServiceDeliveryResponseDto> {
    return this.deliveries.record(user, dto);
  }

  /** Deliveries in the caller's scope, newest first: per person, case, unit or service type, between days. */
  @Get()
  @RequirePermissions(Permission.BeneficiaryRead)
  @ApiOkResponse({ type: ServiceDeliveryPageDto })
  listServiceDeliveries(
    @CurrentUser() user: AuthUser,
    @Query() query: ListServiceDeliveriesQuery,
  ): Promise<ServiceDeliveryPageDto> {
    return this.deliveries.list(user, query);
  }

  /** One delivery, if it is in the caller's scope. */
  @Get(':id')
  @RequirePermissions(Permission.BeneficiaryRead)
  @ApiOkResponse({ type: ServiceDeliveryResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getServiceDelivery(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
  ): Promise<ServiceDeliveryResponseDto> {
    return this.deliveries.get(user, id);
  }
}
