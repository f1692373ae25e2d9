import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { IsCalendarDate, IsNotFutureDate } from '../../../common/validation/field-rules';
import { QueryBoolean, Trim } from '../../../common/validation/transforms';
import { AidCategory, DistributionSource, EntitlementRule } from '../../distribution-codes';

export class DistributionOverrideDto {
  /** Why the aid is handed out despite the rule; kept with the record and audited. */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export class RecordDistributionDto {
  @IsUUID()
  roundId!: string;

  /** An item of the round. */
  @IsUUID()
  aidItemId!: string;

  /** Who receives it (for themselves, or for their household when the rule counts households). */
  @IsUUID()
  beneficiaryId!: string;

  /** `YYYY-MM-DD`, within the round; defaults to today (UTC). */
  @IsOptional()
  @IsNotFutureDate()
  distributedOn?: string;

  /** Defaults to the rule's quantity per receipt; more than that is refused by the rule. */
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @IsPositive()
  quantity?: number;

  /** One of the round's locations; defaults to the round's only location. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  location?: string;

  /** Supervisors (`distribution.override`): record despite the rules or criteria that refuse it. */
  @IsOptional()
  @ValidateNested()
  @Type(() => DistributionOverrideDto)
  override?: DistributionOverrideDto;
}

export class VoidDistributionDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export class ListDistributionsQuery extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  roundId?: string;

  @IsOptional()
  @IsUUID()
  aidItemId?: string;

  @IsOptional()
  @IsUUID()
  beneficiaryId?: string;

  /** Records of the household's members while they belonged to it. */
  @IsOptional()
  @IsUUID()
  householdId?: string;

  /** Distributed on or after this day. */
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @IsOptional()
  @IsCalendarDate()
  to?: string;

  /** Voided records too (default false). */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeVoided?: boolean;

  /** Only records made despite a rule. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  overridden?: boolean;
}

export class DistributionVoidDto {
  reason!: string;
  voidedByUserId!: string;
  voidedAt!: Date;
}

export class DistributionResponseDto {
  id!: string;
  roundId!: string | null;
  aidItemId!: string;
  aidItemName!: string;
  category!: AidCategory;
  beneficiaryId!: string;
  /** The household the person belonged to on the day, as known when recorded. */
  householdId!: string | null;
  quantity!: number;
  unitValue!: number | null;
  currency!: string | null;
  distributedOn!: string;
  location!: string | null;
  source!: DistributionSource;
  recordedByUserId!: string;
  recordedAt!: Date;
  /** The rules a supervisor overrode to record it. */
  overriddenRules!: EntitlementRule[];
  overrideReason!: string | null;
  /** Set once the record is voided: it no longer counts. */
  void!: DistributionVoidDto | null;
}

export class DistributionPageDto {
  items!: DistributionResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}

/** An earlier receipt that uses up the entitlement, as far as the caller may see it. */
export class ConflictingRecordDto {
  id!: string;
  distributedOn!: string;
  aidItemId!: string;
  beneficiaryId!: string;
  location!: string | null;
}
