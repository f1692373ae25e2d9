import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessMode, AccessService } from '../auth/access/access.service';
import { Resource } from '../auth/access/scope-rules';
import type { AuthUser } from '../auth/auth-user';
import { BusinessRuleError, ConflictError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { CaseStatus } from './case-codes';
import { CasesRepository } from './cases.repository';
import { CaseFile } from './entities/case-file.entity';

/**
 * The checks every write under a case shares: the case's record scope (sub-records are reached
 * only through their case), that it is not closed, and who may be given its work.
 */
@Injectable()
export class CaseAccess {
  constructor(
    private readonly access: AccessService,
    private readonly cases: CasesRepository,
  ) {}

  /** 404 unless the case exists and is in the caller's scope; 403 if they may see but not change it. */
  requireCase(user: AuthUser, caseId: string, mode: AccessMode): Promise<void> {
    return this.access.requireAccess(user, Resource.Case, caseId, mode);
  }

  /** Whether the caller may read the case; for answers that mention another case only if so. */
  async mayRead(user: AuthUser, caseId: string): Promise<boolean> {
    return (await this.access.allowedIds(user, Resource.Case, [caseId], 'read')).has(caseId);
  }

  /**
   * The case, share-locked until commit so that it cannot be closed meanwhile; 409 CASE_CLOSED
   * if it is closed: notes, follow-ups, assessments and goals wait until a supervisor reopens it.
   */
  async lockOpenCase(em: EntityManager, caseId: string): Promise<CaseFile> {
    const caseFile = await this.cases.findForShare(em, caseId);
    if (!caseFile) throw new NotFoundError();
    assertNotClosed(caseFile);
    return caseFile;
  }

  /**
   * 422 ASSIGNEE_NOT_IN_UNIT unless `userId` is an active caseworker or supervisor of the case's
   * organisation and a member of its unit.
   */
  async requireAssignable(
    em: EntityManager,
    caseFile: Pick<CaseFile, 'organisationId' | 'unitId'>,
    userId: string,
    field = 'assignedUserId',
  ): Promise<void> {
    if (await this.cases.isAssignable(em, caseFile.organisationId, caseFile.unitId, userId)) return;
    throw new BusinessRuleError(
      ErrorCode.AssigneeNotInUnit,
      "The assignee must be an active caseworker or supervisor of the case's unit",
      { [field]: ['notInUnit'] },
    );
  }
}

export function assertNotClosed(caseFile: CaseFile): void {
  if (caseFile.status !== CaseStatus.Closed) return;
  throw new ConflictError(ErrorCode.CaseClosed, 'The case is closed; a supervisor may reopen it', {
    currentStatus: caseFile.status,
  });
}
