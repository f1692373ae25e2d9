import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../../auth/decorators/require-permissions.decorator';
import { Permission } from '../../auth/permissions';
import { ApiErrorDto } from '../../common/errors/api-error.dto';
import { DistributionImportsService } from './distribution-imports.service';
import { ImportDistributionsDto, ImportedDistributionsDto } from './dto/import-distributions.dto';

@ApiTags('Distributions')
@Controller('distributions/imports')
export class DistributionImportsController {
  constructor(private readonly imports: DistributionImportsService) {}

  /**
   * Imports up to 1000 past distributions from a list (a partner's, an older system's), all or
   * nothing, without the live rule check: the duplicate-aid scan re-checks them.
   */
  @Post()
  @RequirePermissions(Permission.DistributionImport)
  @ApiCreatedResponse({ type: ImportedDistributionsDto })
  @ApiUnprocessableEntityResponse({
    type: ApiErrorDto,
    description:
      "People, items or rounds not of the caller's organisation, or an item not in the round (REFERENCED_RECORD_NOT_FOUND); a day outside the round (OUTSIDE_ROUND_PERIOD)",
  })
  importDistributions(
    @CurrentUser() user: AuthUser,
    @Body() dto: ImportDistributionsDto,
  ): Promise<ImportedDistributionsDto> {
    return this.imports.import(user, dto);
  }
}
