import {
  IsBoolean,
  IsEnum,
  IsISO4217CurrencyCode,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { QueryBoolean, Trim } from '../../../common/validation/transforms';
import { AidCategory, AidKind } from '../../distribution-codes';

/** Optional in a partial update, but not nullable: `null` is refused by the field's own rules. */
const IfSent = () => ValidateIf((_: object, value: unknown) => value !== undefined);

/** numeric(12,2): at most 9,999,999,999.99. */
export const MAX_MONEY = 9_999_999_999.99;

export class CreateAidItemDto {
  /**
   * Only the host's administrators name another organisation; everyone else creates items of
   * their own organisation (the default).
   */
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  /** Unique within the organisation, e.g. "Food parcel (family)". */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  /** The shared code the duplicate-aid scan compares across organisations. Fixed once created. */
  @IsEnum(AidCategory)
  category!: AidCategory;

  /** Fixed once created. */
  @IsEnum(AidKind)
  kind!: AidKind;

  /** What one counts: `parcel`, `kit`, `piece`, or for cash the currency's unit. */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  unit!: string;

  /** The value of one unit, with `currency`, or neither. */
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_MONEY)
  unitValue?: number | null;

  /** ISO 4217 in upper case (`TRY`, `EUR`), with `unitValue`, or neither. */
  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  @IsISO4217CurrencyCode()
  currency?: string | null;
}

/**
 * Category and kind cannot change: records, totals and duplicate-aid flags already read them.
 * An item that was wrongly classified is retired and a new one created.
 */
export class UpdateAidItemDto {
  @IfSent()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @IfSent()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  unit?: string;

  /** Sent together with `currency`; both `null` remove the value. Recorded receipts keep theirs. */
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_MONEY)
  unitValue?: number | null;

  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  @IsISO4217CurrencyCode()
  currency?: string | null;

  /** False retires the item: no new round rules or receipts; past ones stay. */
  @IfSent()
  @IsBoolean()
  isActive?: boolean;
}

export class ListAidItemsQuery extends PageQueryDto {
  /** For the host's administrators, who see every organisation's catalogue. */
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @IsEnum(AidCategory)
  category?: AidCategory;

  @IsOptional()
  @IsEnum(AidKind)
  kind?: AidKind;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  isActive?: boolean;
}

export class AidItemResponseDto {
  id!: string;
  organisationId!: string;
  name!: string;
  category!: AidCategory;
  kind!: AidKind;
  unit!: string;
  /** A decimal string (`"1500.00"`), exact; null when the item has no value. */
  unitValue!: string | null;
  currency!: string | null;
  isActive!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
}

export class AidItemPageDto {
  items!: AidItemResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
