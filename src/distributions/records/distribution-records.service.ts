import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEntity } from '../../audit/audit-action';
import { AuditChanges, AuditService } from '../../audit/audit.service';
import { AccessService } from '../../auth/access/access.service';
import { Resource } from '../../auth/access/scope-rules';
import type { AuthUser } from '../../auth/auth-user';
import { Permission } from '../../auth/permissions';
import {
  BadRequestError,
  BusinessRuleError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, toPage } from '../../common/pagination/pagination';
import { utcToday } from '../../common/validation/field-rules';
import { parseIdCursor } from '../../cases/case-cursor';
import { DistributionSource, EntitlementRule } from '../distribution-codes';
import { dayNumber } from '../entitlement';
import {
  DistributionResponseDto,
  ListDistributionsQuery,
  RecordDistributionDto,
  VoidDistributionDto,
} from './dto/distribution.dto';
import { DistributionRecordsRepository, RecordRow } from './distribution-records.repository';
import { EntitlementService } from './entitlement.service';
import { RoundsRepository } from '../rounds/rounds.repository';

const referenceNotFound = (field: string, message: string) =>
  new BusinessRuleError(ErrorCode.ReferencedRecordNotFound, message, { [field]: ['notFound'] });

/**
 * Recording aid at a distribution point. The round's criteria and the item's rule are checked and
 * the record inserted in one transaction that first locks the person and the household they
 * belong to that day (DistributionRecordsRepository.lockSubjects): of fifty requests for one
 * household at the same second, one records and the others find its receipt. Records are never
 * changed; a void takes one out of the count.
 */
