import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction, AuditEntity } from '../../audit/audit-action';
import { AuditService, diffForAudit } from '../../audit/audit.service';
import { AccessService } from '../../auth/access/access.service';
import { Resource } from '../../auth/access/scope-rules';
import type { AuthUser } from '../../auth/auth-user';
import { definedFields } from '../../common/defined';
import { BadRequestError, ConflictError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, parseCursor, toPage } from '../../common/pagination/pagination';
import { violatedUniqueConstraint } from '../../database/unique-violation';
import { AidItem } from '../entities/aid-item.entity';
import { AidItemsRepository } from './aid-items.repository';
import {
  AidItemResponseDto,
  CreateAidItemDto,
  ListAidItemsQuery,
  UpdateAidItemDto,
} from './dto/aid-item.dto';
import { moneyPairProblems, owningOrganisation } from './owning-organisation';

/** The aid catalogue: readable by all staff of the organisation, managed by its administrators. */
@Injectable()
export class AidItemsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly aidItems: AidItemsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, query: ListAidItemsQuery): Promise<Page<AidItemResponseDto>> {
    const after = parseCursor(query.cursor, ['string', 'string']);
    const qb = this.aidItems.listQuery(this.dataSource.manager, query, after);
    const rows = await this.access.applyScope(qb, user, Resource.AidItem, 'ai').getMany();
    return toPage(rows, query.limit, (a) => [a.name, a.id], toAidItemResponse);
  }

  async get(user: AuthUser, id: string): Promise<AidItemResponseDto> {
    await this.access.requireAccess(user, Resource.AidItem, id, 'read');
    return toAidItemResponse(await this.aidItems.get(this.dataSource.manager, id));
  }

  async create(user: AuthUser, dto: CreateAidItemDto): Promise<AidItemResponseDto> {
    assertMoneyPair(dto.unitValue, dto.currency);
    return this.dataSource
      .transaction(async (em) => {
        const organisation = await owningOrganisation(em, this.access, user, dto.organisationId);
        const created = await em.save(
          em.create(AidItem, {
            organisationId: organisation.id,
            name: dto.name,
            category: dto.category,
            kind: dto.kind,
            unit: dto.unit,
            unitValue: toMoney(dto.unitValue),
            currency: dto.currency ?? null,
            isActive: true,
          }),
        );
        // Reload: numeric columns come back from the database in their stored form ("1500.00").
        const item = await this.aidItems.get(em, created.id);
        await this.audit.record(em, user, {
          action: AuditAction.AidItemCreated,
          entityType: AuditEntity.AidItem,
          entityId: item.id,
          organisationId: item.organisationId,
          changes: {
            name: { to: item.name },
            category: { to: item.category },
            kind: { to: item.kind },
            unit: { to: item.unit },
            unitValue: { to: item.unitValue },
            currency: { to: item.currency },
          },
        });
        return toAidItemResponse(item);
      })
      .catch(rethrowConflict);
  }

  async update(user: AuthUser, id: string, dto: UpdateAidItemDto): Promise<AidItemResponseDto> {
    await this.access.requireAccess(user, Resource.AidItem, id, 'write');
    assertMoneyPair(dto.unitValue, dto.currency, true);
    return this.dataSource
      .transaction(async (em) => {
        const item = await this.aidItems.getForUpdate(em, id);
        const wanted: Partial<AidItem> = definedFields({
          name: dto.name,
          unit: dto.unit,
          unitValue: dto.unitValue === undefined ? undefined : toMoney(dto.unitValue),
          currency: dto.currency,
          isActive: dto.isActive,
        });
        const changes = diffForAudit(item, wanted);
        if (!Object.keys(changes).length) return toAidItemResponse(item);
        Object.assign(item, wanted);
        await em.save(item);
        const saved = await this.aidItems.get(em, id);
        await this.audit.record(em, user, {
          action: AuditAction.AidItemUpdated,
          entityType: AuditEntity.AidItem,
          entityId: id,
          organisationId: saved.organisationId,
          changes,
        });
        return toAidItemResponse(saved);
      })
      .catch(rethrowConflict);
  }
}

/** A value and its currency are given together, or neither (a 400 naming the missing one). */
function assertMoneyPair(
  unitValue: number | null | undefined,
  currency: string | null | undefined,
  partial = false,
): void {
  const details = partial
    ? moneyPairProblems(unitValue, currency)
    : moneyPairProblems(unitValue ?? null, currency ?? null);
  const fields = Object.keys(details);
  if (fields.length) {
    throw new BadRequestError(ErrorCode.ValidationFailed, `Invalid fields: ${fields.join(', ')}`, details);
  }
}

/** The stored form of a money amount: numeric(12,2) as text, so that it compares with what was read. */
function toMoney(value: number | null | undefined): string | null {
  return value === undefined || value === null ? null : value.toFixed(2);
}

function rethrowConflict(error: unknown): never {
  if (violatedUniqueConstraint(error) === 'uq_aid_items_organisation_name') {
    throw new ConflictError(ErrorCode.NameTaken, 'The organisation already has an aid item with this name', {
      name: ['unique'],
    });
  }
  throw error;
}

export function toAidItemResponse(a: AidItem): AidItemResponseDto {
  return {
    id: a.id,
    organisationId: a.organisationId,
    name: a.name,
    category: a.category,
    kind: a.kind,
    unit: a.unit,
    unitValue: a.unitValue,
    currency: a.currency,
    isActive: a.isActive,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
