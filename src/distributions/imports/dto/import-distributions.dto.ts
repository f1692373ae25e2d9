import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsNotFutureDate } from '../../../common/validation/field-rules';
import { Trim } from '../../../common/validation/transforms';

/** At most this many records per import: a larger list is sent in parts. */
export const MAX_IMPORT_RECORDS = 1000;

export class ImportedRecordDto {
  /** A person registered by the caller's organisation. */
  @IsUUID()
  beneficiaryId!: string;

  /** An aid item of the caller's organisation (inactive ones too: old lists name old items). */
  @IsUUID()
  aidItemId!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(1_000_000)
  quantity!: number;

  /** The day it was handed out, `YYYY-MM-DD`; not in the future. */
  @IsNotFutureDate()
  distributedOn!: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  location?: string;

  /** A round of the caller's organisation that has this item, with the day in its period. */
  @IsOptional()
  @IsUUID()
  roundId?: string;
}

export class ImportDistributionsDto {
  /** Where the list comes from (its name, the partner's reference); kept in the audit log. */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  sourceNote!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IMPORT_RECORDS)
  @ValidateNested({ each: true })
  @Type(() => ImportedRecordDto)
  records!: ImportedRecordDto[];
}

export class ImportedDistributionsDto {
  count!: number;
  /** The new records' ids, in the order of the list. */
  recordIds!: string[];
}
