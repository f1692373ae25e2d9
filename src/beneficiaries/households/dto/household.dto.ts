import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { IsNotFutureDate } from '../../../common/validation/field-rules';
import { QueryBoolean, Trim } from '../../../common/validation/transforms';
import { HouseholdExitReason, HouseholdRelationship } from '../../beneficiary-codes';

/** Far above any real household; a guard against oversize requests, not a rule of the domain. */
const MAX_MEMBERS_AT_CREATION = 50;

export const AT_MOST_ONE_HEAD = 'atMostOneHead';

/** An array of members in which at most one is the head of the household. */
const AtMostOneHead = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: AT_MOST_ONE_HEAD,
      validator: {
        validate: (value: unknown) =>
          !Array.isArray(value) ||
          value.filter(
            (m: unknown) =>
              typeof m === 'object' &&
              m !== null &&
              (m as { relationship?: unknown }).relationship === HouseholdRelationship.Head,
          ).length <= 1,
        defaultMessage: () => 'members may include at most one head of household',
      },
    },
    options,
  );

export class NewHouseholdMemberDto {
  /** A beneficiary the caller may change, not a current member of another household. */
  @IsUUID()
  beneficiaryId!: string;

  @IsEnum(HouseholdRelationship)
  relationship!: HouseholdRelationship;

  /** `YYYY-MM-DD`, not in the future; today when left out. */
  @IsOptional()
  @IsNotFutureDate()
  startedOn?: string;
}

export class CreateHouseholdDto {
  /**
   * The unit registering the household: optional for a caller with one unit; otherwise one of
   * the caller's units, or for a supervisor any active unit of their organisation.
   */
  @IsOptional()
  @IsUUID()
  registeredUnitId?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  notes?: string;

  /** The first members, with their relationship to the head; at most one `head`. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS_AT_CREATION)
  @ArrayUnique((m: { beneficiaryId?: unknown } | null) => m?.beneficiaryId)
  @AtMostOneHead()
  @ValidateNested({ each: true })
  @Type(() => NewHouseholdMemberDto)
  members?: NewHouseholdMemberDto[];
}

export class AddHouseholdMemberDto extends NewHouseholdMemberDto {
  /**
   * When the person is a current member of another household: end that membership on
   * `startedOn` (exit reason `moved_to_other_household`) and start this one, in one step.
   */
  @IsOptional()
  @IsBoolean()
  move?: boolean;
}

export class UpdateHouseholdMembershipDto {
  @IsEnum(HouseholdRelationship)
  relationship!: HouseholdRelationship;
}

export class EndHouseholdMembershipDto {
  /** The first day the person no longer belongs: not before the membership started, not in the future; today when left out. */
  @IsOptional()
  @IsNotFutureDate()
  endedOn?: string;

  @IsEnum(HouseholdExitReason)
  exitReason!: HouseholdExitReason;
}

export class ListHouseholdMembersQuery extends PageQueryDto {
  /** Also the memberships that have ended, with their dates and exit reasons. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeFormer?: boolean;
}

/** A member as a household lists them. */
export class HouseholdMemberDto {
  membershipId!: string;
  beneficiaryId!: string;
  givenName!: string;
  familyName!: string | null;
  relationship!: HouseholdRelationship;
  startedOn!: string;
  /** Null while the person belongs to the household. */
  endedOn!: string | null;
  exitReason!: HouseholdExitReason | null;
}

export class HouseholdResponseDto {
  id!: string;
  organisationId!: string;
  registeredUnitId!: string;
  /** Only with beneficiary.read; absent in the minimal projection of beneficiary.lookup. */
  notes?: string | null;
  /** The number of current members, counted, never stored. */
  size!: number;
  /** The current members whose records the caller may see; `size` counts all of them. */
  members!: HouseholdMemberDto[];
  createdAt!: Date;
  updatedAt!: Date;
}

export class HouseholdMemberPageDto {
  items!: HouseholdMemberDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}

export class HouseholdMembershipResponseDto {
  id!: string;
  householdId!: string;
  beneficiaryId!: string;
  relationship!: HouseholdRelationship;
  startedOn!: string;
  endedOn!: string | null;
  exitReason!: HouseholdExitReason | null;
  createdAt!: Date;
}
