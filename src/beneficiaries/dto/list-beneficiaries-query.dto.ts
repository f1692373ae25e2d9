import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsCalendarDate, IsNationality } from '../../common/validation/field-rules';
import { QueryBoolean, Trim } from '../../common/validation/transforms';
import { LegalStatus, Sex, Vulnerability } from '../beneficiary-codes';
import { IsSingleLine } from './beneficiary-field-rules';
import { QueryArray } from '../../common/validation/transforms';

const MAX_AGE = 130;

export class ListBeneficiariesQuery extends PageQueryDto {
  /**
   * Finds people by a document number (exact, in its canonical spelling), a phone number (national
   * Turkish or international form) or a name, however it was transliterated: `Mohammed Al-Hassan`
   * finds `Muhammad El Hasan`, `Mehmet Hasan`, `محمد الحسن` and `Hasan Mohammed`. Results come best
   * match first, each with `match.score` and `match.reasons`.
   */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsSingleLine()
  q?: string;

  /** Exactly as registered. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsSingleLine()
  district?: string;

  @IsOptional()
  @IsNationality()
  nationality?: string;

  @IsOptional()
  @IsEnum(Sex)
  sex?: Sex;

  /** Age in whole years today, from the date of birth; people without one are left out. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_AGE)
  ageMin?: number;

  /** Age in whole years today, inclusive. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_AGE)
  ageMax?: number;

  /** Repeatable; a person must have every one given. */
  @IsOptional()
  @QueryArray()
  @IsArray()
  @ArrayMaxSize(Object.values(Vulnerability).length)
  @ArrayUnique()
  @IsEnum(Vulnerability, { each: true })
  vulnerability?: Vulnerability[];

  @IsOptional()
  @IsEnum(LegalStatus)
  legalStatus?: LegalStatus;

  /** Registered on or after this day (UTC). */
  @IsOptional()
  @IsCalendarDate()
  registeredFrom?: string;

  /** Registered on or before this day (UTC). */
  @IsOptional()
  @IsCalendarDate()
  registeredTo?: string;
}

export class GetBeneficiaryQuery {
  /**
   * Adds health conditions, protection concerns, ethnicity and religion. Needs
   * `beneficiary.read_sensitive`; each such read is recorded in the audit log.
   */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeSensitive?: boolean;
}
