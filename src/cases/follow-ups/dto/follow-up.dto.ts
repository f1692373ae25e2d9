import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { QueryBoolean, Trim } from '../../../common/validation/transforms';
import { IsTodayOrLater } from '../../dto/case-field-rules';

export class CreateFollowUpDto {
  /** What is to be done: a call, a visit, an appointment to check on. */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description!: string;

  /** `YYYY-MM-DD`, today (UTC) or later. */
  @IsTodayOrLater()
  dueOn!: string;

  /**
   * Who is to do it: an active caseworker or supervisor of the case's unit. By default the case's
   * assignee.
   */
  @IsOptional()
  @IsUUID()
  assignedUserId?: string;
}

export class CompleteFollowUpDto {
  /** What came of it. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  outcome?: string;
}

export class ListFollowUpsQuery extends PageQueryDto {
  /** Only follow-ups due before today (UTC) and not completed, of cases that are not closed. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  overdue?: boolean;

  @IsOptional()
  @IsUUID()
  assignedUserId?: string;

  /** The unit of the follow-up's case. */
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class FollowUpResponseDto {
  id!: string;
  caseId!: string;
  /** The unit of the case. */
  unitId!: string;
  description!: string;
  dueOn!: string;
  assignedUserId!: string | null;
  /** Due before today (UTC) and not completed. */
  isOverdue!: boolean;
  createdByUserId!: string;
  createdAt!: Date;
  completedAt!: Date | null;
  completedByUserId!: string | null;
  outcome!: string | null;
}

export class FollowUpPageDto {
  items!: FollowUpResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
