import { IsEnum, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Trim } from '../../../common/validation/transforms';
import { GoalStatus } from '../../case-codes';
import { IsCalendarDate } from '../../../common/validation/field-rules';

export class CreateGoalDto {
  /** The goal as agreed with the person. */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description!: string;

  /** `YYYY-MM-DD`. */
  @IsOptional()
  @IsCalendarDate()
  targetDate?: string;

  /** Default `not_started`. */
  @IsOptional()
  @IsEnum(GoalStatus)
  status?: GoalStatus;
}

export class UpdateGoalDto {
  @ValidateIf((o: UpdateGoalDto) => o.description !== undefined)
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description?: string;

  /** `YYYY-MM-DD`; `null` clears it. */
  @IsOptional()
  @IsCalendarDate()
  targetDate?: string | null;

  @ValidateIf((o: UpdateGoalDto) => o.status !== undefined)
  @IsEnum(GoalStatus)
  status?: GoalStatus;
}

export class GoalResponseDto {
  id!: string;
  caseId!: string;
  description!: string;
  status!: GoalStatus;
  targetDate!: string | null;
  createdByUserId!: string;
  createdAt!: Date;
  updatedAt!: Date;
}

export class GoalPageDto {
  items!: GoalResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
