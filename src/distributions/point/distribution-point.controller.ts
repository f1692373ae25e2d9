import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../../auth/decorators/require-permissions.decorator';
import { Permission } from '../../auth/permissions';
import { ApiErrorDto } from '../../common/errors/api-error.dto';
import { IdParam } from '../../common/validation/id-param';
import { DistributionListService } from './distribution-list.service';
import { DistributionPointService } from './distribution-point.service';
import {
  DistributionListQuery,
  DistributionPointLookupDto,
  DistributionPointLookupQuery,
} from './dto/distribution-point.dto';

@ApiTags('Aid distribution')
@Controller('distribution-point')
export class DistributionPointController {
  constructor(private readonly point: DistributionPointService) {}

  /**
   * Finds people by document number, phone, name (`q`) or household (`householdId`), at most 20,
   * in the minimal projection, each with whether they are eligible for the round and entitled to
   * the item on the day, and if not, until when and by which rule.
   */
  @Get('lookup')
  @RequirePermissions(Permission.DistributionRecord, Permission.BeneficiaryLookup)
  @ApiOkResponse({ type: DistributionPointLookupDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'The household is not one the caller may see' })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description:
      'The round or the item is not one of the caller’s organisation, or the item not in the round',
  })
  lookUpAtDistributionPoint(
    @CurrentUser() user: AuthUser,
    @Query() query: DistributionPointLookupQuery,
  ): Promise<DistributionPointLookupDto> {
    return this.point.lookup(user, query);
  }
}

@ApiTags('Aid distribution')
@Controller('distribution-rounds')
export class DistributionListController {
  constructor(private readonly lists: DistributionListService) {}

  /**
   * The eligible people of the organisation not yet served with the item in this round, as CSV for
   * the field (one line per person, or per household for household rules). Streamed.
   */
  @Get(':id/distribution-list.csv')
  @RequirePermissions(Permission.DistributionRecord)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'CSV with a header line: beneficiary_id, given_name, family_name, father_name, document_type, document_number, household_id, household_size, district',
    schema: { type: 'string' },
  })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such round in the caller’s organisation' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'The item is not an item of the round' })
  async getDistributionList(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: DistributionListQuery,
  ): Promise<StreamableFile> {
    const list = await this.lists.list(user, id, query);
    return new StreamableFile(list.stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${list.fileName}"`,
    });
  }
}
