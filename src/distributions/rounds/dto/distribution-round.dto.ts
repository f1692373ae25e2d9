import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LegalStatus, Vulnerability } from '../../../beneficiaries/beneficiary-codes';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { IsCalendarDate } from '../../../common/validation/field-rules';
import { Trim } from '../../../common/validation/transforms';
import { AidCategory, AidKind, CountedPer } from '../../distribution-codes';

/** Optional in a partial update, but not nullable: `null` is refused by the field's own rules. */
const IfSent = () => ValidateIf((_: object, value: unknown) => value !== undefined);

/** Trims every string of an array field; other values pass through to the validators. */
const TrimEach = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value,
  );

/** The longest window a rule may count in: a year, leap day included. */
export const MAX_RULE_DAYS = 366;
export const MAX_ROUND_ITEMS = 50;
export const MAX_LOCATIONS = 50;
export const MAX_HOUSEHOLD_SIZE = 50;
/** numeric(12,2). */
const MAX_QUANTITY = 9_999_999_999.99;

/**
 * An item's entitlement rule. Rules are checked when saved: every field here, and across fields
 * (maximum and period together, an item not exclusive with itself) by the service.
 */
export class RoundItemRuleDto {
  /** Whose receipts count: the person's own, or their household's on each receipt's date. */
  @IsEnum(CountedPer)
  countedPer!: CountedPer;

  /** The most one receipt may hand out, in the item's unit. */
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_QUANTITY)
  quantityPerReceipt!: number;

  /** The fewest days between two receipts (a receipt on day 0 allows the next on day N). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RULE_DAYS)
  minDaysBetween?: number | null;

  /** At most this many receipts within any `periodDays` consecutive days; with `periodDays`, or neither. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RULE_DAYS)
  maxPerPeriod?: number | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RULE_DAYS)
  periodDays?: number | null;

  /** Aid items of the round's organisation that may not be received in the round's period with this one. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ROUND_ITEMS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  exclusiveWithItemIds?: string[] | null;
}

export class RoundItemDto extends RoundItemRuleDto {
  /** An active aid item of the round's organisation, once per round. */
  @IsUUID()
  aidItemId!: string;
}

/** Who may receive aid in the round. An empty list, or a null bound, sets no limit. */
export class RoundEligibilityDto {
  /** Eligible with any of these vulnerabilities. */
  @IfSent()
  @IsArray()
  @ArrayMaxSize(Object.keys(Vulnerability).length)
  @ArrayUnique()
  @IsEnum(Vulnerability, { each: true })
  eligibleVulnerabilities?: Vulnerability[];

  /** Members of the person's household on the day (a person without one counts as 1). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_HOUSEHOLD_SIZE)
  minHouseholdSize?: number | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_HOUSEHOLD_SIZE)
  maxHouseholdSize?: number | null;

  /** District names, compared without case or the Turkish i forms. */
  @IfSent()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  eligibleDistricts?: string[];

  @IfSent()
  @IsArray()
  @ArrayMaxSize(Object.keys(LegalStatus).length)
  @ArrayUnique()
  @IsEnum(LegalStatus, { each: true })
  eligibleLegalStatuses?: LegalStatus[];
}

export class RoundFieldsDto {
  /** Unique within the organisation, e.g. "Winter support 2026". */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  /** First day, `YYYY-MM-DD`. */
  @IsCalendarDate()
  startsOn!: string;

  /** Last day, included; not before `startsOn`. */
  @IsCalendarDate()
  endsOn!: string;

  /** The distribution points, by name: 1 to 50, each once. */
  @TrimEach()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LOCATIONS)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  locations!: string[];
}

export class CreateDistributionRoundDto extends RoundFieldsDto {
  /** Only the host's administrators name another organisation; by default the caller's. */
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  /** No criteria when absent: everyone is eligible. */
  @IfSent()
  @IsObject()
  @ValidateNested()
  @Type(() => RoundEligibilityDto)
  eligibility?: RoundEligibilityDto;

  /** The items and their rules; more can be added later (PUT .../items/{aidItemId}). */
  @IfSent()
  @IsArray()
  @ArrayMaxSize(MAX_ROUND_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => RoundItemDto)
  items?: RoundItemDto[];
}

/**
 * Name, period, locations and criteria. Criteria sent replace those fields only; the others stay.
 * Receipts already recorded are not re-judged.
 */
export class UpdateDistributionRoundDto {
  @IfSent()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @IfSent()
  @IsCalendarDate()
  startsOn?: string;

  @IfSent()
  @IsCalendarDate()
  endsOn?: string;

  @IfSent()
  @TrimEach()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LOCATIONS)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  locations?: string[];

  @IfSent()
  @IsObject()
  @ValidateNested()
  @Type(() => RoundEligibilityDto)
  eligibility?: RoundEligibilityDto;
}

export class ListDistributionRoundsQuery extends PageQueryDto {
  /** Rounds whose period includes this day (`YYYY-MM-DD`). */
  @IsOptional()
  @IsCalendarDate()
  activeOn?: string;

  /** For the host's administrators, who see every organisation's rounds. */
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class RoundEligibilityResponseDto {
  eligibleVulnerabilities!: Vulnerability[];
  minHouseholdSize!: number | null;
  maxHouseholdSize!: number | null;
  eligibleDistricts!: string[];
  eligibleLegalStatuses!: LegalStatus[];
}

export class RoundItemResponseDto {
  aidItemId!: string;
  name!: string;
  category!: AidCategory;
  kind!: AidKind;
  unit!: string;
  /** Whether the aid item is still in use; a retired item's rule stays for the record. */
  isActive!: boolean;
  countedPer!: CountedPer;
  quantityPerReceipt!: number;
  minDaysBetween!: number | null;
  maxPerPeriod!: number | null;
  periodDays!: number | null;
  exclusiveWithItemIds!: string[];
  updatedAt!: Date;
}

export class DistributionRoundResponseDto {
  id!: string;
  organisationId!: string;
  name!: string;
  startsOn!: string;
  endsOn!: string;
  locations!: string[];
  eligibility!: RoundEligibilityResponseDto;
  createdByUserId!: string;
  createdAt!: Date;
  updatedAt!: Date;
}

export class DistributionRoundDetailDto extends DistributionRoundResponseDto {
  /** By item name. */
  items!: RoundItemResponseDto[];
}

export class DistributionRoundPageDto {
  items!: DistributionRoundResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}

export class RoundItemTotalsDto {
  aidItemId!: string;
  name!: string;
  category!: AidCategory;
  unit!: string;
  /** Receipts that are not voided. */
  receipts!: number;
  /** Their quantity, in the item's unit. */
  quantity!: number;
  /** Quantity × the unit value recorded with each receipt, a decimal string; null without a value. */
  value!: string | null;
  /** One row per item and currency the receipts were valued in. */
  currency!: string | null;
}

/** A round's figures. Voided records count only in `voids`. */
export class RoundTotalsDto {
  roundId!: string;
  /** Distinct people with a receipt that is not voided. */
  peopleServed!: number;
  /** Distinct households those receipts were recorded for. */
  householdsServed!: number;
  receipts!: number;
  /** Receipts (not voided) recorded by a supervisor despite a rule. */
  overrides!: number;
  voids!: number;
  /** Open duplicate-aid flags with at least one of the round's records in them. */
  openDuplicateAidFlags!: number;
  /** Every item of the round, by name, with zeros for items not handed out yet. */
  items!: RoundItemTotalsDto[];
}
