import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction, AuditEntity } from '../audit/audit-action';
import { AuditService, diffForAudit } from '../audit/audit.service';
import { AccessService } from '../auth/access/access.service';
import { Resource } from '../auth/access/scope-rules';
import type { AuthUser } from '../auth/auth-user';
import { BusinessRuleError, ConflictError } from '../common/errors/domain-error';
import { definedFields } from '../common/defined';
import { ErrorCode } from '../common/errors/error-codes';
import { Page, parseCursor, toPage } from '../common/pagination/pagination';
import { violatedUniqueConstraint } from '../database/unique-violation';
import {
  CreateServiceUnitDto,
  ListServiceUnitsQuery,
  ServiceUnitResponseDto,
  UpdateServiceUnitDto,
} from './dto/service-unit.dto';
import { ServiceUnit } from './entities/service-unit.entity';
import { OrganisationsRepository } from './organisations.repository';

@Injectable()
export class ServiceUnitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, query: ListServiceUnitsQuery): Promise<Page<ServiceUnitResponseDto>> {
    const after = parseCursor(query.cursor, ['string', 'string']);
    const qb = this.organisations.unitListQuery(this.dataSource.manager, query, after);
    const rows = await this.access.applyScope(qb, user, Resource.ServiceUnit, 'su').getMany();
    return toPage(rows, query.limit, (u) => [u.name, u.id], toServiceUnitResponse);
  }

  async get(user: AuthUser, id: string): Promise<ServiceUnitResponseDto> {
    await this.access.requireAccess(user, Resource.ServiceUnit, id, 'read');
    return toServiceUnitResponse(await this.organisations.getUnit(this.dataSource.manager, id));
  }

  async create(user: AuthUser, dto: CreateServiceUnitDto): Promise<ServiceUnitResponseDto> {
    return this.dataSource
      .transaction(async (em) => {
        const visible = await this.access.allowedIds(
          user,
          Resource.Organisation,
          [dto.organisationId],
          'read',
          em,
        );
        if (!visible.has(dto.organisationId)) {
          throw new BusinessRuleError(ErrorCode.ReferencedRecordNotFound, 'No such organisation', {
            organisationId: ['notFound'],
          });
        }
        // Locked so that a concurrent deactivation cannot slip between the check and the insert.
        const organisation = await this.organisations.getForShare(em, dto.organisationId);
        if (!organisation.isActive) {
          throw new BusinessRuleError(ErrorCode.OrganisationInactive, 'The organisation is deactivated', {
            organisationId: ['inactive'],
          });
        }
        const unit = await em.save(
          em.create(ServiceUnit, { organisationId: dto.organisationId, name: dto.name }),
        );
        await this.audit.record(em, user, {
          action: AuditAction.ServiceUnitCreated,
          entityType: AuditEntity.ServiceUnit,
          entityId: unit.id,
          organisationId: unit.organisationId,
          changes: { name: { to: unit.name } },
        });
        return toServiceUnitResponse(unit);
      })
      .catch(rethrowConflict);
  }

  async update(user: AuthUser, id: string, dto: UpdateServiceUnitDto): Promise<ServiceUnitResponseDto> {
    await this.access.requireAccess(user, Resource.ServiceUnit, id, 'write');
    return this.dataSource
      .transaction(async (em) => {
        const unit = await this.organisations.getUnitForUpdate(em, id);
        const changes = diffForAudit(unit, dto);
        if (!Object.keys(changes).length) return toServiceUnitResponse(unit);
        Object.assign(unit, definedFields(dto));
        const saved = await em.save(unit);
        await this.audit.record(em, user, {
          action: AuditAction.ServiceUnitUpdated,
          entityType: AuditEntity.ServiceUnit,
          entityId: id,
          organisationId: unit.organisationId,
          changes,
        });
        return toServiceUnitResponse(saved);
      })
      .catch(rethrowConflict);
  }
}

function rethrowConflict(error: unknown): never {
  if (violatedUniqueConstraint(error) === 'uq_service_units_organisation_name') {
    throw new ConflictError(ErrorCode.NameTaken, 'The organisation already has a unit with this name', {
      name: ['unique'],
    });
  }
  throw error;
}

export function toServiceUnitResponse(u: ServiceUnit): ServiceUnitResponseDto {
  return {
    id: u.id,
    organisationId: u.organisationId,
    name: u.name,
    isActive: u.isActive,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}
