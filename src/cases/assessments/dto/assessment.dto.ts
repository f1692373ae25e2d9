import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../../../common/validation/transforms';
import { NeedCode, NeedSeverity } from '../need-codes';

export const MAX_ASSESSED_NEEDS = 30;

export class AssessedNeedDto {
  @IsEnum(NeedCode)
  code!: NeedCode;

  @IsEnum(NeedSeverity)
  severity!: NeedSeverity;
}

export class CreateAssessmentDto {
  /** The needs assessed, each code once, with its severity (`none` records that it was asked). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ASSESSED_NEEDS)
  @ArrayUnique((need: AssessedNeedDto | null | undefined) => need?.code)
  @ValidateNested({ each: true })
  @Type(() => AssessedNeedDto)
  needs!: AssessedNeedDto[];

  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;
}

/** One line of the score's explanation: what gave how many points, before the cap. */
export class ScoreBreakdownItemDto {
  source!: 'need' | 'vulnerability';
  code!: string;
  points!: number;
}

export class AssessmentResponseDto {
  id!: string;
  caseId!: string;
  needs!: AssessedNeedDto[];
  /** 0 to 100; docs/vulnerability-score.md explains it. */
  score!: number;
  level!: string;
  /** Every need and vulnerability that gave points, most first. */
  breakdown!: ScoreBreakdownItemDto[];
  /** The scoring method, so that scores stay comparable within it (`v1`). */
  method!: string;
  note!: string | null;
  assessedByUserId!: string;
  assessedAt!: Date;
}

export class AssessmentPageDto {
  items!: AssessmentResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
