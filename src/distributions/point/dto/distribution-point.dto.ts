import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { BeneficiaryMinimalDto } from '../../../beneficiaries/dto/beneficiary-response.dto';
import { IsSingleLine } from '../../../beneficiaries/dto/beneficiary-field-rules';
import { IsCalendarDate } from '../../../common/validation/field-rules';
import { Trim } from '../../../common/validation/transforms';
import { EligibilityCriterion, EntitlementRule } from '../../distribution-codes';

export class DistributionPointLookupQuery {
  /**
   * A document number, a phone number or a name, as `GET /beneficiaries?q=` takes it (other
   * spellings of a name find the person too). Give `q` or `householdId`, not both.
   */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsSingleLine()
  q?: string;

  /** Lists the household's current members. */
  @IsOptional()
  @IsUUID()
  householdId?: string;

  /** The round to answer for; one of the caller's organisation. */
  @IsUUID()
  roundId!: string;

  /** An item of the round. */
  @IsUUID()
  aidItemId!: string;

  /** The day of the receipt, `YYYY-MM-DD`; default today (UTC). */
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class DistributionListQuery {
  /** An item of the round: the list is of those not yet served with it. */
  @IsUUID()
  aidItemId!: string;

  /** Only people who live in this district (case and Turkish dotted/dotless i do not matter). */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSingleLine()
  district?: string;
}

/** An earlier receipt that refuses the new one, as far as the caller may see it. */
export class ConflictingReceiptDto {
  id!: string;
  /** `YYYY-MM-DD`. */
  distributedOn!: string;
  aidItemId!: string;
  aidItemName!: string;
  location!: string | null;
}

export class EntitlementRefusalDto {
  rule!: EntitlementRule;
  /** The first day this rule allows a receipt again; null: not in this round. */
  entitledFrom!: string | null;
  /** The receipts that use the entitlement up, oldest first; only those the caller may see. */
  conflictingRecords!: ConflictingReceiptDto[];
}

/** The answer for one person, round and item on the day asked. */
export class PointEntitlementDto {
  /** Whether the person meets the round's criteria. */
  eligible!: boolean;
  /** The criteria not met; empty when eligible. */
  eligibilityProblems!: EligibilityCriterion[];
  /** Eligible and no rule refuses a receipt on the day. */
  entitled!: boolean;
  /** When not entitled: the first day a receipt would be allowed; null: not in this round. */
  entitledFrom!: string | null;
  refusals!: EntitlementRefusalDto[];
}

export class DistributionPointPersonDto extends BeneficiaryMinimalDto {
  entitlement!: PointEntitlementDto;
}

export class DistributionPointLookupDto {
  roundId!: string;
  aidItemId!: string;
  /** The day the answers are for. */
  on!: string;
  /** At most 20 people, best matches first (with `q`) or by household membership (with `householdId`). */
  items!: DistributionPointPersonDto[];
  /** More people matched than are shown: narrow the search. */
  more!: boolean;
}
