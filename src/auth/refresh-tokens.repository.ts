import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Not, Repository } from 'typeorm';
import { deleteInBatches } from '../database/delete-in-batches';
import { RefreshToken } from './entities/refresh-token.entity';

@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectRepository(RefreshToken) private readonly repo: Repository<RefreshToken>) {}

  private r(em?: EntityManager) {
    return em ? em.getRepository(RefreshToken) : this.repo;
  }

  insert(
    token: Omit<RefreshToken, 'id' | 'createdAt' | 'user' | 'usedAt' | 'revokedAt'>,
    em?: EntityManager,
  ) {
    return this.r(em).insert({ ...token, usedAt: null, revokedAt: null });
  }

  /** Locks the row so that two refreshes with the same token are serialised. */
  findByHashForUpdate(tokenHash: string, em: EntityManager) {
    return this.r(em).findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  markUsed(id: string, em: EntityManager) {
    return this.r(em).update({ id }, { usedAt: () => 'now()' });
  }

  async revokeFamily(familyId: string, em?: EntityManager): Promise<void> {
    await this.r(em).update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  async revokeAllOfUser(userId: string, em?: EntityManager): Promise<void> {
    await this.r(em).update({ userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  /** Every session of the user but `keepFamilyId` (the one that changed the password). */
  async revokeOtherSessionsOfUser(userId: string, keepFamilyId: string, em?: EntityManager): Promise<void> {
    await this.r(em).update(
      { userId, familyId: Not(keepFamilyId), revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
  }

  async revokeAllOfOrganisation(organisationId: string, em?: EntityManager): Promise<void> {
    await this.r(em)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('revoked_at IS NULL')
      .andWhere('user_id IN (SELECT id FROM users WHERE organisation_id = :organisationId)', {
        organisationId,
      })
      .execute();
  }

  /**
   * Deletes whole families that can no longer be used: past their absolute expiry, or idle past
   * their newest token's idle expiry (plus a day, so a late replay of a stolen token is still
   * recognised for a while). Older used tokens of a live family are kept: they are what reveals
   * reuse. Works in batches to keep locks short; returns the number of rows deleted.
   */
  purgeDeadFamilies(batchSize = 5000): Promise<number> {
    return deleteInBatches(
      this.repo,
      `DELETE FROM refresh_tokens WHERE family_id IN (
         SELECT family_id FROM refresh_tokens GROUP BY family_id
         HAVING max(expires_at) < now() OR max(idle_expires_at) < now() - interval '1 day'
            OR bool_and(revoked_at IS NOT NULL AND revoked_at < now() - interval '1 day')
         LIMIT $1)
       RETURNING 1`,
      [],
      batchSize,
    );
  }
}
