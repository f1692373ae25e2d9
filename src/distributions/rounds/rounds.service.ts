import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEntity } from '../../audit/audit-action';
import { AuditService, diffForAudit } from '../../audit/audit.service';
import { AccessService } from '../../auth/access/access.service';
import { Resource } from '../../auth/access/scope-rules';
import type { AuthUser } from '../../auth/auth-user';
import { definedFields } from '../../common/defined';
import {
  BadRequestError,
  BusinessRuleError,
  ConflictError,
  NotFoundError,
} from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, parseCursor, toPage } from '../../common/pagination/pagination';
import { violatedUniqueConstraint } from '../../database/unique-violation';
import { AidItemsRepository } from '../catalogue/aid-items.repository';
import { owningOrganisation } from '../catalogue/owning-organisation';
import { DistributionRound } from '../entities/distribution-round.entity';
import { RoundItem } from '../entities/round-item.entity';
import {
  CreateDistributionRoundDto,
  DistributionRoundDetailDto,
  DistributionRoundResponseDto,
  ListDistributionRoundsQuery,
  RoundItemDto,
  RoundItemResponseDto,
  RoundItemRuleDto,
  RoundTotalsDto,
  UpdateDistributionRoundDto,
} from './dto/distribution-round.dto';
import { itemsProblems, Problems, roundProblems, ruleProblems } from './round-rules';
import { RoundItemRow, RoundsRepository } from './rounds.repository';

/** A rule as the audit log records it (before and after a change). */
type AuditedRule = Pick<
  RoundItem,
  'countedPer' | 'minDaysBetween' | 'maxPerPeriod' | 'periodDays' | 'exclusiveWithItemIds'
> & { quantityPerReceipt: number };

/**
 * Distribution rounds, their items and entitlement rules, and their totals. Rules are validated
 * when saved; changing one later applies to receipts recorded after the change, never re-judges
 * earlier ones.
 */
