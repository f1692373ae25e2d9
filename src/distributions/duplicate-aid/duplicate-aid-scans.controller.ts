import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../auth/decorators/require-permissions.decorator';
import { Permission } from '../../auth/permissions';
import { PageQueryDto } from '../../common/pagination/pagination';
import { DuplicateAidScanService } from './duplicate-aid-scan.service';
import {
  DuplicateAidScanPageDto,
  ScanEnqueuedDto,
  StartDuplicateAidScanDto,
} from './dto/duplicate-aid-scan.dto';

@ApiTags('Duplicate aid')
@Controller('duplicate-aid-scans')
export class DuplicateAidScansController {
  constructor(private readonly scans: DuplicateAidScanService) {}

  /**
   * Queues a duplicate-aid scan now, besides the nightly one. A scan of the same mode already
   * waiting or running is not queued twice.
   */
  @Post()
  @HttpCode(202)
  @RequirePermissions(Permission.DuplicateReview)
  @ApiAcceptedResponse({ type: ScanEnqueuedDto })
  startDuplicateAidScan(@Body() dto: StartDuplicateAidScanDto): Promise<ScanEnqueuedDto> {
    return this.scans.enqueue(dto.mode);
  }

  /** The finished scans, newest first: mode, times, records checked and flags raised. */
  @Get()
  @RequirePermissions(Permission.DuplicateReview)
  @ApiOkResponse({ type: DuplicateAidScanPageDto })
  listDuplicateAidScans(@Query() query: PageQueryDto): Promise<DuplicateAidScanPageDto> {
    return this.scans.list(query);
  }
}
