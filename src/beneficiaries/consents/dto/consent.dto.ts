import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { IsCalendarDate, isIsoCalendarDate, IsNotFutureDate } from '../../../common/validation/field-rules';
import { QueryBoolean, Trim } from '../../../common/validation/transforms';
import { ConsentDecision, ConsentPurpose, ConsentScope } from '../../beneficiary-codes';

export const NOT_BEFORE_DECIDED_ON = 'notBeforeDecidedOn';

/** An expiry on or after the day of the decision (the database's ck_consents_period). */
const NotBeforeDecidedOn = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: NOT_BEFORE_DECIDED_ON,
      validator: {
        validate: (value: unknown, args) => {
          const decidedOn = (args?.object as { decidedOn?: unknown } | undefined)?.decidedOn;
          // A malformed decidedOn is reported on its own field.
          return !isIsoCalendarDate(value) || !isIsoCalendarDate(decidedOn) || value >= decidedOn;
        },
        defaultMessage: () => '$property must not be before decidedOn',
      },
    },
    options,
  );

export class RecordConsentDto {
  @IsEnum(ConsentPurpose)
  purpose!: ConsentPurpose;

  /** The organisation the data go to: required for `referral` and `data_sharing`, refused for the other purposes. */
  @IsOptional()
  @IsUUID()
  recipientOrganisationId?: string;

  /** The kinds of information the decision covers. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Object.values(ConsentScope).length)
  @ArrayUnique()
  @IsEnum(ConsentScope, { each: true })
  scope!: ConsentScope[];

  @IsEnum(ConsentDecision)
  decision!: ConsentDecision;

  /** The day the person decided: `YYYY-MM-DD`, not in the future. */
  @IsNotFutureDate()
  decidedOn!: string;

  /** The last day the decision holds, not before `decidedOn`; none for no expiry. */
  @IsOptional()
  @IsCalendarDate()
  @NotBeforeDecidedOn()
  expiresOn?: string;

  /** Where the signed form or recording is kept, such as a form number. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  reference?: string;
}

export class WithdrawConsentDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

export class ListConsentsQuery extends PageQueryDto {
  @IsOptional()
  @IsEnum(ConsentPurpose)
  purpose?: ConsentPurpose;

  @IsOptional()
  @IsUUID()
  recipientOrganisationId?: string;

  /**
   * Only the decisions that hold today: per purpose and recipient the latest decision that is not
   * withdrawn, if it is `given` and not expired. Not paginated (one item per purpose and recipient).
   */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  current?: boolean;
}

export class ConsentResponseDto {
  id!: string;
  beneficiaryId!: string;
  purpose!: ConsentPurpose;
  recipientOrganisationId!: string | null;
  scope!: ConsentScope[];
  decision!: ConsentDecision;
  decidedOn!: string;
  expiresOn!: string | null;
  reference!: string | null;
  recordedByUserId!: string;
  recordedAt!: Date;
  withdrawnAt!: Date | null;
  withdrawnByUserId!: string | null;
  withdrawalReason!: string | null;
}

export class ConsentPageDto {
  items!: ConsentResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
