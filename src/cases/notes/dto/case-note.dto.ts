import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { QueryBoolean } from '../../../common/validation/transforms';

export class CreateCaseNoteDto {
  /** Stored as written (no trimming: notes keep their layout); 1 to 10,000 characters, not blank. */
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  @Matches(/\S/)
  body!: string;

  /** Protection or health detail: readable only with case.read_sensitive, which writing it needs too. */
  @IsOptional()
  @IsBoolean()
  isSensitive?: boolean;
}

export class ListCaseNotesQuery extends PageQueryDto {
  /** Show the bodies of sensitive notes (needs case.read_sensitive; the read is audited). */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeSensitive?: boolean;
}

export class CaseNoteResponseDto {
  id!: string;
  caseId!: string;
  /** Null for a sensitive note unless it was asked for with `includeSensitive=true`. */
  body!: string | null;
  isSensitive!: boolean;
  authorUserId!: string;
  createdAt!: Date;
}

export class CaseNotePageDto {
  items!: CaseNoteResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
