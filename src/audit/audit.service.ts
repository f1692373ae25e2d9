import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser, RequestOrigin } from '../auth/auth-user';
import { NO_ORIGIN } from '../auth/request-origin';
import { AuditAction, AuditEntity } from './audit-action';
import { AuditEvent } from './audit-event.entity';

/** Who acted, when it is not a logged-in user: the system, or an anonymous login attempt. */
export interface AuditActor {
  userId: string | null;
  organisationId: string | null;
  role: string | null;
  origin: RequestOrigin;
}

export const SYSTEM_ACTOR: AuditActor = {
  userId: null,
  organisationId: null,
  role: 'system',
  origin: NO_ORIGIN,
};

export type AuditChanges = Record<string, { from?: unknown; to?: unknown }>;

export interface AuditEntry {
  action: AuditAction;
  entityType: AuditEntity;
  entityId?: string | null;
  /** The organisation the record belongs to. */
  organisationId?: string | null;
  fieldsRead?: readonly string[];
  changes?: AuditChanges;
}

/**
 * Writes audit events. Always inside the caller's transaction, so that a change and its audit row
 * commit or roll back together, and a sensitive read whose audit row cannot be written fails.
 */
@Injectable()
export class AuditService {
  async record(em: EntityManager, actor: AuthUser | AuditActor, entry: AuditEntry): Promise<void> {
    await this.recordMany(em, actor, [entry]);
  }

  async recordMany(
    em: EntityManager,
    actor: AuthUser | AuditActor,
    entries: readonly AuditEntry[],
  ): Promise<void> {
    if (!entries.length) return;
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('Audit events are written inside the transaction of the change they record');
    }
    const who = toActor(actor);
    await em.insert(
      AuditEvent,
      entries.map((e) => ({
        actorUserId: who.userId,
        actorOrganisationId: who.organisationId,
        actorRole: who.role,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId ?? null,
        organisationId: e.organisationId ?? null,
        fieldsRead: e.fieldsRead?.length ? [...e.fieldsRead] : null,
        changes: e.changes && Object.keys(e.changes).length ? e.changes : null,
        ip: who.origin.ip,
        userAgent: who.origin.userAgent,
        requestId: who.origin.requestId,
      })),
    );
  }
}

function toActor(actor: AuthUser | AuditActor): AuditActor {
  if ('permissions' in actor) {
    return { userId: actor.id, organisationId: actor.organisationId, role: actor.role, origin: actor.origin };
  }
  return actor;
}

/**
 * The changed fields between two versions of a record. Codes and flags keep their values;
 * fields listed in `personal` record only that they changed, never the values.
 */
export function diffForAudit<T extends object>(
  before: T,
  after: Partial<T>,
  personal: readonly (keyof T)[] = [],
): AuditChanges {
  const changes: AuditChanges = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    const from = before[key];
    const to = after[key];
    if (to === undefined || sameValue(from, to)) continue;
    changes[String(key)] = personal.includes(key) ? {} : { from, to };
  }
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = (xs: unknown[]) => xs.map(String).sort().join('\u0000');
    return a.length === b.length && key(a as unknown[]) === key(b as unknown[]);
  }
  return a === b;
}
