import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Role } from '../auth/permissions';
import { OrganisationKind } from '../organisations/entities/organisation-kind';
import type { ListUsersQuery } from './dto/user.dto';
import { UserUnit } from './entities/user-unit.entity';
import { User } from './entities/user.entity';

export interface AuthUserRow {
  id: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  role: Role;
  unitIds: string[];
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  /** With the password hash, for login only. */
  findActiveForLogin(username: string): Promise<User | null> {
    return this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .innerJoin('u.organisation', 'o')
      .where('u.username = lower(:username)', { username })
      .andWhere('u.isActive AND o.isActive')
      .getOne();
  }

  /**
   * The caller of a request: active, in an active organisation, and holding a live session. One
   * query per request, so that deactivation, a role change or a logout applies on the next request.
   */
  async findAuthUser(userId: string, sessionId: string): Promise<AuthUserRow | null> {
    const rows: Array<{
      id: string;
      organisation_id: string;
      kind: OrganisationKind;
      role: Role;
      unit_ids: string[];
    }> = await this.repo.query(
      `SELECT u.id, u.organisation_id, o.kind, u.role,
              coalesce(array_agg(uu.unit_id) FILTER (WHERE uu.unit_id IS NOT NULL), '{}') AS unit_ids
         FROM users u
         JOIN organisations o ON o.id = u.organisation_id AND o.is_active
         LEFT JOIN user_units uu ON uu.user_id = u.id
        WHERE u.id = $1 AND u.is_active
          AND EXISTS (SELECT 1 FROM refresh_tokens t
                       WHERE t.family_id = $2 AND t.user_id = u.id AND t.revoked_at IS NULL
                         AND t.used_at IS NULL AND t.expires_at > now() AND t.idle_expires_at > now())
        GROUP BY u.id, o.kind`,
      [userId, sessionId],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          organisationId: row.organisation_id,
          organisationKind: row.kind,
          role: row.role,
          unitIds: row.unit_ids,
        }
      : null;
  }

  findProfile(userId: string): Promise<User | null> {
    return this.repo.findOne({ where: { id: userId }, relations: { organisation: true } });
  }

  /** The user's units with their names, by name. */
  unitsOf(userId: string): Promise<Array<{ id: string; name: string }>> {
    return this.repo.manager
      .createQueryBuilder(UserUnit, 'm')
      .innerJoin('m.unit', 'su')
      .select('su.id', 'id')
      .addSelect('su.name', 'name')
      .where('m.userId = :userId', { userId })
      .orderBy('su.name')
      .getRawMany<{ id: string; name: string }>();
  }

  /** By username, then id; `after` is the previous page's last key. The caller adds the scope. */
  listQuery(em: EntityManager, filter: ListUsersQuery, after?: (string | number)[]) {
    const qb = em
      .createQueryBuilder(User, 'u')
      .orderBy('u.username', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(filter.limit + 1);
    if (filter.organisationId) {
      qb.andWhere('u.organisationId = :organisationId', { organisationId: filter.organisationId });
    }
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.isActive !== undefined) qb.andWhere('u.isActive = :isActive', { isActive: filter.isActive });
    if (filter.unitId) {
      qb.andWhere('EXISTS (SELECT 1 FROM user_units m WHERE m.user_id = u.id AND m.unit_id = :unitId)', {
        unitId: filter.unitId,
      });
    }
    if (after) {
      qb.andWhere('(u.username, u.id) > (:afterUsername, :afterId)', {
        afterUsername: after[0],
        afterId: after[1],
      });
    }
    return qb;
  }

  get(em: EntityManager, id: string): Promise<User> {
    return em.findOneByOrFail(User, { id });
  }

  getForUpdate(em: EntityManager, id: string): Promise<User> {
    return em.findOneOrFail(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** With the password hash, to check a user's current password. */
  getWithPasswordHash(em: EntityManager, id: string): Promise<User> {
    return em
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOneOrFail();
  }

  async setPasswordHash(em: EntityManager, id: string, passwordHash: string): Promise<void> {
    await em.update(User, { id }, { passwordHash });
  }

  /** Each user's unit ids, sorted, in one query. */
  async unitIdsOf(em: EntityManager, userIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(userIds.map((id) => [id, []]));
    if (!userIds.length) return out;
    const rows = await em
      .createQueryBuilder(UserUnit, 'm')
      .select('m.userId', 'userId')
      .addSelect('m.unitId', 'unitId')
      .where('m.userId IN (:...userIds)', { userIds })
      .orderBy('m.unitId')
      .getRawMany<{ userId: string; unitId: string }>();
    for (const r of rows) out.get(r.userId)?.push(r.unitId);
    return out;
  }

  async replaceUnits(em: EntityManager, user: User, unitIds: readonly string[]): Promise<void> {
    await em.delete(UserUnit, { userId: user.id });
    if (unitIds.length) {
      await em.insert(
        UserUnit,
        unitIds.map((unitId) => ({ userId: user.id, unitId, organisationId: user.organisationId })),
      );
    }
  }

  async recordLogin(userId: string, em: EntityManager): Promise<void> {
    await em.update(User, { id: userId }, { lastLoginAt: () => 'now()' });
  }
}
