import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction, AuditEntity } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import type { AuthUser } from '../../auth/auth-user';
import { BusinessRuleError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { DistributionImportsRepository, ImportRoundItem } from './distribution-imports.repository';
import { ImportDistributionsDto, ImportedDistributionsDto } from './dto/import-distributions.dto';

/**
 * Imports a list of past distributions (a partner's, an older system's) into the caller's
 * organisation, all or nothing. There is no live rule check: the records are what happened, and
 * the duplicate-aid scan finds the ones that break a rule.
 */
@Injectable()
export class DistributionImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly imports: DistributionImportsRepository,
    private readonly audit: AuditService,
  ) {}

  async import(user: AuthUser, dto: ImportDistributionsDto): Promise<ImportedDistributionsDto> {
    const organisationId = user.organisationId;
    const records = dto.records;
    return this.dataSource.transaction(async (em) => {
      const distinct = (values: Array<string | undefined>) => [
        ...new Set(values.filter((v): v is string => v !== undefined)),
      ];
      const people = await this.imports.beneficiaryIdsOf(
        em,
        organisationId,
        distinct(records.map((r) => r.beneficiaryId)),
      );
      const items = await this.imports.itemsOf(em, organisationId, distinct(records.map((r) => r.aidItemId)));
      const roundIds = await this.imports.roundIdsOf(
        em,
        organisationId,
        distinct(records.map((r) => r.roundId)),
      );
      const roundItems = new Map<string, ImportRoundItem>(
        (await this.imports.roundItemsOf(em, [...roundIds])).map((ri) => [
          `${ri.roundId}|${ri.aidItemId}`,
          ri,
        ]),
      );

      // Unknown references first (the caller's organisation only), then rounds that do not fit.
      const unknown: Record<string, string[]> = {};
      const outside: Record<string, string[]> = {};
      records.forEach((r, i) => {
        if (!people.has(r.beneficiaryId)) unknown[`records.${i}.beneficiaryId`] = ['notFound'];
        if (!items.has(r.aidItemId)) unknown[`records.${i}.aidItemId`] = ['notFound'];
        if (r.roundId === undefined) return;
        if (!roundIds.has(r.roundId)) {
          unknown[`records.${i}.roundId`] = ['notFound'];
          return;
        }
        const roundItem = roundItems.get(`${r.roundId}|${r.aidItemId}`);
        if (!roundItem) {
          if (items.has(r.aidItemId)) unknown[`records.${i}.aidItemId`] = ['notInRound'];
        } else if (r.distributedOn < roundItem.startsOn || r.distributedOn > roundItem.endsOn) {
          outside[`records.${i}.distributedOn`] = ['outsideRoundPeriod'];
        }
      });
      if (Object.keys(unknown).length) {
        throw new BusinessRuleError(
          ErrorCode.ReferencedRecordNotFound,
          "Records name people, items or rounds that are not the caller's organisation's",
          unknown,
        );
      }
      if (Object.keys(outside).length) {
        throw new BusinessRuleError(
          ErrorCode.OutsideRoundPeriod,
          "Records fall outside their round's period",
          outside,
        );
      }

      const households = await this.imports.householdsOn(
        em,
        records.map((r) => ({ beneficiaryId: r.beneficiaryId, on: r.distributedOn })),
      );
      const ids = await this.imports.insert(
        em,
        records.map((r) => {
          const item = items.get(r.aidItemId)!;
          const roundItem = r.roundId ? roundItems.get(`${r.roundId}|${r.aidItemId}`)! : null;
          return {
            organisationId,
            beneficiaryId: r.beneficiaryId,
            aidItemId: r.aidItemId,
            roundId: roundItem?.roundId ?? null,
            roundItemId: roundItem?.roundItemId ?? null,
            householdId: households.get(`${r.beneficiaryId}|${r.distributedOn}`) ?? null,
            quantity: r.quantity.toFixed(2),
            unitValue: item.unitValue,
            currency: item.currency,
            distributedOn: r.distributedOn,
            location: r.location ?? null,
            recordedByUserId: user.id,
          };
        }),
      );
      // One event for the list. The source note names a list, not a person; the records
      // themselves are found by this event's request id and their recorded_by and recorded_at.
      await this.audit.record(em, user, {
        action: AuditAction.DistributionsImported,
        entityType: AuditEntity.DistributionRecord,
        entityId: null,
        organisationId,
        changes: { count: { to: ids.length }, sourceNote: { to: dto.sourceNote } },
      });
      return { count: ids.length, recordIds: ids };
    });
  }
}