@Injectable()
export class RoundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsRepository,
    private readonly aidItems: AidItemsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(
    user: AuthUser,
    query: ListDistributionRoundsQuery,
  ): Promise<Page<DistributionRoundResponseDto>> {
    const after = parseCursor(query.cursor, ['string', 'string']);
    const qb = this.rounds.listQuery(this.dataSource.manager, query, after);
    const rows = await this.access.applyScope(qb, user, Resource.DistributionRound, 'r').getMany();
    return toPage(rows, query.limit, (r) => [r.startsOn, r.id], toRoundResponse);
  }

  async get(user: AuthUser, id: string): Promise<DistributionRoundDetailDto> {
    await this.access.requireAccess(user, Resource.DistributionRound, id, 'read');
    const em = this.dataSource.manager;
    return toRoundDetail(await this.rounds.get(em, id), await this.rounds.itemsOf(em, id));
  }

  async create(user: AuthUser, dto: CreateDistributionRoundDto): Promise<DistributionRoundDetailDto> {
    const eligibility = dto.eligibility ?? {};
    const items = dto.items ?? [];
    assertValid({
      ...roundProblems({
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        minHouseholdSize: eligibility.minHouseholdSize ?? null,
        maxHouseholdSize: eligibility.maxHouseholdSize ?? null,
      }),
      ...itemsProblems(items),
    });
    return this.dataSource
      .transaction(async (em) => {
        const organisation = await owningOrganisation(em, this.access, user, dto.organisationId);
        await this.checkAidItems(
          em,
          organisation.id,
          items.map((item, i) => ({ item, prefix: `items.${i}.`, adding: true })),
        );
        const round = await em.save(
          em.create(DistributionRound, {
            organisationId: organisation.id,
            name: dto.name,
            startsOn: dto.startsOn,
            endsOn: dto.endsOn,
            locations: dto.locations,
            eligibleVulnerabilities: eligibility.eligibleVulnerabilities ?? [],
            minHouseholdSize: eligibility.minHouseholdSize ?? null,
            maxHouseholdSize: eligibility.maxHouseholdSize ?? null,
            eligibleDistricts: eligibility.eligibleDistricts ?? [],
            eligibleLegalStatuses: eligibility.eligibleLegalStatuses ?? [],
            createdByUserId: user.id,
          }),
        );
        if (items.length) {
          await em.insert(
            RoundItem,
            items.map((item) => ({
              roundId: round.id,
              organisationId: round.organisationId,
              ...ruleColumns(item),
            })),
          );
        }
        await this.audit.record(em, user, {
          action: AuditAction.DistributionRoundCreated,
          entityType: AuditEntity.DistributionRound,
          entityId: round.id,
          organisationId: round.organisationId,
          changes: {
            name: { to: round.name },
            startsOn: { to: round.startsOn },
            endsOn: { to: round.endsOn },
            locations: { to: round.locations },
            ...eligibilityChanges(round),
            items: {
              to: items.map((item) => ({ aidItemId: item.aidItemId, ...auditedRule(ruleColumns(item)) })),
            },
          },
        });
        return toRoundDetail(await this.rounds.get(em, round.id), await this.rounds.itemsOf(em, round.id));
      })
      .catch(rethrowConflict);
  }

  async update(
    user: AuthUser,
    id: string,
    dto: UpdateDistributionRoundDto,
  ): Promise<DistributionRoundDetailDto> {
    await this.access.requireAccess(user, Resource.DistributionRound, id, 'write');
    return this.dataSource
      .transaction(async (em) => {
        const round = await this.rounds.getForUpdate(em, id);
        const wanted: Partial<DistributionRound> = definedFields({
          name: dto.name,
          startsOn: dto.startsOn,
          endsOn: dto.endsOn,
          locations: dto.locations,
          ...(dto.eligibility ? definedFields(dto.eligibility) : {}),
        });
        const merged = { ...round, ...wanted };
        assertValid(roundProblems(merged));
        const changes = diffForAudit(round, wanted);
        if (Object.keys(changes).length) {
          Object.assign(round, wanted);
          await em.save(round);
          await this.audit.record(em, user, {
            action: AuditAction.DistributionRoundUpdated,
            entityType: AuditEntity.DistributionRound,
            entityId: id,
            organisationId: round.organisationId,
            changes,
          });
        }
        return toRoundDetail(await this.rounds.get(em, id), await this.rounds.itemsOf(em, id));
      })
      .catch(rethrowConflict);
  }

  /**
   * Adds an item to the round with its rule, or replaces the item's rule. A new item must be
   * active; the rule of an item retired since can still be corrected. Audited with the rule
   * before and after.
   */
  async putItem(
    user: AuthUser,
    roundId: string,
    aidItemId: string,
    dto: RoundItemRuleDto,
  ): Promise<RoundItemResponseDto> {
    await this.access.requireAccess(user, Resource.DistributionRound, roundId, 'write');
    assertValid(ruleProblems(aidItemId, dto));
    return this.dataSource.transaction(async (em) => {
      // The round's row lock queues concurrent changes of its items behind each other.
      const round = await this.rounds.getForUpdate(em, roundId);
      const existing = await this.rounds.findItemForUpdate(em, roundId, aidItemId);
      await this.checkAidItems(em, round.organisationId, [
        { item: { ...dto, aidItemId }, prefix: '', adding: !existing },
      ]);
      const columns = ruleColumns({ ...dto, aidItemId });
      const before = existing ? auditedRule(existing) : null;
      if (existing) {
        Object.assign(existing, columns);
        await em.save(existing);
      } else {
        await em.insert(RoundItem, { roundId, organisationId: round.organisationId, ...columns });
      }
      const after = auditedRule(columns);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        await this.audit.record(em, user, {
          action: AuditAction.DistributionRoundUpdated,
          entityType: AuditEntity.DistributionRound,
          entityId: roundId,
          organisationId: round.organisationId,
          changes: { aidItemId: { to: aidItemId }, rule: { from: before, to: after } },
        });
      }
      const row = (await this.rounds.itemsOf(em, roundId)).find((r) => r.aidItemId === aidItemId)!;
      return toRoundItemResponse(row);
    });
  }

  /** The organisation's own figures for one of its rounds (a round of another organisation is a 404). */
  async totals(user: AuthUser, id: string): Promise<RoundTotalsDto> {
    const em = this.dataSource.manager;
    const round = await this.rounds.findOfOrganisation(em, id, user.organisationId);
    if (!round) throw new NotFoundError();
    const [summary, items] = await Promise.all([this.rounds.totals(em, id), this.rounds.itemTotals(em, id)]);
    return {
      roundId: id,
      peopleServed: summary.people,
      householdsServed: summary.households,
      receipts: summary.receipts,
      overrides: summary.overrides,
      voids: summary.voids,
      openDuplicateAidFlags: summary.openFlags,
      items: items.map((i) => ({
        aidItemId: i.aidItemId,
        name: i.name,
        category: i.category,
        unit: i.unit,
        receipts: i.receipts,
        quantity: Number(i.quantity),
        value: i.value,
        currency: i.currency,
      })),
    };
  }

  /**
   * The aid items a rule names must be the round organisation's: the item itself (active when it
   * is being added) and the items it excludes (any state: a retired item's receipts still count).
   * Answers 422 naming each field: REFERENCED_RECORD_NOT_FOUND first, else AID_ITEM_INACTIVE.
   */
  private async checkAidItems(
    em: EntityManager,
    organisationId: string,
    rules: ReadonlyArray<{ item: RoundItemDto; prefix: string; adding: boolean }>,
  ): Promise<void> {
    const ids = rules.flatMap(({ item }) => [item.aidItemId, ...(item.exclusiveWithItemIds ?? [])]);
    const found = new Map(
      (await this.aidItems.findOfOrganisationForShare(em, organisationId, [...new Set(ids)])).map((a) => [
        a.id,
        a,
      ]),
    );
    const missing: Problems = {};
    const inactive: Problems = {};
    for (const { item, prefix, adding } of rules) {
      const aidItem = found.get(item.aidItemId);
      if (!aidItem) missing[`${prefix}aidItemId`] = ['notFound'];
      else if (adding && !aidItem.isActive) inactive[`${prefix}aidItemId`] = ['inactive'];
      if ((item.exclusiveWithItemIds ?? []).some((x) => !found.has(x))) {
        missing[`${prefix}exclusiveWithItemIds`] = ['notFound'];
      }
    }
    if (Object.keys(missing).length) {
      throw new BusinessRuleError(
        ErrorCode.ReferencedRecordNotFound,
        `No such aid item of the round's organisation: ${Object.keys(missing).join(', ')}`,
        missing,
      );
    }
    if (Object.keys(inactive).length) {
      throw new BusinessRuleError(
        ErrorCode.AidItemInactive,
        `The aid item is retired: ${Object.keys(inactive).join(', ')}`,
        inactive,
      );
    }
  }
}

