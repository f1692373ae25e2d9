import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { Trim } from '../../common/validation/transforms';
import { CaseStatus, CaseType, ClosureReason, RiskLevel } from '../case-codes';
import { ExactlyOneOf } from './case-field-rules';
import { IsCalendarDate } from '../../common/validation/field-rules';
import { QueryArray } from '../../common/validation/transforms';

const SUBJECT_FIELDS = ['beneficiaryId', 'householdId'];

export class CreateCaseDto {
  /** The person the case is about; exactly one of beneficiaryId and householdId. */
  @ValidateIf((o: CreateCaseDto) => o.beneficiaryId !== undefined || o.householdId === undefined)
  @IsUUID()
  @ExactlyOneOf(SUBJECT_FIELDS)
  beneficiaryId?: string;

  /** The household the case is about; exactly one of beneficiaryId and householdId. */
  @ValidateIf((o: CreateCaseDto) => o.householdId !== undefined)
  @IsUUID()
  @ExactlyOneOf(SUBJECT_FIELDS)
  householdId?: string;

  /** At most one case of a type is open per person or household. */
  @IsEnum(CaseType)
  type!: CaseType;

  /** An active unit of the caller's organisation; for a caseworker, one of their own units. */
  @IsUUID()
  unitId!: string;

  @IsEnum(RiskLevel)
  riskLevel!: RiskLevel;

  /** What the case is about, in a few lines; sensitive detail belongs in a sensitive note. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  summary?: string;

  /**
   * Only for callers who assign cases (case.assign): an active caseworker or supervisor of the
   * case's unit. Without it the case starts unassigned.
   */
  @IsOptional()
  @IsUUID()
  assignedUserId?: string;
}

export class UpdateCaseDto {
  @ValidateIf((o: UpdateCaseDto) => o.riskLevel !== undefined)
  @IsEnum(RiskLevel)
  riskLevel?: RiskLevel;

  /** `null` clears it. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  summary?: string | null;
}

export class TransitionCaseDto {
  /** The status to move to; CASE_TRANSITIONS lists the allowed ones (`allowedTransitions`). */
  @IsEnum(CaseStatus)
  to!: CaseStatus;

  /** Required when closing, refused otherwise. */
  @IsOptional()
  @IsEnum(ClosureReason)
  closureReason?: ClosureReason;

  /** Why, for the case history. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;
}

export class AssignCaseDto {
  /** An active caseworker or supervisor of the case's unit, or `null` to unassign. */
  @ValidateIf((o: AssignCaseDto) => o.assignedUserId !== null)
  @IsUUID()
  assignedUserId!: string | null;

  /** Why, for the case history. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  note?: string;
}

export class ListCasesQuery extends PageQueryDto {
  /** Repeat to match any of several statuses. */
  @IsOptional()
  @QueryArray()
  @IsArray()
  @ArrayMaxSize(5)
  @IsEnum(CaseStatus, { each: true })
  status?: CaseStatus[];

  @IsOptional()
  @IsEnum(CaseType)
  type?: CaseType;

  @IsOptional()
  @IsUUID()
  unitId?: string;

  @IsOptional()
  @IsUUID()
  assignedUserId?: string;

  @IsOptional()
  @IsEnum(RiskLevel)
  riskLevel?: RiskLevel;

  @IsOptional()
  @IsUUID()
  beneficiaryId?: string;

  @IsOptional()
  @IsUUID()
  householdId?: string;

  /** Opened on or after this day (UTC), `YYYY-MM-DD`. */
  @IsOptional()
  @IsCalendarDate()
  openedFrom?: string;

  /** Opened on or before this day (UTC), `YYYY-MM-DD`. */
  @IsOptional()
  @IsCalendarDate()
  openedTo?: string;
}

export class CaseAssigneeDto {
  id!: string;
  displayName!: string;
}

/** The current needs assessment in short; the whole of it is under /cases/{id}/assessments. */
export class CaseAssessmentSummaryDto {
  id!: string;
  /** 0 to 100. */
  score!: number;
  level!: string;
  method!: string;
  assessedAt!: Date;
}

export class CaseResponseDto {
  id!: string;
  organisationId!: string;
  beneficiaryId!: string | null;
  householdId!: string | null;
  type!: CaseType;
  unitId!: string;
  riskLevel!: RiskLevel;
  status!: CaseStatus;
  /** The statuses this case may move to now (reopening needs case.assign). */
  allowedTransitions!: CaseStatus[];
  /** Set while the case is closed. */
  closureReason!: ClosureReason | null;
  summary!: string | null;
  assignedUserId!: string | null;
  assignedUser!: CaseAssigneeDto | null;
  /** The latest needs assessment, if any. */
  latestAssessment!: CaseAssessmentSummaryDto | null;
  openedByUserId!: string;
  openedAt!: Date;
  /** When the case was last closed; null while it is not closed. */
  closedAt!: Date | null;
  updatedAt!: Date;
}

export class CasePageDto {
  items!: CaseResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}

export enum CaseHistoryKind {
  StatusChange = 'status_change',
  Assignment = 'assignment',
}

/** One step of a case's history: a status change or an assignment. */
export class CaseHistoryItemDto {
  kind!: CaseHistoryKind;
  id!: string;
  at!: Date;
  /** Who changed the status or assigned. */
  byUserId!: string;
  /** Status changes: the previous status, null for the opening. */
  fromStatus!: CaseStatus | null;
  /** Status changes: the new status. */
  toStatus!: CaseStatus | null;
  /** Status changes to closed: why. */
  closureReason!: ClosureReason | null;
  /** Assignments: the new assignee, null when unassigned. */
  assignedUserId!: string | null;
  note!: string | null;
}

export class CaseHistoryPageDto {
  items!: CaseHistoryItemDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
