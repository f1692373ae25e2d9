import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, Page, PageQueryDto } from '../../common/pagination/pagination';
import { BadRequestError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { JobName } from '../../jobs/job-names';
import { JobQueueService } from '../../jobs/job-queue.service';
import { DuplicateAidScanRepository, ScanMode } from './duplicate-aid-scan.repository';
import { DuplicateAidScanDto, ScanEnqueuedDto } from './dto/duplicate-aid-scan.dto';

export interface ScanResult {
  scanId: string;
  recordsChecked: number;
  flagsRaised: number;
  durationMs: number;
}

/**
 * The duplicate-aid scan: re-checks the entitlement rules across every organisation's records,
 * which the live check at a distribution point cannot see (imports, partners' records, the same
 * person known to two organisations), and raises a flag once per conflict. See
 * docs/duplicate-aid.md for the rules and for what an incremental run reads.
 */
@Injectable()
export class DuplicateAidScanService {
  private readonly logger = new Logger(DuplicateAidScanService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly scans: DuplicateAidScanRepository,
    private readonly jobs: JobQueueService,
  ) {}

  /**
   * One run, in one transaction: its temporary tables, its flags and its row in
   * duplicate_aid_scans commit together, so a failed run leaves nothing and is simply run again.
   */
  async run(mode: ScanMode): Promise<ScanResult> {
    const started = Date.now();
    const result = await this.dataSource.transaction(async (em) => {
      await this.scans.lock(em);
      const range = await this.scans.range(em, mode);
      const scanId = await this.scans.startRun(em, mode, range);
      const recordsChecked = await this.scans.collect(em, mode, range);
      await this.scans.order(em, mode);
      await this.scans.findConflicts(em);
      const flagsRaised = await this.scans.raiseFlags(em, mode);
      await this.scans.finishRun(em, scanId, recordsChecked, flagsRaised);
      return { scanId, recordsChecked, flagsRaised };
    });
    const durationMs = Date.now() - started;
    this.logger.log({ mode, ...result, durationMs }, 'Duplicate-aid scan finished');
    return { ...result, durationMs };
  }

  /**
   * Queues a run. The deduplication id is per mode: a second click while one is waiting or
   * running joins it instead of queueing another; once it has finished a new one can be queued.
   */
  async enqueue(mode: ScanMode): Promise<ScanEnqueuedDto> {
    const jobId = await this.jobs.enqueue(
      JobName.ScanDuplicateAid,
      { mode },
      { deduplication: { id: `scan-duplicate-aid-${mode}` } },
    );
    return { mode, jobId: jobId ?? null };
  }

  async list(query: PageQueryDto): Promise<Page<DuplicateAidScanDto>> {
    const beforeId = parseScanCursor(query.cursor);
    const rows = await this.scans.listRuns(this.dataSource.manager, query.limit, beforeId);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((s) => ({
        id: s.id,
        mode: s.mode,
        startedAt: s.startedAt,
        finishedAt: s.finishedAt,
        fromSeq: s.fromSeq,
        toSeq: s.toSeq,
        recordsChecked: s.recordsChecked,
        flagsRaised: s.flagsRaised,
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : undefined,
    };
  }
}

/** A run's id is a bigint, carried as digits. */
function parseScanCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const key = decodeCursor(cursor);
  if (!key || key.length !== 1 || typeof key[0] !== 'string' || !/^\d{1,19}$/.test(key[0])) {
    throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: cursor', { cursor: ['invalid'] });
  }
  return key[0];
}
