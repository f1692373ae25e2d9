import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
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
import { AidItemsService } from './aid-items.service';
import {
  AidItemPageDto,
  AidItemResponseDto,
  CreateAidItemDto,
  ListAidItemsQuery,
  UpdateAidItemDto,
} from './dto/aid-item.dto';

@ApiTags('Aid distribution')
@Controller('aid-items')
export class AidItemsController {
  constructor(private readonly aidItems: AidItemsService) {}

  /** The aid catalogue of the caller's organisation, by name; filter by category, kind and whether active. */
  @Get()
  @RequirePermissions()
  @ApiOkResponse({ type: AidItemPageDto })
  listAidItems(@CurrentUser() user: AuthUser, @Query() query: ListAidItemsQuery): Promise<AidItemPageDto> {
    return this.aidItems.list(user, query);
  }

  /** Adds an item to the aid catalogue of the caller's organisation (or, for host administrators, another's). */
  @Post()
  @RequirePermissions(Permission.CatalogueManage)
  @ApiCreatedResponse({ type: AidItemResponseDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The organisation has an aid item of this name' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'No such active organisation' })
  createAidItem(@CurrentUser() user: AuthUser, @Body() dto: CreateAidItemDto): Promise<AidItemResponseDto> {
    return this.aidItems.create(user, dto);
  }

  /** One aid item of the caller's organisation. */
  @Get(':id')
  @RequirePermissions()
  @ApiOkResponse({ type: AidItemResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getAidItem(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<AidItemResponseDto> {
    return this.aidItems.get(user, id);
  }

  /** Renames an aid item, changes its unit or value, retires (`isActive: false`) or reactivates it. */
  @Patch(':id')
  @RequirePermissions(Permission.CatalogueManage)
  @ApiOkResponse({ type: AidItemResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The organisation has an aid item of this name' })
  updateAidItem(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateAidItemDto,
  ): Promise<AidItemResponseDto> {
    return this.aidItems.update(user, id, dto);
  }
}