function assertValid(problems: Problems): void {
  const fields = Object.keys(problems);
  if (fields.length) {
    throw new BadRequestError(ErrorCode.ValidationFailed, `Invalid fields: ${fields.join(', ')}`, problems);
  }
}

/** The stored columns of a rule; absent optional fields mean "no such limit". */
function ruleColumns(item: RoundItemDto) {
  return {
    aidItemId: item.aidItemId,
    countedPer: item.countedPer,
    quantityPerReceipt: item.quantityPerReceipt.toFixed(2),
    minDaysBetween: item.minDaysBetween ?? null,
    maxPerPeriod: item.maxPerPeriod ?? null,
    periodDays: item.periodDays ?? null,
    exclusiveWithItemIds: item.exclusiveWithItemIds ?? [],
  };
}

function auditedRule(
  r: Omit<AuditedRule, 'quantityPerReceipt'> & { quantityPerReceipt: string },
): AuditedRule {
  return {
    countedPer: r.countedPer,
    quantityPerReceipt: Number(r.quantityPerReceipt),
    minDaysBetween: r.minDaysBetween,
    maxPerPeriod: r.maxPerPeriod,
    periodDays: r.periodDays,
    exclusiveWithItemIds: [...r.exclusiveWithItemIds].sort(),
  };
}

function eligibilityChanges(r: DistributionRound) {
  return {
    eligibleVulnerabilities: { to: r.eligibleVulnerabilities },
    minHouseholdSize: { to: r.minHouseholdSize },
    maxHouseholdSize: { to: r.maxHouseholdSize },
    eligibleDistricts: { to: r.eligibleDistricts },
    eligibleLegalStatuses: { to: r.eligibleLegalStatuses },
  };
}

function rethrowConflict(error: unknown): never {
  if (violatedUniqueConstraint(error) === 'uq_distribution_rounds_organisation_name') {
    throw new ConflictError(ErrorCode.NameTaken, 'The organisation already has a round with this name', {
      name: ['unique'],
    });
  }
  throw error;
}

function toRoundResponse(r: DistributionRound): DistributionRoundResponseDto {
  return {
    id: r.id,
    organisationId: r.organisationId,
    name: r.name,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    locations: r.locations,
    eligibility: {
      eligibleVulnerabilities: r.eligibleVulnerabilities,
      minHouseholdSize: r.minHouseholdSize,
      maxHouseholdSize: r.maxHouseholdSize,
      eligibleDistricts: r.eligibleDistricts,
      eligibleLegalStatuses: r.eligibleLegalStatuses,
    },
    createdByUserId: r.createdByUserId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function toRoundDetail(r: DistributionRound, items: RoundItemRow[]): DistributionRoundDetailDto {
  return { ...toRoundResponse(r), items: items.map(toRoundItemResponse) };
}

function toRoundItemResponse(i: RoundItemRow): RoundItemResponseDto {
  return {
    aidItemId: i.aidItemId,
    name: i.name,
    category: i.category,
    kind: i.kind,
    unit: i.unit,
    isActive: i.isActive,
    countedPer: i.countedPer,
    quantityPerReceipt: Number(i.quantityPerReceipt),
    minDaysBetween: i.minDaysBetween,
    maxPerPeriod: i.maxPerPeriod,
    periodDays: i.periodDays,
    exclusiveWithItemIds: i.exclusiveWithItemIds,
    updatedAt: i.updatedAt,
  };
}
