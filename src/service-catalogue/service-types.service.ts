import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditAction, AuditEntity } from '../audit/audit-action';
import { AuditService, diffForAudit } from '../audit/audit.service';
import { AccessService } from '../auth/access/access.service';
import { Resource } from '../auth/access/scope-rules';
import type { AuthUser } from '../auth/auth-user';
import { definedFields } from '../common/defined';
import { BusinessRuleError, ConflictError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { Page, parseCursor, toPage } from '../common/pagination/pagination';
import { violatedUniqueConstraint } from '../database/unique-violation';
import {
  CreateServiceTypeDto,
  ListServiceTypesQuery,
  ServiceTypeResponseDto,
  UpdateServiceTypeDto,
} from './dto/service-type.dto';
import { ServiceType } from './entities/service-type.entity';
import { ServiceTypesRepository } from './service-types.repository';

/** The catalogue of what each unit offers: readable by all staff of the organisation, managed by admins. */
@Injectable()
export class ServiceTypesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly serviceTypes: ServiceTypesRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, query: ListServiceTypesQuery): Promise<Page<ServiceTypeResponseDto>> {
    const after = parseCursor(query.cursor, ['string', 'string']);
    const qb = this.serviceTypes.listQuery(this.dataSource.manager, query, after);
    const rows = await this.access.applyScope(qb, user, Resource.ServiceType, 'st').getMany();
    return toPage(rows, query.limit, (s) => [s.name, s.id], toServiceTypeResponse);
  }

  async get(user: AuthUser, id: string): Promise<ServiceTypeResponseDto> {
    await this.access.requireAccess(user, Resource.ServiceType, id, 'read');
    return toServiceTypeResponse(await this.serviceTypes.get(this.dataSource.manager, id));
  }

  async create(user: AuthUser, dto: CreateServiceTypeDto): Promise<ServiceTypeResponseDto> {
    return this.dataSource
      .transaction(async (em) => {
        const manageable = await this.access.allowedIds(
          user,
          Resource.ServiceUnit,
          [dto.unitId],
          'write',
          em,
        );
        const unit = manageable.has(dto.unitId)
          ? await this.serviceTypes.findUnitForShare(em, dto.unitId)
          : null;
        if (!unit) {
          throw new BusinessRuleError(ErrorCode.ReferencedRecordNotFound, 'No such unit', {
            unitId: ['notFound'],
          });
        }
        if (!unit.isActive) {
          throw new BusinessRuleError(ErrorCode.ReferencedRecordNotFound, 'The unit is deactivated', {
            unitId: ['inactive'],
          });
        }
        const created = await em.save(
          em.create(ServiceType, {
            organisationId: unit.organisationId,
            unitId: unit.id,
            name: dto.name,
            description: dto.description ?? null,
            isActive: true,
          }),
        );
        await this.audit.record(em, user, {
          action: AuditAction.ServiceTypeCreated,
          entityType: AuditEntity.ServiceType,
          entityId: created.id,
          organisationId: created.organisationId,
          changes: { unitId: { to: created.unitId }, name: { to: created.name } },
        });
        return toServiceTypeResponse(created);
      })
      .catch(rethrowConflict);
  }

  async update(user: AuthUser, id: string, dto: UpdateServiceTypeDto): Promise<ServiceTypeResponseDto> {
    await this.access.requireAccess(user, Resource.ServiceType, id, 'write');
    return this.dataSource
      .transaction(async (em) => {
        const serviceType = await this.serviceTypes.getForUpdate(em, id);
        const changes = diffForAudit(serviceType, definedFields(dto));
        if (!Object.keys(changes).length) return toServiceTypeResponse(serviceType);
        Object.assign(serviceType, definedFields(dto));
        const saved = await em.save(serviceType);
        await this.audit.record(em, user, {
          action: AuditAction.ServiceTypeUpdated,
          entityType: AuditEntity.ServiceType,
          entityId: id,
          organisationId: saved.organisationId,
          changes,
        });
        return toServiceTypeResponse(saved);
      })
      .catch(rethrowConflict);
  }
}

function rethrowConflict(error: unknown): never {
  if (violatedUniqueConstraint(error) === 'uq_service_types_unit_name') {
    throw new ConflictError(ErrorCode.NameTaken, 'The unit already has a service type with this name', {
      name: ['unique'],
    });
  }
  throw error;
}

function toServiceTypeResponse(s: ServiceType): ServiceTypeResponseDto {
  return {
    id: s.id,
    organisationId: s.organisationId,
    unitId: s.unitId,
    name: s.name,
    description: s.description,
    isActive: s.isActive,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