@Injectable()
export class DistributionRecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: DistributionRecordsRepository,
    private readonly rounds: RoundsRepository,
    private readonly entitlement: EntitlementService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async record(user: AuthUser, dto: RecordDistributionDto): Promise<DistributionResponseDto> {
    if (dto.override && !user.permissions.has(Permission.DistributionOverride)) {
      throw new ForbiddenError('Recording despite a rule needs distribution.override', {
        override: ['needsDistributionOverride'],
      });
    }
    const on = dto.distributedOn ?? utcToday();
    const id = await this.dataSource.transaction(async (em) => {
      const people = await this.access.allowedIds(
        user,
        Resource.Beneficiary,
        [dto.beneficiaryId],
        'read',
        em,
      );
      if (!people.has(dto.beneficiaryId)) throw referenceNotFound('beneficiaryId', 'No such person');
      const context = await this.rounds.findRoundItem(em, dto.roundId, dto.aidItemId);
      if (!context || context.organisationId !== user.organisationId) {
        // Another organisation's round is unknown here, like one that does not exist.
        const ours =
          !context && (await this.records.roundOrganisation(em, dto.roundId)) === user.organisationId;
        throw ours
          ? referenceNotFound('aidItemId', 'The item is not in this round')
          : referenceNotFound('roundId', 'No such round');
      }
      if (!context.aidItemActive) {
        throw new BusinessRuleError(ErrorCode.AidItemInactive, 'The aid item is retired', {
          aidItemId: ['inactive'],
        });
      }
      if (dayNumber(on) < dayNumber(context.startsOn) || dayNumber(on) > dayNumber(context.endsOn)) {
        throw new BusinessRuleError(
          ErrorCode.OutsideRoundPeriod,
          `The round runs from ${context.startsOn} to ${context.endsOn}`,
          { distributedOn: ['outsideRound'] },
        );
      }
      const location = this.location(dto.location, context.locations);
      // Lock before reading anything the rule counts: the household is the one of the day, read
      // again under the lock in case a move was recorded meanwhile.
      const before = await this.records.personFacts(em, dto.beneficiaryId, on);
      await this.records.lockSubjects(em, [
        dto.beneficiaryId,
        ...(before?.householdId ? [before.householdId] : []),
      ]);
      const person = (await this.records.personFacts(em, dto.beneficiaryId, on))!;
      if (person.householdId !== before?.householdId && person.householdId) {
        await this.records.lockSubjects(em, [person.householdId]);
      }
      const assessment = await this.entitlement.assess(em, context, person, {
        beneficiaryId: dto.beneficiaryId,
        roundId: dto.roundId,
        aidItemId: dto.aidItemId,
        on,
        quantity: dto.quantity,
      });
      const broken: EntitlementRule[] = [];
      if (!assessment.eligible) {
        if (!dto.override) {
          throw new BusinessRuleError(
            ErrorCode.NotEligible,
            `Not eligible for this round: ${assessment.eligibilityProblems.join(', ')}`,
            { criteria: assessment.eligibilityProblems },
          );
        }
        broken.push(EntitlementRule.EligibilityCriteria);
      }
      if (!assessment.entitled) {
        if (!dto.override) throw await this.refusal(em, user, assessment.refusals, assessment.entitledFrom);
        broken.push(...assessment.refusals.map((r) => r.rule));
      }
      const quantity = dto.quantity ?? context.rule.quantityPerReceipt;
      const created = await this.records.insert(em, {
        organisationId: user.organisationId,
        roundId: context.roundId,
        roundItemId: context.roundItemId,
        aidItemId: dto.aidItemId,
        beneficiaryId: dto.beneficiaryId,
        householdId: person.householdId,
        quantity: quantity.toFixed(2),
        unitValue: context.unitValue,
        currency: context.currency,
        distributedOn: on,
        location,
        source: DistributionSource.Live,
        recordedByUserId: user.id,
        overriddenRules: broken,
        overrideReason: broken.length ? dto.override!.reason : null,
      });
      const changes: AuditChanges = {
        roundId: { to: created.roundId },
        aidItemId: { to: created.aidItemId },
        beneficiaryId: { to: created.beneficiaryId },
        quantity: { to: quantity },
        distributedOn: { to: on },
      };
      await this.audit.record(em, user, {
        action: AuditAction.DistributionRecorded,
        entityType: AuditEntity.DistributionRecord,
        entityId: created.id,
        organisationId: created.organisationId,
        changes,
      });
      if (broken.length) {
        await this.audit.record(em, user, {
          action: AuditAction.DistributionOverridden,
          entityType: AuditEntity.DistributionRecord,
          entityId: created.id,
          organisationId: created.organisationId,
          changes: { overriddenRules: { to: broken }, overrideReason: {} },
        });
      }
      return created.id;
    });
    return this.get(user, id);
  }

  async void(user: AuthUser, id: string, dto: VoidDistributionDto): Promise<DistributionResponseDto> {
    await this.access.requireAccess(user, Resource.DistributionRecord, id, 'write');
    await this.dataSource.transaction(async (em) => {
      if (!(await this.records.void(em, id, dto.reason, user.id))) {
        throw new ConflictError(ErrorCode.AlreadyVoided, 'This record is voided already');
      }
      const record = await this.records.find(em, id);
      await this.audit.record(em, user, {
        action: AuditAction.DistributionVoided,
        entityType: AuditEntity.DistributionRecord,
        entityId: id,
        organisationId: record!.organisationId,
        changes: { voided: { to: true }, reason: {} },
      });
    });
    return this.get(user, id);
  }

  async get(user: AuthUser, id: string): Promise<DistributionResponseDto> {
    await this.access.requireAccess(user, Resource.DistributionRecord, id, 'read');
    const row = await this.records.find(this.dataSource.manager, id);
    if (!row) throw new NotFoundError();
    return toResponse(row);
  }

  async list(user: AuthUser, query: ListDistributionsQuery): Promise<Page<DistributionResponseDto>> {
    if (query.from && query.to && query.to < query.from) {
      throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: to', { to: ['notBeforeFrom'] });
    }
    const afterId = parseIdCursor(query.cursor);
    const qb = this.records.listQuery(this.dataSource.manager, query, afterId);
    const rows = await this.records.withExtras(
      this.access.applyScope(qb, user, Resource.DistributionRecord, 'd'),
    );
    return toPage(rows, query.limit, (r) => [r.id], toResponse);
  }

  private location(given: string | undefined, locations: readonly string[]): string | null {
    if (given === undefined) {
      if (locations.length > 1) {
        throw new BadRequestError(ErrorCode.ValidationFailed, 'The round has several locations: say which', {
          location: ['required'],
        });
      }
      return locations[0] ?? null;
    }
    if (locations.length && !locations.includes(given)) {
      throw new BadRequestError(ErrorCode.ValidationFailed, 'Not a location of the round', {
        location: ['notARoundLocation'],
      });
    }
    return given;
  }

  /**
   * 409 ENTITLEMENT_EXCEEDED naming the binding rule, the day the subject is entitled again (null:
   * not in this round), every refusing rule, and the earlier records that use the entitlement up,
   * as far as the caller may see them.
   */
  private async refusal(
    em: EntityManager,
    user: AuthUser,
    refusals: Array<{ rule: EntitlementRule; entitledFrom: string | null; conflictingRecordIds: string[] }>,
    entitledFrom: string | null,
  ): Promise<ConflictError> {
    const ids = [...new Set(refusals.flatMap((r) => r.conflictingRecordIds))];
    const visible = await this.access.allowedIds(user, Resource.DistributionRecord, ids, 'read', em);
    const briefs = await this.records.briefs(
      em,
      ids.filter((i) => visible.has(i)),
    );
    const binding = refusals.find((r) => r.entitledFrom === null) ?? refusals.at(-1)!;
    return new ConflictError(
      ErrorCode.EntitlementExceeded,
      entitledFrom
        ? `Not entitled until ${entitledFrom} (${binding.rule})`
        : `Not entitled again in this round (${binding.rule})`,
      {
        rule: binding.rule,
        entitledFrom,
        refusals: refusals.map((r) => ({ rule: r.rule, entitledFrom: r.entitledFrom })),
        earlierRecords: briefs,
      },
    );
  }
}

function toResponse(r: RecordRow): DistributionResponseDto {
  return {
    id: r.id,
    roundId: r.roundId,
    aidItemId: r.aidItemId,
    aidItemName: r.aidItemName,
    category: r.category,
    beneficiaryId: r.beneficiaryId,
    householdId: r.householdId,
    quantity: Number(r.quantity),
    unitValue: r.unitValue === null ? null : Number(r.unitValue),
    currency: r.currency,
    distributedOn: r.distributedOn,
    location: r.location,
    source: r.source,
    recordedByUserId: r.recordedByUserId,
    recordedAt: r.recordedAt,
    overriddenRules: r.overriddenRules,
    overrideReason: r.overrideReason,
    void: r.voidedAt
      ? { reason: r.voidReason!, voidedByUserId: r.voidedByUserId!, voidedAt: r.voidedAt }
      : null,
  };
}
