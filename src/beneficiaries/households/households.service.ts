import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEntity } from '../../audit/audit-action';
import { AuditEntry, AuditService } from '../../audit/audit.service';
import { AccessService } from '../../auth/access/access.service';
import { Resource } from '../../auth/access/scope-rules';
import type { AuthUser } from '../../auth/auth-user';
import { Permission } from '../../auth/permissions';
import {
  BadRequestError,
  BusinessRuleError,
  ConflictError,
  NotFoundError,
} from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, parseCursor, toPage } from '../../common/pagination/pagination';
import { isIsoCalendarDate, utcToday } from '../../common/validation/field-rules';
import { violatedUniqueConstraint } from '../../database/unique-violation';
import { OrganisationsRepository } from '../../organisations/organisations.repository';
import { HouseholdExitReason, HouseholdRelationship } from '../beneficiary-codes';
import { HouseholdMembership } from '../entities/household-membership.entity';
import { Household } from '../entities/household.entity';
import {
  AddHouseholdMemberDto,
  CreateHouseholdDto,
  EndHouseholdMembershipDto,
  HouseholdMemberDto,
  HouseholdMembershipResponseDto,
  HouseholdResponseDto,
  ListHouseholdMembersQuery,
  UpdateHouseholdMembershipDto,
} from './dto/household.dto';
import { HouseholdsRepository, MembershipWithNames } from './households.repository';
import { registeringUnit } from '../registering-unit';

/** Names the request field a member's error is about: `beneficiaryId`, or `members.2.beneficiaryId`. */
type FieldOf = (index: number, field: 'beneficiaryId' | 'startedOn') => string;
const ownFields: FieldOf = (_index, field) => field;
const memberFields: FieldOf = (index, field) => `members.${index}.${field}`;

/**
 * Households and their members over time. A person belongs to at most one household at a time
 * and a household has at most one current head: the partial unique indexes
 * `uq_household_memberships_current` and `uq_household_memberships_head` decide races, and the
 * checks here only give the usual case a clearer answer. Members are added only by callers who
 * may change the person's record; ending or moving keeps the old membership as history.
 */
