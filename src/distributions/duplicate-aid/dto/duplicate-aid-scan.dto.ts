import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export const SCAN_MODES = ['full', 'incremental'] as const;

export class StartDuplicateAidScanDto {
  /** `incremental`: the records added since the last run; `full`: every record again. */
  @ApiProperty({ enum: SCAN_MODES, type: String })
  @IsIn(SCAN_MODES)
  mode!: 'full' | 'incremental';
}

export class ScanEnqueuedDto {
  mode!: 'full' | 'incremental';
  /** The queued job; the same id as a run of this mode already waiting or running. */
  jobId!: string | null;
}

/** One run of the scan: what it read and what it found. No personal data. */
export class DuplicateAidScanDto {
  id!: string;
  mode!: 'full' | 'incremental';
  startedAt!: Date;
  finishedAt!: Date | null;
  /** Records with `seq` above this were checked... */
  fromSeq!: string;
  /** ...up to and including this one. */
  toSeq!: string;
  recordsChecked!: number;
  flagsRaised!: number;
}

export class DuplicateAidScanPageDto {
  items!: DuplicateAidScanDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
