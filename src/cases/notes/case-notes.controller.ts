import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user';
import { CurrentUser } from '../../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../../auth/decorators/require-permissions.decorator';
import { Permission } from '../../auth/permissions';
import { ApiErrorDto } from '../../common/errors/api-error.dto';
import { IdParam } from '../../common/validation/id-param';
import { CaseNotesService } from './case-notes.service';
import {
  CaseNotePageDto,
  CaseNoteResponseDto,
  CreateCaseNoteDto,
  ListCaseNotesQuery,
} from './dto/case-note.dto';

@ApiTags('Cases')
@Controller('cases/:id/notes')
export class CaseNotesController {
  constructor(private readonly notes: CaseNotesService) {}

  /** Adds a note to a case that is not closed; a sensitive note needs case.read_sensitive. Notes are never edited. */
  @Post()
  @RequirePermissions(Permission.CaseWrite)
  @ApiCreatedResponse({ type: CaseNoteResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The case is closed (CASE_CLOSED)' })
  addCaseNote(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: CreateCaseNoteDto,
  ): Promise<CaseNoteResponseDto> {
    return this.notes.add(user, id, dto);
  }

  /**
   * The case's notes, newest first. Sensitive notes come with `body: null` unless
   * `includeSensitive=true` (case.read_sensitive; audited).
   */
  @Get()
  @RequirePermissions(Permission.CaseRead)
  @ApiOkResponse({ type: CaseNotePageDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  listCaseNotes(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Query() query: ListCaseNotesQuery,
  ): Promise<CaseNotePageDto> {
    return this.notes.list(user, id, query);
  }
}
