import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEntity } from '../audit/audit-action';
import { AuditActor, AuditService, diffForAudit } from '../audit/audit.service';
import { AccessService } from '../auth/access/access.service';
import { Resource } from '../auth/access/scope-rules';
import type { AuthUser } from '../auth/auth-user';
import { RefreshTokensRepository } from '../auth/refresh-tokens.repository';
import { BusinessRuleError, ConflictError } from '../common/errors/domain-error';
import { definedFields } from '../common/defined';
import { ErrorCode } from '../common/errors/error-codes';
import { Page, parseCursor, toPage } from '../common/pagination/pagination';
import { violatedUniqueConstraint } from '../database/unique-violation';
import {
  CreateOrganisationDto,
  ListOrganisationsQuery,
  OrganisationResponseDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { Organisation } from './entities/organisation.entity';
import { OrganisationKind } from './entities/organisation-kind';
import { OrganisationsRepository } from './organisations.repository';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly refreshTokens: RefreshTokensRepository,
  ) {}

  async list(user: AuthUser, query: ListOrganisationsQuery): Promise<Page<OrganisationResponseDto>> {
    const after = parseCursor(query.cursor, ['string', 'string']);
    const qb = this.organisations.listQuery(this.dataSource.manager, query, after);
    const rows = await this.access.applyScope(qb, user, Resource.Organisation, 'o').getMany();
    return toPage(rows, query.limit, (o) => [o.name, o.id], toOrganisationResponse);
  }

  async get(user: AuthUser, id: string): Promise<OrganisationResponseDto> {
    await this.access.requireAccess(user, Resource.Organisation, id, 'read');
    return toOrganisationResponse(await this.organisations.get(this.dataSource.manager, id));
  }

  async create(user: AuthUser, dto: CreateOrganisationDto): Promise<OrganisationResponseDto> {
    this.access.requireSystemWide(user);
    const organisation = await this.dataSource.transaction((em) => this.insert(em, user, dto));
    return toOrganisationResponse(organisation);
  }

  /**
   * Inserts an organisation and its audit row in the caller's transaction, without a scope check:
   * for `create` above and for the command line that creates the host organisation.
   */
  async insert(
    em: EntityManager,
    actor: AuthUser | AuditActor,
    dto: CreateOrganisationDto,
  ): Promise<Organisation> {
    try {
      const organisation = await em.save(em.create(Organisation, { name: dto.name, kind: dto.kind }));
      await this.audit.record(em, actor, {
        action: AuditAction.OrganisationCreated,
        entityType: AuditEntity.Organisation,
        entityId: organisation.id,
        organisationId: organisation.id,
        changes: { name: { to: dto.name }, kind: { to: dto.kind } },
      });
      return organisation;
    } catch (error) {
      rethrowConflict(error);
    }
  }

  async update(user: AuthUser, id: string, dto: UpdateOrganisationDto): Promise<OrganisationResponseDto> {
    await this.access.requireAccess(user, Resource.Organisation, id, 'write');
    return this.dataSource
      .transaction(async (em) => {
        const organisation = await this.organisations.getForUpdate(em, id);
        this.checkUpdate(user, organisation, dto);
        const changes = diffForAudit(organisation, dto);
        if (!Object.keys(changes).length) return toOrganisationResponse(organisation);
        Object.assign(organisation, definedFields(dto));
        const saved = await em.save(organisation);
        // Deactivation ends every session of the organisation's users, not just their next request.
        if (dto.isActive === false && changes.isActive)
          await this.refreshTokens.revokeAllOfOrganisation(id, em);
        await this.audit.record(em, user, {
          action: AuditAction.OrganisationUpdated,
          entityType: AuditEntity.Organisation,
          entityId: id,
          organisationId: id,
          changes,
        });
        return toOrganisationResponse(saved);
      })
      .catch(rethrowConflict);
  }

  private checkUpdate(user: AuthUser, organisation: Organisation, dto: UpdateOrganisationDto): void {
    if (dto.kind && dto.kind !== organisation.kind) {
      if (organisation.kind === OrganisationKind.Host || dto.kind === OrganisationKind.Host) {
        throw new BusinessRuleError(
          ErrorCode.OrganisationKindFixed,
          'The host organisation stays the host; other organisations cannot become it',
          { kind: ['hostFixed'] },
        );
      }
    }
    if (dto.isActive === false && organisation.id === user.organisationId) {
      throw new BusinessRuleError(ErrorCode.SelfLockout, 'You cannot deactivate your own organisation', {
        isActive: ['ownOrganisation'],
      });
    }
  }
}

function rethrowConflict(error: unknown): never {
  const constraint = violatedUniqueConstraint(error);
  if (constraint === 'uq_organisations_name') {
    throw new ConflictError(ErrorCode.NameTaken, 'An organisation with this name exists', {
      name: ['unique'],
    });
  }
  if (constraint === 'uq_organisations_single_host') {
    throw new ConflictError(ErrorCode.HostOrganisationExists, 'There is already a host organisation', {
      kind: ['singleHost'],
    });
  }
  throw error;
}

export function toOrganisationResponse(o: Organisation): OrganisationResponseDto {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    isActive: o.isActive,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}
