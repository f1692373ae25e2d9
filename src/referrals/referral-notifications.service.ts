import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '../auth/permissions';
import { NotificationKind, NotificationSubject } from '../notifications/notification-codes';
import { NotificationsService } from '../notifications/notifications.service';
import type { NewNotification } from '../notifications/notifications.repository';
import { Referral } from './entities/referral.entity';

/** Which due date a referral missed: the answer (while pending) or the completion (once accepted). */
export enum OverduePhase {
  Response = 'response',
  Completion = 'completion',
}

/** A referral the overdue scan has just marked, with the due date it missed. */
export interface OverdueReferral {
  id: string;
  receiverUnitId: string;
  createdByUserId: string;
  urgency: string;
  phase: OverduePhase;
  dueAt: Date;
}

/** The names a referral notification shows: of units and organisations, never of people. */
interface ReferralNames {
  receiverUnitName: string;
  receiverOrganisationName: string;
  senderOrganisationName: string;
}

/**
 * Who is told what about a referral, raised in the transaction of the change itself:
 *
 * - received: every active user of the receiving unit, except the sender;
 * - answered (accepted, rejected, completed, closed): the sender, if still active and not the one
 *   who answered;
 * - overdue: the receiving unit's supervisors, or every active user of the unit when it has none,
 *   and the sender.
 *
 * Users count as active when their account and their organisation are. The notification data
 * holds names of units and organisations, codes and dates only: never the person, the reason or
 * a note. Each notification's dedupe key names the event and the reader, so raising an event twice
 * adds nothing. The caller queues the e-mails after the commit (NotificationsService.sendEmails).
 */
@Injectable()
export class ReferralNotifications {
  constructor(private readonly notifications: NotificationsService) {}

  /** In the referral's creating transaction: notify every active user of the receiving unit. */
  async received(em: EntityManager, referral: Referral): Promise<string[]> {
    const recipients = (await activeUnitMembers(em, [referral.receiverUnitId]))
      .map((m) => m.userId)
      .filter((userId) => userId !== referral.createdByUserId);
    if (!recipients.length) return [];
    const names = (await referralNames(em, [referral.id])).get(referral.id)!;
    const data = { ...names, urgency: referral.urgency, dueAt: referral.responseDueAt.toISOString() };
    return this.notifications.create(
      em,
      recipients.map((userId) =>
        referralNotification(
          NotificationKind.ReferralReceived,
          referral.id,
          userId,
          data,
          `referral_received:${referral.id}:${userId}`,
        ),
      ),
    );
  }

  /**
   * In the transaction of a receiver's move to accepted, rejected, completed or closed: notify the
   * sender (referral.createdByUserId) if still active. `transitionId` = referral_transitions.id
   */
  async answered(em: EntityManager, referral: Referral, transitionId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT u.id FROM users u JOIN organisations o ON o.id = u.organisation_id AND o.is_active
        WHERE u.id = $1 AND u.is_active
          AND NOT EXISTS (SELECT 1 FROM referral_transitions t WHERE t.id = $2 AND t.changed_by_user_id = u.id)`,
      [referral.createdByUserId, transitionId],
    );
    if (!rows.length) return [];
    const names = (await referralNames(em, [referral.id])).get(referral.id)!;
    return this.notifications.create(em, [
      referralNotification(
        NotificationKind.ReferralAnswered,
        referral.id,
        referral.createdByUserId,
        { ...names, urgency: referral.urgency, status: referral.status, outcome: referral.outcome },
        `referral_answered:${transitionId}:${referral.createdByUserId}`,
      ),
    ]);
  }

  /**
   * In the overdue scan's transaction, for the referrals it has just marked: notify the receiving
   * unit's supervisors (or, if it has none, all its active users) and the sender, once per
   * referral, phase and person.
   */
  async overdue(em: EntityManager, referrals: readonly OverdueReferral[]): Promise<string[]> {
    if (!referrals.length) return [];
    const members = await activeUnitMembers(em, [...new Set(referrals.map((r) => r.receiverUnitId))]);
    const senders = await activeUserIds(em, [...new Set(referrals.map((r) => r.createdByUserId))]);
    const names = await referralNames(
      em,
      referrals.map((r) => r.id),
    );
    const items: NewNotification[] = [];
    for (const r of referrals) {
      const unit = members.filter((m) => m.unitId === r.receiverUnitId);
      const supervisors = unit.filter((m) => m.role === Role.Supervisor);
      const recipients = new Set((supervisors.length ? supervisors : unit).map((m) => m.userId));
      if (senders.has(r.createdByUserId)) recipients.add(r.createdByUserId);
      const data = {
        ...names.get(r.id)!,
        phase: r.phase,
        urgency: r.urgency,
        dueAt: r.dueAt.toISOString(),
      };
      for (const userId of recipients) {
        items.push(
          referralNotification(
            NotificationKind.ReferralOverdue,
            r.id,
            userId,
            data,
            `referral_overdue:${r.id}:${r.phase}:${userId}`,
          ),
        );
      }
    }
    return this.notifications.create(em, items);
  }
}

function referralNotification(
  kind: NotificationKind,
  referralId: string,
  userId: string,
  data: Record<string, string | null>,
  dedupeKey: string,
): NewNotification {
  return { userId, kind, subjectType: NotificationSubject.Referral, subjectId: referralId, data, dedupeKey };
}

/** Active users of the units (account and organisation active), with their role. */
async function activeUnitMembers(
  em: EntityManager,
  unitIds: readonly string[],
): Promise<Array<{ unitId: string; userId: string; role: Role }>> {
  const rows: Array<{ unit_id: string; user_id: string; role: Role }> = await em.query(
    `SELECT uu.unit_id, u.id AS user_id, u.role
       FROM user_units uu
       JOIN users u ON u.id = uu.user_id AND u.is_active
       JOIN organisations o ON o.id = u.organisation_id AND o.is_active
      WHERE uu.unit_id = ANY($1::uuid[])
      ORDER BY u.id`,
    [unitIds],
  );
  return rows.map((r) => ({ unitId: r.unit_id, userId: r.user_id, role: r.role }));
}

/** Of these users, those who may still sign in. */
async function activeUserIds(em: EntityManager, userIds: readonly string[]): Promise<Set<string>> {
  const rows: Array<{ id: string }> = await em.query(
    `SELECT u.id FROM users u JOIN organisations o ON o.id = u.organisation_id AND o.is_active
      WHERE u.id = ANY($1::uuid[]) AND u.is_active`,
    [userIds],
  );
  return new Set(rows.map((r) => r.id));
}

async function referralNames(
  em: EntityManager,
  referralIds: readonly string[],
): Promise<Map<string, ReferralNames>> {
  const rows: Array<{
    id: string;
    receiver_unit_name: string;
    receiver_organisation_name: string;
    sender_organisation_name: string;
  }> = await em.query(
    `SELECT r.id, ru.name AS receiver_unit_name, ro.name AS receiver_organisation_name,
            so.name AS sender_organisation_name
       FROM referrals r
       JOIN service_units ru ON ru.id = r.receiver_unit_id
       JOIN organisations ro ON ro.id = r.receiver_organisation_id
       JOIN organisations so ON so.id = r.sender_organisation_id
      WHERE r.id = ANY($1::uuid[])`,
    [referralIds],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        receiverUnitName: r.receiver_unit_name,
        receiverOrganisationName: r.receiver_organisation_name,
        senderOrganisationName: r.sender_organisation_name,
      },
    ]),
  );
}
