import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEntity } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../auth/auth-user';
import { Permission } from '../../auth/permissions';
import { ForbiddenError } from '../../common/errors/domain-error';
import { Page, toPage } from '../../common/pagination/pagination';
import { CaseAccess } from '../case-access.service';
import { parseIdCursor } from '../case-cursor';
import { CaseNote } from '../entities/case-note.entity';
import { CaseNotesRepository } from './case-notes.repository';
import { CaseNoteResponseDto, CreateCaseNoteDto, ListCaseNotesQuery } from './dto/case-note.dto';

/**
 * Case notes. Sensitive notes (protection, health) are written and read only with
 * case.read_sensitive; listing them with their bodies leaves an audit event in the same
 * transaction as the read, so a read whose audit row cannot be written returns nothing.
 */
@Injectable()
export class CaseNotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notes: CaseNotesRepository,
    private readonly caseAccess: CaseAccess,
    private readonly audit: AuditService,
  ) {}

  async add(user: AuthUser, caseId: string, dto: CreateCaseNoteDto): Promise<CaseNoteResponseDto> {
    const isSensitive = dto.isSensitive ?? false;
    if (isSensitive && !user.permissions.has(Permission.CaseReadSensitive)) {
      throw new ForbiddenError('Writing a sensitive note needs case.read_sensitive', {
        isSensitive: ['needsCaseReadSensitive'],
      });
    }
    await this.caseAccess.requireCase(user, caseId, 'write');
    return this.dataSource.transaction(async (em) => {
      const caseFile = await this.caseAccess.lockOpenCase(em, caseId);
      const note = await this.notes.insert(em, {
        caseId,
        body: dto.body,
        isSensitive,
        authorUserId: user.id,
      });
      await this.audit.record(em, user, {
        action: AuditAction.CaseNoteAdded,
        entityType: AuditEntity.Case,
        entityId: caseId,
        organisationId: caseFile.organisationId,
        changes: { noteId: { to: note.id }, isSensitive: { to: isSensitive }, body: {} },
      });
      return toNoteResponse(note, true);
    });
  }

  async list(user: AuthUser, caseId: string, query: ListCaseNotesQuery): Promise<Page<CaseNoteResponseDto>> {
    const afterId = parseIdCursor(query.cursor);
    const includeSensitive = query.includeSensitive === true;
    if (includeSensitive && !user.permissions.has(Permission.CaseReadSensitive)) {
      throw new ForbiddenError('Reading sensitive notes needs case.read_sensitive', {
        includeSensitive: ['needsCaseReadSensitive'],
      });
    }
    await this.caseAccess.requireCase(user, caseId, 'read');
    if (!includeSensitive) {
      const rows = await this.notes.page(this.dataSource.manager, caseId, query.limit, afterId);
      return toPage(
        rows,
        query.limit,
        (n) => [n.id],
        (n) => toNoteResponse(n, false),
      );
    }
    return this.dataSource.transaction(async (em) => {
      const rows = await this.notes.page(em, caseId, query.limit, afterId);
      await this.auditSensitiveRead(em, user, caseId, rows.slice(0, query.limit));
      return toPage(
        rows,
        query.limit,
        (n) => [n.id],
        (n) => toNoteResponse(n, true),
      );
    });
  }

  private async auditSensitiveRead(em: EntityManager, user: AuthUser, caseId: string, shown: CaseNote[]) {
    const sensitive = shown.filter((n) => n.isSensitive);
    if (!sensitive.length) return;
    await this.audit.record(em, user, {
      action: AuditAction.CaseSensitiveNotesRead,
      entityType: AuditEntity.Case,
      entityId: caseId,
      organisationId: user.organisationId,
      fieldsRead: ['caseNote.body'],
      changes: { noteIds: { to: sensitive.map((n) => n.id) } },
    });
  }
}

function toNoteResponse(n: CaseNote, showSensitive: boolean): CaseNoteResponseDto {
  return {
    id: n.id,
    caseId: n.caseId,
    body: n.isSensitive && !showSensitive ? null : n.body,
    isSensitive: n.isSensitive,
    authorUserId: n.authorUserId,
    createdAt: n.createdAt,
  };
}
