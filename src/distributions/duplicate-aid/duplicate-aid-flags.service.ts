import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEntity } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { AccessService } from '../../auth/access/access.service';
import { Resource } from '../../auth/access/scope-rules';
import type { AuthUser } from '../../auth/auth-user';
import { isUUID } from 'class-validator';
import { BadRequestError, ConflictError, NotFoundError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, parseCursor, toPage } from '../../common/pagination/pagination';
import { AidCategory, DuplicateAidFlagStatus } from '../distribution-codes';
import { DuplicateAidFlag } from '../entities/duplicate-aid-flag.entity';
import { DuplicateAidFlagsRepository, FlagRecordRow } from './duplicate-aid-flags.repository';
import {
  DuplicateAidDecision,
  DuplicateAidFlagDto,
  DuplicateAidFlagRecordDto,
  ListDuplicateAidFlagsQuery,
  ReviewDuplicateAidFlagDto,
} from './dto/duplicate-aid-flag.dto';

/**
 * Duplicate-aid flags for supervisors. A flag is seen by the supervisors of every organisation
 * whose record is in it; each sees its own records in full and the others' only in outline.
 * One review decides the flag for all of them.
 */
@Injectable()
export class DuplicateAidFlagsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly flags: DuplicateAidFlagsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, query: ListDuplicateAidFlagsQuery): Promise<Page<DuplicateAidFlagDto>> {
    const afterId = parseIdCursor(query.cursor);
    const em = this.dataSource.manager;
    const qb = this.flags.listQuery(em, query, user.organisationId, afterId);
    const rows = await this.access.applyScope(qb, user, Resource.DuplicateAidFlag, 'f').getMany();
    const items = await this.responses(em, user, rows.slice(0, query.limit));
    return toPage(
      rows,
      query.limit,
      (f) => [f.id],
      (f) => items.get(f.id)!,
    );
  }

  async get(user: AuthUser, id: string): Promise<DuplicateAidFlagDto> {
    await this.access.requireAccess(user, Resource.DuplicateAidFlag, id, 'read');
    const em = this.dataSource.manager;
    const flag = await this.flags.find(em, id);
    if (!flag) throw new NotFoundError();
    return (await this.responses(em, user, [flag])).get(id)!;
  }

  /** Once: the flag row is locked, so of two concurrent reviews one wins and the other gets 409. */
  async review(user: AuthUser, id: string, dto: ReviewDuplicateAidFlagDto): Promise<DuplicateAidFlagDto> {
    await this.access.requireAccess(user, Resource.DuplicateAidFlag, id, 'write');
    return this.dataSource.transaction(async (em) => {
      const flag = await this.flags.lockForReview(em, id);
      if (!flag) throw new NotFoundError();
      if (flag.status !== DuplicateAidFlagStatus.Open) {
        throw new ConflictError(ErrorCode.FlagAlreadyReviewed, 'This flag has been reviewed already', {
          status: flag.status,
        });
      }
      const status =
        dto.decision === DuplicateAidDecision.Confirmed
          ? DuplicateAidFlagStatus.Confirmed
          : DuplicateAidFlagStatus.Dismissed;
      const resolution = dto.resolution ?? null;
      await this.flags.review(em, id, { status, resolution, note: dto.note, userId: user.id });
      await this.audit.record(em, user, {
        action: AuditAction.DuplicateAidFlagReviewed,
        entityType: AuditEntity.DuplicateAidFlag,
        entityId: id,
        organisationId: user.organisationId,
        // The note is free text: the audit records only that there is one.
        changes: {
          status: { from: flag.status, to: status },
          ...(resolution ? { resolution: { to: resolution } } : {}),
          reviewNote: {},
        },
      });
      const reviewed = await this.flags.find(em, id);
      return (await this.responses(em, user, [reviewed!])).get(id)!;
    });
  }

  private async responses(
    em: EntityManager,
    user: AuthUser,
    flags: DuplicateAidFlag[],
  ): Promise<Map<string, DuplicateAidFlagDto>> {
    const records = await this.flags.recordsOf(
      em,
      flags.map((f) => f.id),
    );
    const byFlag = new Map<string, DuplicateAidFlagRecordDto[]>();
    for (const r of records) {
      byFlag.set(r.flagId, [...(byFlag.get(r.flagId) ?? []), recordView(r, user.organisationId)]);
    }
    return new Map(
      flags.map((f) => [
        f.id,
        {
          id: f.id,
          rule: f.rule,
          category: f.category,
          subjectType: f.subjectType,
          amount: f.amount,
          value: f.value,
          currency: f.currency,
          status: f.status,
          resolution: f.resolution,
          reviewNote: f.reviewNote,
          reviewedByUserId: f.reviewedByUserId,
          reviewedAt: f.reviewedAt,
          raisedAt: f.raisedAt,
          records: byFlag.get(f.id) ?? [],
        },
      ]),
    );
  }
}

/** Another organisation's record in outline only: who it belongs to, what kind of aid, how much, when. */
function recordView(r: FlagRecordRow, organisationId: string): DuplicateAidFlagRecordDto {
  const own = r.organisationId === organisationId;
  return {
    own,
    organisationName: r.organisationName,
    category: r.category as AidCategory,
    quantity: r.quantity,
    distributedOn: r.distributedOn,
    id: own ? r.recordId : null,
    beneficiaryId: own ? r.beneficiaryId : null,
    aidItemId: own ? r.aidItemId : null,
    aidItemName: own ? r.aidItemName : null,
    roundId: own ? r.roundId : null,
    source: own ? r.source : null,
    voided: own ? r.voided : null,
  };
}

/** The cursor carries the last flag's id; the query reads its sort key back (microsecond timestamps). */
function parseIdCursor(cursor: string | undefined): string | undefined {
  const key = parseCursor(cursor, ['string']);
  if (!key) return undefined;
  if (!isUUID(key[0])) {
    throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: cursor', { cursor: ['invalid'] });
  }
  return String(key[0]);
}
