import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ForbiddenError, NotFoundError } from '../../common/errors/domain-error';
import { OrganisationKind } from '../../organisations/entities/organisation-kind';
import type { AuthUser } from '../auth-user';
import { Role } from '../permissions';
import { Resource, SCOPE_RULES, ScopeParams } from './scope-rules';

export type AccessMode = 'read' | 'write';

/**
 * Record scope, the second layer of authorization after the route's permission: which records of
 * a kind the caller may read or change. Every answer is one set-based query built from the rules
 * in scope-rules.ts, and list endpoints apply the very same predicate in their SQL. A record out
 * of scope is reported exactly like a record that does not exist.
 */
@Injectable()
export class AccessService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Administrators and data protection officers of the host organisation act for the whole
   * system: the host runs it, creates the partner organisations and answers for the audit log.
   */
  isSystemWide(user: AuthUser): boolean {
    return (
      user.organisationKind === OrganisationKind.Host &&
      (user.role === Role.Admin || user.role === Role.DataProtectionOfficer)
    );
  }

  /** For actions that only the host's administrators may take (creating an organisation). */
  requireSystemWide(user: AuthUser): void {
    if (!this.isSystemWide(user)) {
      throw new ForbiddenError('Only administrators of the host organisation may do this');
    }
  }

  /** Adds the caller's scope to a list or count query over `alias` (a row of `resource`). */
  applyScope<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    user: AuthUser,
    resource: Resource,
    alias: string,
    mode: AccessMode = 'read',
  ): SelectQueryBuilder<T> {
    const predicate = this.predicate(user, resource, alias, mode);
    return predicate ? qb.andWhere(`(${predicate})`, this.params(user)) : qb;
  }

  /** The subset of `ids` the caller may read or change, in one query. */
  async allowedIds(
    user: AuthUser,
    resource: Resource,
    ids: readonly string[],
    mode: AccessMode,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Set();
    const alias = 'r';
    const qb = em
      .createQueryBuilder()
      .select(`${alias}.id`, 'id')
      .from(SCOPE_RULES[resource].table, alias)
      .where(`${alias}.id IN (:...ids)`, { ids: unique });
    const rows = await this.applyScope(qb, user, resource, alias, mode).getRawMany<{ id: string }>();
    return new Set(rows.map((r) => String(r.id)));
  }

  /**
   * Throws unless the caller may read or change every one of `ids`: NotFoundError for a record
   * they cannot see (as if it did not exist), ForbiddenError for one they can see but not change.
   */
  async requireAccess(
    user: AuthUser,
    resource: Resource,
    ids: string | readonly string[],
    mode: AccessMode,
    em?: EntityManager,
  ): Promise<void> {
    const wanted = typeof ids === 'string' ? [ids] : ids;
    const allowed = await this.allowedIds(user, resource, wanted, mode, em);
    const refused = wanted.filter((id) => !allowed.has(id));
    if (!refused.length) return;
    if (mode === 'write') {
      const visible = await this.allowedIds(user, resource, refused, 'read', em);
      if (refused.every((id) => visible.has(id))) {
        throw new ForbiddenError('You may see this record but not change it');
      }
    }
    throw new NotFoundError();
  }

  private predicate(user: AuthUser, resource: Resource, alias: string, mode: AccessMode): string | null {
    if (this.isSystemWide(user) && SCOPE_RULES[resource].systemWide.includes(mode)) return null;
    return SCOPE_RULES[resource][mode](alias, user);
  }

  private params(user: AuthUser): ScopeParams {
    return { scopeUserId: user.id, scopeOrganisationId: user.organisationId, scopeUnitIds: user.unitIds };
  }
}
