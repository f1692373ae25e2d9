import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Role } from '../auth/permissions';
import { User } from './entities/user.entity';

export interface AuthUserRow {
  id: string;
  organisationId: string;
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
    const rows: Array<{ id: string; organisation_id: string; role: Role; unit_ids: string[] }> =
      await this.repo.query(
        `SELECT u.id, u.organisation_id, u.role,
              coalesce(array_agg(uu.unit_id) FILTER (WHERE uu.unit_id IS NOT NULL), '{}') AS unit_ids
         FROM users u
         JOIN organisations o ON o.id = u.organisation_id AND o.is_active
         LEFT JOIN user_units uu ON uu.user_id = u.id
        WHERE u.id = $1 AND u.is_active
          AND EXISTS (SELECT 1 FROM refresh_tokens t
                       WHERE t.family_id = $2 AND t.user_id = u.id AND t.revoked_at IS NULL
                         AND t.used_at IS NULL AND t.expires_at > now() AND t.idle_expires_at > now())
        GROUP BY u.id`,
        [userId, sessionId],
      );
    const row = rows[0];
    return row
      ? { id: row.id, organisationId: row.organisation_id, role: row.role, unitIds: row.unit_ids }
      : null;
  }

  findProfile(userId: string): Promise<User | null> {
    return this.repo.findOne({ where: { id: userId }, relations: { organisation: true, units: true } });
  }

  async recordLogin(userId: string): Promise<void> {
    await this.repo.update({ id: userId }, { lastLoginAt: () => 'now()' });
  }
}
