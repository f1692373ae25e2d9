import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../auth/decorators/require-permissions.decorator';
import { Permission } from '../auth/permissions';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import { IdParam } from '../common/validation/id-param';
import { BeneficiariesService } from './beneficiaries.service';
import { CreateBeneficiaryDto, UpdateBeneficiaryDto } from './dto/beneficiary-input.dto';
import {
  BeneficiaryListItemDto,
  BeneficiaryMinimalDto,
  BeneficiaryMinimalListItemDto,
  BeneficiaryPageDto,
  BeneficiaryResponseDto,
} from './dto/beneficiary-response.dto';
import { GetBeneficiaryQuery, ListBeneficiariesQuery } from './dto/list-beneficiaries-query.dto';

@ApiTags('Beneficiaries')
@ApiExtraModels(
  BeneficiaryResponseDto,
  BeneficiaryMinimalDto,
  BeneficiaryListItemDto,
  BeneficiaryMinimalListItemDto,
)
@Controller('beneficiaries')
export class BeneficiariesController {
  constructor(private readonly beneficiaries: BeneficiariesService) {}

  /**
   * Registers a person with their identity documents, in one transaction. Setting the sensitive
   * fields needs `beneficiary.read_sensitive`.
   */
  @Post()
  @RequirePermissions(Permission.BeneficiaryWrite)
  @ApiCreatedResponse({ type: BeneficiaryResponseDto })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description:
      'DOCUMENT_NUMBER_TAKEN: a document of that type and number is registered in the organisation; `details.existingBeneficiaryId` names the holder only if the caller may read that record',
  })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description: 'The registering unit is missing, not one of the caller’s units, or not active',
  })
  createBeneficiary(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateBeneficiaryDto,
  ): Promise<BeneficiaryResponseDto> {
    return this.beneficiaries.create(user, dto);
  }

  /**
   * People in the caller's scope: newest registered first, or with `q` the best matches first by
   * document number, phone or name (with `match`). Callers with only `beneficiary.lookup` get the
   * minimal projection. `total` only comes with `q` (see BeneficiaryPageDto).
   */
  @Get()
  @RequirePermissions(Permission.BeneficiaryLookup)
  @ApiOkResponse({ type: BeneficiaryPageDto })
  listBeneficiaries(
    @CurrentUser() user: AuthUser,
    @Query() query: ListBeneficiariesQuery,
  ): Promise<BeneficiaryPageDto> {
    return this.beneficiaries.list(user, query);
  }

  /**
   * One person: the whole record, or the minimal projection for callers with only
   * `beneficiary.lookup`. `includeSensitive=true` adds the sensitive fields and is audited.
   */
  @Get(':id')
  @RequirePermissions(Permission.BeneficiaryLookup)
  @ApiOkResponse({
    schema: {
      anyOf: [
        { $ref: getSchemaPath(BeneficiaryResponseDto) },
        { $ref: getSchemaPath(BeneficiaryMinimalDto) },
      ],
    },
  })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getBeneficiary(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: GetBeneficiaryQuery,
  ): Promise<BeneficiaryResponseDto | BeneficiaryMinimalDto> {
    return this.beneficiaries.get(user, id, query);
  }

  /**
   * Changes the fields sent; `null` clears an optional field. Documents and the registering unit
   * are not changed here. Changing the sensitive fields needs `beneficiary.read_sensitive`.
   */
  @Patch(':id')
  @RequirePermissions(Permission.BeneficiaryWrite)
  @ApiOkResponse({ type: BeneficiaryResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  updateBeneficiary(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateBeneficiaryDto,
  ): Promise<BeneficiaryResponseDto> {
    return this.beneficiaries.update(user, id, dto);
  }
}
