import { IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate, IsNationality, IsNotFutureDate } from '../../common/validation/field-rules';
import { DocumentType } from '../documents/document-type';
import { IsSingleLine } from './beneficiary-field-rules';

/** Raw input may carry spaces and separators; the canonical number has at most 40 characters. */
const RAW_NUMBER_MAX = 60;

export class CreateIdentityDocumentDto {
  @IsEnum(DocumentType)
  type!: DocumentType;

  /**
   * As written on the document. Stored in its canonical spelling (spaces and, for most types,
   * separators removed; letters upper-cased; Arabic-Indic digits read as 0-9). Turkish identity
   * numbers must pass their check digits: a failure is a 400 naming the rule (`checkDigit10`,
   * `checkDigit11`, `foreignerPrefix`, ...).
   */
  @IsString()
  @MinLength(1)
  @MaxLength(RAW_NUMBER_MAX)
  @IsSingleLine()
  number!: string;

  /** ISO 3166-1 alpha-2 code of the issuing country (`XX` unknown, `XK` Kosovo). */
  @IsOptional()
  @IsNationality()
  issuingCountry?: string | null;

  /** Not in the future. */
  @IsOptional()
  @IsNotFutureDate()
  issuedOn?: string | null;

  /** Not before `issuedOn`. May lie in the past: expired documents are still evidence. */
  @IsOptional()
  @IsCalendarDate()
  expiresOn?: string | null;
}

/** The type and number of a document: what the minimal projection shows. */
export class DocumentRefDto {
  type!: DocumentType;
  /** Canonical spelling. */
  number!: string;
}

export class IdentityDocumentResponseDto extends DocumentRefDto {
  id!: string;
  beneficiaryId!: string;
  issuingCountry!: string | null;
  issuedOn!: string | null;
  expiresOn!: string | null;
  createdAt!: Date;
}
