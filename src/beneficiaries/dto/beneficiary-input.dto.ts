import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  buildMessage,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  IsE164Phone,
  IsLanguageCode,
  IsNationality,
  IsNotFutureDate,
} from '../../common/validation/field-rules';
import { Trim } from '../../common/validation/transforms';
import { BirthDatePrecision, LegalStatus, Sex, Vulnerability } from '../beneficiary-codes';
import { IsBirthDateInput, IsSingleLine } from './beneficiary-field-rules';
import { CreateIdentityDocumentDto } from './identity-document.dto';

const NAME_MAX = 100;
const PLACE_MAX = 100;
const NOTES_MAX = 4000;
const MAX_LANGUAGES = 10;
const MAX_PHONES = 5;
const MAX_DOCUMENTS = 10;

export const ARABIC_SCRIPT = 'arabicScript';

/** Some Arabic-script letters and no Latin ones: the name as written in Arabic (or Persian) script. */
const IsArabicScript = (): PropertyDecorator =>
  ValidateBy({
    name: ARABIC_SCRIPT,
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && /\p{Script=Arabic}/u.test(value) && !/\p{Script=Latin}/u.test(value),
      defaultMessage: buildMessage(() => '$property must be written in Arabic script'),
    },
  });

/**
 * The fields of a person that registration and update share. In an update, `null` clears an
 * optional field (an empty list for the list fields); an absent field is left as it is.
 */
export class BeneficiaryFieldsDto {
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX)
  @IsSingleLine()
  familyName?: string | null;

  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX)
  @IsSingleLine()
  fatherName?: string | null;

  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX)
  @IsSingleLine()
  motherName?: string | null;

  /** The full name in Arabic script, where known; search finds it by its Latin spellings too. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSingleLine()
  @IsArabicScript()
  nameArabic?: string | null;

  /**
   * `YYYY` when only the year is known (stored as 1 January, precision `year`) or `YYYY-MM-DD`;
   * between 1900 and today.
   */
  @IsOptional()
  @IsBirthDateInput()
  dateOfBirth?: string | null;

  /**
   * `exact` (the default for a full date), `year` (the date must be 1 January; the default for a
   * bare year) or `estimated`. Only with a date of birth.
   */
  @IsOptional()
  @IsEnum(BirthDatePrecision)
  birthDatePrecision?: BirthDatePrecision | null;

  /** ISO 3166-1 alpha-2, upper case; `XX` for stateless or unknown. */
  @IsOptional()
  @IsNationality()
  nationality?: string | null;

  /** ISO 639-1 codes, or the accepted ISO 639-3 codes (`kmr`, `ckb`, `prs`, `apc`, ...). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LANGUAGES)
  @ArrayUnique()
  @IsLanguageCode({ each: true })
  languages?: string[] | null;

  /** E.164, such as `+905321234567`. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PHONES)
  @ArrayUnique()
  @IsE164Phone({ each: true })
  phones?: string[] | null;

  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @IsSingleLine()
  addressLine?: string | null;

  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(PLACE_MAX)
  @IsSingleLine()
  neighbourhood?: string | null;

  /** Filters and reports group by it exactly as written. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(PLACE_MAX)
  @IsSingleLine()
  district?: string | null;

  /** Province (il) or city. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(PLACE_MAX)
  @IsSingleLine()
  province?: string | null;

  /** Not in the future and not before the date of birth. */
  @IsOptional()
  @IsNotFutureDate()
  arrivalDate?: string | null;

  @IsOptional()
  @IsEnum(LegalStatus)
  legalStatus?: LegalStatus | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(Object.values(Vulnerability).length)
  @ArrayUnique()
  @IsEnum(Vulnerability, { each: true })
  vulnerabilities?: Vulnerability[] | null;

  /** Free text, at most 4000 characters. No health or protection details: they have their own fields. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(NOTES_MAX)
  notes?: string | null;

  /** Sensitive: setting it needs `beneficiary.read_sensitive`. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(NOTES_MAX)
  healthConditions?: string | null;

  /** Sensitive: setting it needs `beneficiary.read_sensitive`. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(NOTES_MAX)
  protectionConcerns?: string | null;

  /** Sensitive: setting it needs `beneficiary.read_sensitive`. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX)
  @IsSingleLine()
  ethnicity?: string | null;

  /** Sensitive: setting it needs `beneficiary.read_sensitive`. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX)
  @IsSingleLine()
  religion?: string | null;
}

export class CreateBeneficiaryDto extends BeneficiaryFieldsDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX)
  @IsSingleLine()
  givenName!: string;

  @IsEnum(Sex)
  sex!: Sex;

  /**
   * The unit registering the person: one of the caller's units (a supervisor may name any active
   * unit of the organisation). May be left out when the caller has exactly one unit.
   */
  @IsOptional()
  @IsUUID()
  registeredUnitId?: string;

  /** Registered together with the person, in one transaction. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_DOCUMENTS)
  @ValidateNested({ each: true })
  @Type(() => CreateIdentityDocumentDto)
  documents?: CreateIdentityDocumentDto[];
}

/** Documents and the registering unit are not changed here; documents have their own routes. */
export class UpdateBeneficiaryDto extends BeneficiaryFieldsDto {
  /** Cannot be cleared. */
  @ValidateIf((_o, value) => value !== undefined)
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX)
  @IsSingleLine()
  givenName?: string;

  /** Cannot be cleared; `unknown` is a value. */
  @ValidateIf((_o, value) => value !== undefined)
  @IsEnum(Sex)
  sex?: Sex;
}
