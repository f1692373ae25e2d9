import {
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { Trim } from '../../../common/validation/transforms';
import {
  AidCategory,
  DuplicateAidFlagStatus,
  DuplicateAidResolution,
  EntitlementRule,
} from '../../distribution-codes';

export class ListDuplicateAidFlagsQuery extends PageQueryDto {
  @IsOptional()
  @IsEnum(DuplicateAidFlagStatus)
  status?: DuplicateAidFlagStatus;

  /** Flags with a record of this round (of the caller's organisation). */
  @IsOptional()
  @IsUUID()
  roundId?: string;

  @IsOptional()
  @IsEnum(EntitlementRule)
  rule?: EntitlementRule;
}

/** What a supervisor decided. */
export enum DuplicateAidDecision {
  Confirmed = 'confirmed',
  Dismissed = 'dismissed',
}

/** A resolution says what was done about a real double receipt: a dismissal has none. */
const OnlyWhenConfirmed = (): PropertyDecorator =>
  ValidateBy({
    name: 'onlyWhenConfirmed',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value === undefined ||
        (args?.object as ReviewDuplicateAidFlagDto | undefined)?.decision === DuplicateAidDecision.Confirmed,
      defaultMessage: () => 'resolution is given only when confirming',
    },
  });

export class ReviewDuplicateAidFlagDto {
  /** `confirmed`: a real double receipt; `dismissed`: not one (e.g. a data-entry error elsewhere). */
  @IsEnum(DuplicateAidDecision)
  decision!: DuplicateAidDecision;

  /** Required when confirming, refused when dismissing: what was done about it. */
  @ValidateIf(
    (o: ReviewDuplicateAidFlagDto) =>
      o.decision === DuplicateAidDecision.Confirmed || o.resolution !== undefined,
  )
  @IsEnum(DuplicateAidResolution)
  @OnlyWhenConfirmed()
  resolution?: DuplicateAidResolution;

  /** Why, for the record. Free text: it is not copied into the audit log. */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note!: string;
}

/**
 * A record of the flag. The caller's organisation's records come in full; another
 * organisation's only as its name, the category, the quantity and the day: never its
 * beneficiary, its items or any id that leads to a person.
 */
export class DuplicateAidFlagRecordDto {
  /** True for a record of the caller's organisation. */
  own!: boolean;
  organisationName!: string;
  category!: AidCategory;
  quantity!: string;
  distributedOn!: string;
  /** The fields below are null for another organisation's record. */
  id!: string | null;
  beneficiaryId!: string | null;
  aidItemId!: string | null;
  aidItemName!: string | null;
  roundId!: string | null;
  source!: string | null;
  /** Whether it has been voided since the flag was raised. */
  voided!: boolean | null;
}

export class DuplicateAidFlagDto {
  id!: string;
  rule!: EntitlementRule;
  category!: AidCategory;
  /** Whose receipts conflict: `person`, `household` or `identity_document` (the same person known to two organisations). */
  subjectType!: string;
  /** The quantity received beyond the rule. */
  amount!: string;
  /** Its value, where the items have one. */
  value!: string | null;
  currency!: string | null;
  status!: DuplicateAidFlagStatus;
  resolution!: DuplicateAidResolution | null;
  reviewNote!: string | null;
  reviewedByUserId!: string | null;
  reviewedAt!: Date | null;
  raisedAt!: Date;
  /** Oldest first. */
  records!: DuplicateAidFlagRecordDto[];
}

export class DuplicateAidFlagPageDto {
  items!: DuplicateAidFlagDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
