import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEntity } from '../audit/audit-action';
import { AuditActor, AuditService, diffForAudit } from '../audit/audit.service';
import { AccessService } from '../auth/access/access.service';
import { Resource } from '../auth/access/scope-rules';
import type { AuthUser } from '../auth/auth-user';
import { assertAcceptablePassword } from '../auth/password-policy';
import { hashPassword } from '../auth/passwords';
import { Role } from '../auth/permissions';
import { RefreshTokensRepository } from '../auth/refresh-tokens.repository';
import { BusinessRuleError, ConflictError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { Page, parseCursor, toPage } from '../common/pagination/pagination';
import { violatedUniqueConstraint } from '../database/unique-violation';
import { Organisation } from '../organisations/entities/organisation.entity';
import { OrganisationKind } from '../organisations/entities/organisation-kind';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import {
  CreateUserDto,
  ListUsersQuery,
  SetPasswordDto,
  UpdateUserDto,
  UserResponseDto,
} from './dto/user.dto';
import { User } from './entities/user.entity';
import { UsersRepository } from './users.repository';

/** Roles whose record scope follows their units: they need at least one. */
const UNIT_SCOPED_ROLES: ReadonlySet<Role> = new Set([
  Role.Supervisor,
  Role.Caseworker,
  Role.DistributionOfficer,
  Role.Partner,
]);

/** Staff accounts, managed by administrators within their scope. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly refreshTokens: RefreshTokensRepository,
  ) {}

  async list(user: AuthUser, query: ListUsersQuery): Promise<Page<UserResponseDto>> {
    const after = parseCursor(query.cursor, ['string', 'string']);
    const em = this.dataSource.manager;
    const qb = this.users.listQuery(em, query, after);
    const rows = await this.access.applyScope(qb, user, Resource.User, 'u').getMany();
    const units = await this.users.unitIdsOf(
      em,
      rows.slice(0, query.limit).map((u) => u.id),
    );
    return toPage(
      rows,
      query.limit,
      (u) => [u.username, u.id],
      (u) => toUserResponse(u, units.get(u.id) ?? []),
    );
  }

  async get(user: AuthUser, id: string): Promise<UserResponseDto> {
    await this.access.requireAccess(user, Resource.User, id, 'read');
    return this.response(this.dataSource.manager, await this.users.get(this.dataSource.manager, id));
  }

  async create(actor: AuthUser, dto: CreateUserDto): Promise<UserResponseDto> {
    const visible = await this.access.allowedIds(actor, Resource.Organisation, [dto.organisationId], 'read');
    if (!visible.has(dto.organisationId)) {
      throw new BusinessRuleError(ErrorCode.ReferencedRecordNotFound, 'No such organisation', {
        organisationId: ['notFound'],
      });
    }
    return this.createAccount(actor, dto);
  }

  /**
   * Creates an account without a scope check: for `create` above, and for the command line that
   * makes the first administrator, where there is no caller yet; in the caller's transaction when
   * given one (the command line creates the host organisation in the same transaction).
   */
  async createAccount(
    actor: AuthUser | AuditActor,
    dto: CreateUserDto,
    inTransaction?: EntityManager,
  ): Promise<UserResponseDto> {
    assertAcceptablePassword(dto.password, { username: dto.username, displayName: dto.displayName });
    const passwordHash = await hashPassword(dto.password);
    const run = async (em: EntityManager) => {
      const organisation = await this.organisations.getForShare(em, dto.organisationId);
      if (!organisation.isActive) {
        throw new BusinessRuleError(ErrorCode.OrganisationInactive, 'The organisation is deactivated', {
          organisationId: ['inactive'],
        });
      }
      await this.checkRoleAndUnits(em, organisation, dto.role, dto.unitIds);
      const created = await em.save(
        em.create(User, {
          organisationId: organisation.id,
          username: dto.username,
          displayName: dto.displayName,
          email: dto.email ?? null,
          passwordHash,
          role: dto.role,
          isActive: true,
          lastLoginAt: null,
        }),
      );
      await this.users.replaceUnits(em, created, dto.unitIds);
      await this.audit.record(em, actor, {
        action: AuditAction.UserCreated,
        entityType: AuditEntity.User,
        entityId: created.id,
        organisationId: created.organisationId,
        changes: {
          username: {},
          displayName: {},
          ...(created.email ? { email: {} } : {}),
          role: { to: created.role },
          unitIds: { to: [...dto.unitIds].sort() },
        },
      });
      return this.response(em, created);
    };
    return (inTransaction ? run(inTransaction) : this.dataSource.transaction(run)).catch(rethrowConflict);
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    await this.access.requireAccess(actor, Resource.User, id, 'write');
    if (id === actor.id && ((dto.role && dto.role !== actor.role) || dto.isActive === false)) {
      throw new BusinessRuleError(
        ErrorCode.SelfLockout,
        'You cannot change your own role or deactivate yourself; ask another administrator',
        dto.isActive === false ? { isActive: ['ownAccount'] } : { role: ['ownAccount'] },
      );
    }
    return this.dataSource.transaction(async (em) => {
      const user = await this.users.getForUpdate(em, id);
      const currentUnits = (await this.users.unitIdsOf(em, [id])).get(id) ?? [];
      const role = dto.role ?? user.role;
      const unitIds = dto.unitIds ?? currentUnits;
      if (dto.role !== undefined || dto.unitIds !== undefined) {
        const organisation = await this.organisations.getForShare(em, user.organisationId);
        await this.checkRoleAndUnits(em, organisation, role, unitIds, currentUnits);
      }
      const changes = diffForAudit(
        {
          displayName: user.displayName,
          email: user.email,
          role: user.role,
          isActive: user.isActive,
          unitIds: currentUnits,
        },
        dto,
        ['displayName', 'email'],
      );
      if (!Object.keys(changes).length) return toUserResponse(user, currentUnits);
      user.displayName = dto.displayName ?? user.displayName;
      if (dto.email !== undefined) user.email = dto.email;
      user.role = role;
      user.isActive = dto.isActive ?? user.isActive;
      await em.save(user);
      if (changes.unitIds) await this.users.replaceUnits(em, user, unitIds);
      // Deactivation already refuses the next request; revoking also keeps a later reactivation
      // from reviving sessions that were open at the time.
      if (changes.isActive && !user.isActive) await this.refreshTokens.revokeAllOfUser(id, em);
      await this.audit.record(em, actor, {
        action: AuditAction.UserUpdated,
        entityType: AuditEntity.User,
        entityId: id,
        organisationId: user.organisationId,
        changes,
      });
      return toUserResponse(user, [...unitIds].sort());
    });
  }

  /** An administrator sets a new password for someone else; all their sessions end. */
  async setPassword(actor: AuthUser, id: string, dto: SetPasswordDto): Promise<void> {
    await this.access.requireAccess(actor, Resource.User, id, 'write');
    if (id === actor.id) {
      throw new BusinessRuleError(
        ErrorCode.UseChangePassword,
        'Change your own password with POST /auth/password, which asks for the current one',
        { id: ['ownAccount'] },
      );
    }
    const target = await this.users.get(this.dataSource.manager, id);
    assertAcceptablePassword(dto.password, { username: target.username, displayName: target.displayName });
    const passwordHash = await hashPassword(dto.password);
    await this.dataSource.transaction(async (em) => {
      await this.users.getForUpdate(em, id);
      await this.users.setPasswordHash(em, id, passwordHash);
      await this.refreshTokens.revokeAllOfUser(id, em);
      await this.audit.record(em, actor, {
        action: AuditAction.UserPasswordReset,
        entityType: AuditEntity.User,
        entityId: id,
        organisationId: target.organisationId,
        changes: { password: {} },
      });
    });
  }

  /**
   * Roles and units must fit the organisation. Units newly given must be active units of it
   * (the database's composite foreign key refuses another organisation's units in any case);
   * units the user already has may stay even if deactivated since.
   */
  private async checkRoleAndUnits(
    em: EntityManager,
    organisation: Organisation,
    role: Role,
    unitIds: readonly string[],
    currentUnits: readonly string[] = [],
  ): Promise<void> {
    if (role === Role.Partner && organisation.kind === OrganisationKind.Host) {
      throw new BusinessRuleError(
        ErrorCode.RoleNotAllowedForOrganisation,
        'The partner role is for staff of partner organisations',
        { role: ['notInHost'] },
      );
    }
    if (UNIT_SCOPED_ROLES.has(role) && !unitIds.length) {
      throw new BusinessRuleError(ErrorCode.UnitsRequired, 'This role needs at least one unit', {
        unitIds: ['required'],
      });
    }
    const added = unitIds.filter((u) => !currentUnits.includes(u));
    const found = await this.organisations.activeUnitIdsOf(em, organisation.id, added);
    if (added.some((u) => !found.has(u))) {
      throw new BusinessRuleError(
        ErrorCode.ReferencedRecordNotFound,
        "Every unit must be an active unit of the user's organisation",
        { unitIds: ['notFound'] },
      );
    }
  }

  private async response(em: EntityManager, user: User): Promise<UserResponseDto> {
    const units = await this.users.unitIdsOf(em, [user.id]);
    return toUserResponse(user, units.get(user.id) ?? []);
  }
}

function rethrowConflict(error: unknown): never {
  if (violatedUniqueConstraint(error) === 'uq_users_username') {
    throw new ConflictError(ErrorCode.UsernameTaken, 'This username is taken', { username: ['unique'] });
  }
  throw error;
}

function toUserResponse(u: User, unitIds: string[]): UserResponseDto {
  return {
    id: u.id,
    organisationId: u.organisationId,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    unitIds,
    isActive: u.isActive,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}
