import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { BirthDatePrecision, LegalStatus, Sex, Vulnerability } from '../beneficiary-codes';
import { DocumentRefDto, IdentityDocumentResponseDto } from './identity-document.dto';

/** Why a search result matched its query. Stable codes; clients translate them. */
export enum MatchReason {
  DocumentNumber = 'document_number',
  Phone = 'phone',
}

/** What every projection of a person shows: names, and the household they currently belong to. */
abstract class BeneficiaryCoreDto {
  id!: string;
  givenName!: string;
  familyName!: string | null;
  fatherName!: string | null;
  motherName!: string | null;
  nameArabic!: string | null;
  /** The household the person currently belongs to, if any. */
  householdId!: string | null;
  /** Its current members, counted; null without a household. */
  householdSize!: number | null;
}

/**
 * The minimal projection, for callers who may only look people up (distribution officers): who
 * they are, their documents and their household's size. Nothing else leaves the server.
 */
export class BeneficiaryMinimalDto extends BeneficiaryCoreDto {
  documents!: DocumentRefDto[];
}

abstract class BeneficiarySummaryFieldsDto extends BeneficiaryCoreDto {
  sex!: Sex;
  /** `YYYY-MM-DD`; for a year-only date, 1 January. */
  dateOfBirth!: string | null;
  birthDatePrecision!: BirthDatePrecision | null;
  nationality!: string | null;
  district!: string | null;
  legalStatus!: LegalStatus | null;
  vulnerabilities!: Vulnerability[];
  registeredUnitId!: string;
  createdAt!: Date;
}

/** A person in a list, for callers with `beneficiary.read`. */
export class BeneficiarySummaryDto extends BeneficiarySummaryFieldsDto {
  documents!: DocumentRefDto[];
}

/** The whole record, for callers with `beneficiary.read`. */
export class BeneficiaryResponseDto extends BeneficiarySummaryFieldsDto {
  documents!: IdentityDocumentResponseDto[];
  languages!: string[];
  phones!: string[];
  addressLine!: string | null;
  neighbourhood!: string | null;
  province!: string | null;
  arrivalDate!: string | null;
  notes!: string | null;
  registeredByUserId!: string;
  updatedAt!: Date;
  /** Sensitive; only with `includeSensitive=true` (audited). */
  healthConditions?: string | null;
  /** Sensitive; only with `includeSensitive=true` (audited). */
  protectionConcerns?: string | null;
  /** Sensitive; only with `includeSensitive=true` (audited). */
  ethnicity?: string | null;
  /** Sensitive; only with `includeSensitive=true` (audited). */
  religion?: string | null;
}

export class SearchMatchDto {
  /** 0 to 1; higher is better. A document number or phone match scores 1. */
  score!: number;
  /**
   * Why it matched: `document_number`, `phone`, and the name matcher's reasons (such as which name
   * parts matched exactly, by spelling family, in Arabic script, or swapped).
   */
  reasons!: string[];
}

export class BeneficiaryListItemDto extends BeneficiarySummaryDto {
  /** Only when searching with `q`. */
  match?: SearchMatchDto;
}

export class BeneficiaryMinimalListItemDto extends BeneficiaryMinimalDto {
  /** Only when searching with `q`. */
  match?: SearchMatchDto;
}

export class BeneficiaryPageDto {
  /** Summaries; for callers with only `beneficiary.lookup`, the minimal projection. */
  @ApiProperty({
    type: 'array',
    items: {
      anyOf: [
        { $ref: getSchemaPath(BeneficiaryListItemDto) },
        { $ref: getSchemaPath(BeneficiaryMinimalListItemDto) },
      ],
    },
  })
  items!: Array<BeneficiaryListItemDto | BeneficiaryMinimalListItemDto>;
  /** Absent on the last page. */
  nextCursor?: string;
  /**
   * Only with `q`: how many people matched, counted over the ranked candidate set (at most
   * 200). Lists without `q` carry no total: counting a large registry is not cheap.
   */
  total?: number;
  /** Only with `q`: true when the candidate set was cut at its cap, so more people may match. */
  totalCapped?: boolean;
}