@Injectable()
export class HouseholdsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly households: HouseholdsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(user: AuthUser, dto: CreateHouseholdDto): Promise<HouseholdResponseDto> {
    const members = dto.members ?? [];
    const beneficiaryIds = members.map((m) => m.beneficiaryId);
    await this.requireWritablePeople(user, beneficiaryIds, memberFields);
    const today = utcToday();
    try {
      return await this.dataSource.transaction(async (em) => {
        const registeredUnitId = await registeringUnit(this.organisations, em, user, dto.registeredUnitId);
        const household = await this.households.insertHousehold(em, {
          organisationId: user.organisationId,
          registeredUnitId,
          createdByUserId: user.id,
          notes: dto.notes ?? null,
        });
        // People in id order, so that two requests naming the same people cannot deadlock.
        const ordered = [...members.entries()].sort(([, a], [, b]) =>
          a.beneficiaryId < b.beneficiaryId ? -1 : 1,
        );
        for (const [index, member] of ordered) {
          const current = await this.households.currentMembershipForUpdate(em, member.beneficiaryId);
          if (current) {
            throw await this.memberOfOtherHousehold(em, user, current.householdId, index, memberFields);
          }
          await this.requireStartAfterHistory(em, member.beneficiaryId, member.startedOn ?? today, null, () =>
            memberFields(index, 'startedOn'),
          );
        }
        const memberships = await this.households.insertMemberships(
          em,
          ordered.map(([, m]) => ({
            organisationId: household.organisationId,
            householdId: household.id,
            beneficiaryId: m.beneficiaryId,
            relationship: m.relationship,
            startedOn: m.startedOn ?? today,
            createdByUserId: user.id,
          })),
        );
        await this.audit.recordMany(em, user, [
          {
            action: AuditAction.HouseholdCreated,
            entityType: AuditEntity.Household,
            entityId: household.id,
            organisationId: household.organisationId,
            changes: {
              registeredUnitId: { to: registeredUnitId },
              ...(household.notes ? { notes: {} } : {}),
            },
          },
          ...memberships.map(memberAdded),
        ]);
        return this.response(em, user, household);
      });
    } catch (error) {
      throw await this.membershipConflict(user, error, beneficiaryIds, null, memberFields);
    }
  }

  async get(user: AuthUser, id: string): Promise<HouseholdResponseDto> {
    await this.access.requireAccess(user, Resource.Household, id, 'read');
    const em = this.dataSource.manager;
    const household = await this.households.findHousehold(em, id);
    if (!household) throw new NotFoundError();
    return this.response(em, user, household);
  }

  async listMembers(
    user: AuthUser,
    id: string,
    query: ListHouseholdMembersQuery,
  ): Promise<Page<HouseholdMemberDto>> {
    const after = parseMemberCursor(query.cursor);
    await this.access.requireAccess(user, Resource.Household, id, 'read');
    const qb = this.households.memberHistoryQuery(this.dataSource.manager, id, query, after);
    const rows = await this.access.applyScope(qb, user, Resource.Beneficiary, 'b').getMany();
    return toPage(rows as MembershipWithNames[], query.limit, (m) => [m.startedOn, m.id], toMember);
  }

  async addMember(
    user: AuthUser,
    householdId: string,
    dto: AddHouseholdMemberDto,
  ): Promise<HouseholdMembershipResponseDto> {
    await this.access.requireAccess(user, Resource.Household, householdId, 'write');
    await this.requireWritablePeople(user, [dto.beneficiaryId], ownFields);
    const startedOn = dto.startedOn ?? utcToday();
    try {
      return await this.dataSource.transaction(async (em) => {
        const household = await this.households.findHousehold(em, householdId);
        if (!household) throw new NotFoundError();
        const current = await this.households.currentMembershipForUpdate(em, dto.beneficiaryId);
        if (current?.householdId === householdId) throw alreadyMember();
        if (current && !dto.move) {
          throw await this.memberOfOtherHousehold(em, user, current.householdId, 0, ownFields);
        }
        await this.requireStartAfterHistory(em, dto.beneficiaryId, startedOn, current, () => 'startedOn');
        if (
          dto.relationship === HouseholdRelationship.Head &&
          (await this.households.hasCurrentHead(em, householdId))
        ) {
          throw householdHasHead();
        }
        const entries: AuditEntry[] = [];
        if (current) {
          // The move: the old period ends the day the new one starts, in the same transaction.
          await this.households.endMembership(em, current, {
            endedOn: startedOn,
            exitReason: HouseholdExitReason.MovedToOtherHousehold,
            endedByUserId: user.id,
          });
          entries.push(memberEnded(current));
        }
        const [membership] = await this.households.insertMemberships(em, [
          {
            organisationId: household.organisationId,
            householdId,
            beneficiaryId: dto.beneficiaryId,
            relationship: dto.relationship,
            startedOn,
            createdByUserId: user.id,
          },
        ]);
        entries.push(memberAdded(membership));
        await this.audit.recordMany(em, user, entries);
        return toMembershipResponse(membership);
      });
    } catch (error) {
      throw await this.membershipConflict(user, error, [dto.beneficiaryId], householdId, ownFields);
    }
  }

  async updateMembership(
    user: AuthUser,
    id: string,
    dto: UpdateHouseholdMembershipDto,
  ): Promise<HouseholdMembershipResponseDto> {
    await this.requireMembershipAccess(user, id);
    try {
      return await this.dataSource.transaction(async (em) => {
        const membership = await this.households.getMembershipForUpdate(em, id);
        if (membership.endedOn !== null) throw membershipEnded();
        const from = membership.relationship;
        if (from === dto.relationship) return toMembershipResponse(membership);
        if (
          dto.relationship === HouseholdRelationship.Head &&
          (await this.households.hasCurrentHead(em, membership.householdId, id))
        ) {
          throw householdHasHead();
        }
        await this.households.setRelationship(em, membership, dto.relationship);
        await this.audit.record(em, user, {
          action: AuditAction.HouseholdMemberUpdated,
          entityType: AuditEntity.HouseholdMembership,
          entityId: id,
          organisationId: membership.organisationId,
          changes: { relationship: { from, to: dto.relationship } },
        });
        return toMembershipResponse(membership);
      });
    } catch (error) {
      throw await this.membershipConflict(user, error, [], null, ownFields);
    }
  }

  async endMembership(
    user: AuthUser,
    id: string,
    dto: EndHouseholdMembershipDto,
  ): Promise<HouseholdMembershipResponseDto> {
    await this.requireMembershipAccess(user, id);
    const endedOn = dto.endedOn ?? utcToday();
    return this.dataSource.transaction(async (em) => {
      const membership = await this.households.getMembershipForUpdate(em, id);
      if (membership.endedOn !== null) throw membershipEnded();
      if (endedOn < membership.startedOn) {
        throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: endedOn', {
          endedOn: ['notBeforeStartedOn'],
        });
      }
      await this.households.endMembership(em, membership, {
        endedOn,
        exitReason: dto.exitReason,
        endedByUserId: user.id,
      });
      await this.audit.record(em, user, memberEnded(membership));
      return toMembershipResponse(membership);
    });
  }

  /**
   * A membership is the caller's to change when both its household and its person are: 404 when
   * either is out of sight (or the membership does not exist), 403 when visible but not theirs.
   */
  private async requireMembershipAccess(user: AuthUser, id: string): Promise<void> {
    const membership = await this.households.findMembership(this.dataSource.manager, id);
    if (!membership) throw new NotFoundError();
    await this.access.requireAccess(user, Resource.Household, membership.householdId, 'read');
    await this.access.requireAccess(user, Resource.Beneficiary, membership.beneficiaryId, 'read');
    await this.access.requireAccess(user, Resource.Household, membership.householdId, 'write');
    await this.access.requireAccess(user, Resource.Beneficiary, membership.beneficiaryId, 'write');
  }

  /** People the caller may not change are reported like people who do not exist: 422, by field. */
  private async requireWritablePeople(
    user: AuthUser,
    beneficiaryIds: readonly string[],
    fieldOf: FieldOf,
  ): Promise<void> {
    const allowed = await this.access.allowedIds(user, Resource.Beneficiary, beneficiaryIds, 'write');
    const details: Record<string, string[]> = {};
    beneficiaryIds.forEach((id, index) => {
      if (!allowed.has(id)) details[fieldOf(index, 'beneficiaryId')] = ['notFound'];
    });
    if (Object.keys(details).length) {
      throw new BusinessRuleError(
        ErrorCode.ReferencedRecordNotFound,
        'No such beneficiary among the records you may change',
        details,
      );
    }
  }

  /**
   * The registering unit, as for beneficiaries: as asked, or the caller's only unit. A supervisor,
   * who answers for the whole organisation, may name any unit of it, everyone else only their
   * own; either way an active one. The shared lock keeps it from being deactivated until commit.
   */
  /**
   * A person's periods of membership must not overlap, so that "the household of B on day D" has
   * one answer: a new period starts no earlier than the last one ended, nor (for a move) before
   * the current one started, since that one ends the day the new one starts.
   */
  private async requireStartAfterHistory(
    em: EntityManager,
    beneficiaryId: string,
    startedOn: string,
    current: HouseholdMembership | null,
    field: () => string,
  ): Promise<void> {
    const lastEnd = await this.households.lastEndOf(em, beneficiaryId);
    const bounds = [lastEnd, current?.startedOn].filter((d): d is string => Boolean(d));
    if (bounds.some((bound) => startedOn < bound)) {
      throw new BadRequestError(ErrorCode.ValidationFailed, `Invalid fields: ${field()}`, {
        [field()]: ['beforeEarlierMembership'],
      });
    }
  }

  /** The id of the other household only when the caller may see it; otherwise nothing about it. */
  private async memberOfOtherHousehold(
    em: EntityManager,
    user: AuthUser,
    otherHouseholdId: string,
    index: number,
    fieldOf: FieldOf,
  ): Promise<ConflictError> {
    const visible = await this.access.allowedIds(user, Resource.Household, [otherHouseholdId], 'read', em);
    return new ConflictError(
      ErrorCode.MemberOfOtherHousehold,
      fieldOf === ownFields
        ? 'The person belongs to another household; send move: true to move them here'
        : 'The person belongs to another household',
      {
        [fieldOf(index, 'beneficiaryId')]: ['memberOfOtherHousehold'],
        ...(visible.has(otherHouseholdId) ? { householdId: otherHouseholdId } : {}),
      },
    );
  }

  /**
   * Turns a violated membership index (a concurrent request won the race) into the conflict the
   * checks would have answered, looking at what the winner committed; other errors pass through.
   */
  private async membershipConflict(
    user: AuthUser,
    error: unknown,
    beneficiaryIds: readonly string[],
    householdId: string | null,
    fieldOf: FieldOf,
  ): Promise<unknown> {
    const constraint = violatedUniqueConstraint(error);
    if (constraint === 'uq_household_memberships_head') return householdHasHead();
    if (constraint !== 'uq_household_memberships_current') return error;
    const em = this.dataSource.manager;
    const current = await this.households.currentHouseholdsOf(em, beneficiaryIds);
    const index = Math.max(
      0,
      beneficiaryIds.findIndex((id) => current.has(id)),
    );
    const other = current.get(beneficiaryIds[index]);
    if (other === undefined) {
      return new ConflictError(ErrorCode.MemberOfOtherHousehold, 'The person belongs to another household', {
        [fieldOf(index, 'beneficiaryId')]: ['memberOfOtherHousehold'],
      });
    }
    if (other === householdId) return alreadyMember();
    return this.memberOfOtherHousehold(em, user, other, index, fieldOf);
  }

  /** The household with the current members the caller may see, and its size counted from all of them. */
  private async response(
    em: EntityManager,
    user: AuthUser,
    household: Household,
  ): Promise<HouseholdResponseDto> {
    const qb = this.households.currentMembersQuery(em, household.id);
    const members = (await this.access
      .applyScope(qb, user, Resource.Beneficiary, 'b')
      .getMany()) as MembershipWithNames[];
    const size = await this.households.sizeOf(em, household.id);
    return {
      id: household.id,
      organisationId: household.organisationId,
      registeredUnitId: household.registeredUnitId,
      ...(user.permissions.has(Permission.BeneficiaryRead) ? { notes: household.notes } : {}),
      size,
      members: members.map(toMember),
      createdAt: household.createdAt,
      updatedAt: household.updatedAt,
    };
  }
}

