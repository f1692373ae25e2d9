import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../auth/access/access.service';
import { Resource } from '../auth/access/scope-rules';
import type { AuthUser } from '../auth/auth-user';
import { Permission } from '../auth/permissions';
import { BadRequestError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { Page, parseCursor, toPage } from '../common/pagination/pagination';
import { TimelineItemDto, TimelineQuery } from './dto/timeline.dto';
import { TimelineItemKind } from './timeline-item-kind';
import { TimelineKey, TimelineRepository, TimelineRow } from './timeline.repository';

/** The fields each kind of item carries besides `at`, `kind` and `id` (see TimelineItemDto). */
const FIELDS: Record<TimelineItemKind, ReadonlyArray<keyof TimelineItemDto>> = {
  [TimelineItemKind.BeneficiaryRegistered]: ['actorUserId', 'unitId'],
  [TimelineItemKind.HouseholdJoined]: ['actorUserId', 'householdId', 'relationship'],
  [TimelineItemKind.HouseholdLeft]: ['actorUserId', 'householdId', 'exitReason'],
  [TimelineItemKind.CaseOpened]: ['actorUserId', 'caseId', 'caseType', 'unitId', 'householdId'],
  [TimelineItemKind.CaseAssigned]: ['actorUserId', 'caseId', 'assignedUserId'],
  [TimelineItemKind.CaseStatusChanged]: ['actorUserId', 'caseId', 'fromStatus', 'toStatus', 'closureReason'],
  [TimelineItemKind.ServiceDelivered]: ['actorUserId', 'serviceTypeId', 'unitId', 'caseId'],
  [TimelineItemKind.ConsentRecorded]: ['actorUserId', 'purpose', 'decision'],
  [TimelineItemKind.ConsentWithdrawn]: ['actorUserId', 'purpose', 'decision'],
  [TimelineItemKind.ReferralMade]: [
    'actorUserId',
    'referralId',
    'caseId',
    'toOrganisationId',
    'toUnitId',
    'serviceTypeId',
    'urgency',
    'referralStatus',
  ],
  [TimelineItemKind.ReferralStatusChanged]: [
    'actorUserId',
    'referralId',
    'fromStatus',
    'toStatus',
    'outcome',
    'reasonGiven',
  ],
};

const COLUMN_OF: Record<string, keyof TimelineRow> = {
  actorUserId: 'actor_user_id',
  unitId: 'unit_id',
  householdId: 'household_id',
  caseId: 'case_id',
  caseType: 'case_type',
  fromStatus: 'from_status',
  toStatus: 'to_status',
  closureReason: 'closure_reason',
  assignedUserId: 'assigned_user_id',
  serviceTypeId: 'service_type_id',
  relationship: 'relationship',
  exitReason: 'exit_reason',
  purpose: 'purpose',
  decision: 'decision',
  referralId: 'referral_id',
  toOrganisationId: 'to_organisation_id',
  toUnitId: 'to_unit_id',
  urgency: 'urgency',
  referralStatus: 'referral_status',
  outcome: 'outcome',
  reasonGiven: 'reason_given',
};

const KINDS: ReadonlySet<string> = new Set(Object.values(TimelineItemKind));

/**
 * A person's history across the registry, cases, services and referrals. Every item is filtered by
 * what the caller may see, in the query itself: case items only for cases they may read,
 * deliveries only those they may read, referral items only for referrals they may read (the same
 * predicate as the referral routes). Never free text: notes, summaries and reasons stay behind
 * their own routes.
 */
@Injectable()
export class TimelineService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly timeline: TimelineRepository,
    private readonly access: AccessService,
  ) {}

  async forBeneficiary(
    user: AuthUser,
    beneficiaryId: string,
    query: TimelineQuery,
  ): Promise<Page<TimelineItemDto>> {
    const after = parseTimelineCursor(query.cursor);
    await this.access.requireAccess(user, Resource.Beneficiary, beneficiaryId, 'read');
    const em = this.dataSource.manager;
    const cases = this.access.applyScope(
      this.timeline.casesQuery(em, beneficiaryId),
      user,
      Resource.Case,
      'c',
    );
    if (!user.permissions.has(Permission.CaseRead)) cases.andWhere('false');
    const deliveries = this.access.applyScope(
      this.timeline.deliveriesQuery(em, beneficiaryId),
      user,
      Resource.ServiceDelivery,
      'd',
    );
    const referrals = this.access.applyScope(
      this.timeline.referralsQuery(em, beneficiaryId),
      user,
      Resource.Referral,
      'r',
    );
    if (!user.permissions.has(Permission.ReferralRead)) referrals.andWhere('false');
    const rows = await this.timeline.page(em, {
      beneficiaryId,
      cases,
      deliveries,
      referrals,
      after,
      limit: query.limit + 1,
    });
    return toPage(rows, query.limit, (r) => [r.at.toISOString(), r.kind, r.id], toTimelineItem);
  }
}

function toTimelineItem(row: TimelineRow): TimelineItemDto {
  const item: Record<string, unknown> = { at: row.at, kind: row.kind, id: row.id };
  for (const field of FIELDS[row.kind]) item[field] = row[COLUMN_OF[field]];
  return item as unknown as TimelineItemDto;
}

function parseTimelineCursor(cursor: string | undefined): TimelineKey | undefined {
  const key = parseCursor(cursor, ['string', 'string', 'string']);
  if (!key) return undefined;
  const [at, kind, id] = key as [string, string, string];
  const time = Date.parse(at);
  if (Number.isNaN(time) || new Date(time).toISOString() !== at || !KINDS.has(kind) || id.length > 40) {
    throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: cursor', { cursor: ['invalid'] });
  }
  return [at, kind as TimelineItemKind, id];
}