/** The member list's cursor: the last item's start date and membership id. */
function parseMemberCursor(cursor: string | undefined): (string | number)[] | undefined {
  const after = parseCursor(cursor, ['string', 'string']);
  if (after && (!isIsoCalendarDate(after[0]) || !isUUID(after[1]))) {
    throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: cursor', { cursor: ['invalid'] });
  }
  return after;
}

function alreadyMember(): ConflictError {
  return new ConflictError(
    ErrorCode.AlreadyHouseholdMember,
    'The person is already a member of this household',
    {
      beneficiaryId: ['alreadyMember'],
    },
  );
}

function householdHasHead(): ConflictError {
  return new ConflictError(ErrorCode.HouseholdHasHead, 'The household already has a head', {
    relationship: ['householdHasHead'],
  });
}

function membershipEnded(): ConflictError {
  return new ConflictError(ErrorCode.MembershipEnded, 'The membership has ended', { id: ['ended'] });
}

/** Audit entries name ids and codes only, never the person's names. */
function memberAdded(m: HouseholdMembership): AuditEntry {
  return {
    action: AuditAction.HouseholdMemberAdded,
    entityType: AuditEntity.HouseholdMembership,
    entityId: m.id,
    organisationId: m.organisationId,
    changes: {
      householdId: { to: m.householdId },
      beneficiaryId: { to: m.beneficiaryId },
      relationship: { to: m.relationship },
    },
  };
}

function memberEnded(m: HouseholdMembership): AuditEntry {
  return {
    action: AuditAction.HouseholdMemberEnded,
    entityType: AuditEntity.HouseholdMembership,
    entityId: m.id,
    organisationId: m.organisationId,
    changes: { exitReason: { to: m.exitReason } },
  };
}

function toMember(m: MembershipWithNames): HouseholdMemberDto {
  return {
    membershipId: m.id,
    beneficiaryId: m.beneficiaryId,
    givenName: m.beneficiary.givenName,
    familyName: m.beneficiary.familyName,
    relationship: m.relationship,
    startedOn: m.startedOn,
    endedOn: m.endedOn,
    exitReason: m.exitReason,
  };
}

function toMembershipResponse(m: HouseholdMembership): HouseholdMembershipResponseDto {
  return {
    id: m.id,
    householdId: m.householdId,
    beneficiaryId: m.beneficiaryId,
    relationship: m.relationship,
    startedOn: m.startedOn,
    endedOn: m.endedOn,
    exitReason: m.exitReason,
    createdAt: m.createdAt,
  };
}
