import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ListNotificationsQuery } from './dto/notification.dto';
import { Notification } from './entities/notification.entity';
import { EmailStatus, NotificationKind, NotificationSubject } from './notification-codes';

/** A notification to raise: for whom, about what, and the key that makes raising it twice a no-op. */
export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  subjectType: NotificationSubject;
  subjectId: string;
  /** Non-personal parameters only (names of units and organisations, codes, dates). */
  data: Record<string, string | null>;
  /** One notification per event and reader, e.g. `referral_overdue:<referralId>:<phase>:<userId>`. */
  dedupeKey: string;
}

/** What the e-mail job needs of a notification it has claimed. */
export interface ClaimedNotification {
  id: string;
  userId: string;
  kind: NotificationKind;
  subjectType: NotificationSubject;
  subjectId: string;
  data: Record<string, string | null>;
}

/**
 * Notifications and the state of their e-mail copies. An UPDATE whose rows or count are needed is
 * wrapped in a CTE: TypeORM answers a bare UPDATE with `[rows, count]`, not with the rows.
 */
@Injectable()
export class NotificationsRepository {
  /**
   * Inserts the notifications whose dedupe key is not taken yet and returns the ids it created.
   * The e-mail copy is pending when mail is on and the user has an address, else not applicable.
   */
  async insertIgnoringDuplicates(
    em: EntityManager,
    items: readonly NewNotification[],
    mailEnabled: boolean,
  ): Promise<string[]> {
    if (!items.length) return [];
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO notifications (user_id, kind, subject_type, subject_id, data, dedupe_key, email_status)
       SELECT i.user_id, i.kind, i.subject_type, i.subject_id, i.data, i.dedupe_key,
              CASE WHEN $2::boolean AND u.email IS NOT NULL THEN '${EmailStatus.Pending}'
                   ELSE '${EmailStatus.NotApplicable}' END
         FROM jsonb_to_recordset($1::jsonb)
              AS i(user_id uuid, kind text, subject_type text, subject_id uuid, data jsonb, dedupe_key text)
         JOIN users u ON u.id = i.user_id
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        JSON.stringify(
          items.map((i) => ({
            user_id: i.userId,
            kind: i.kind,
            subject_type: i.subjectType,
            subject_id: i.subjectId,
            data: i.data,
            dedupe_key: i.dedupeKey,
          })),
        ),
        mailEnabled,
      ],
    );
    return rows.map((r) => r.id);
  }

  /** The user's notifications, newest first; `afterId` is the last one of the previous page. */
  listForUser(
    em: EntityManager,
    userId: string,
    filter: ListNotificationsQuery,
    afterId?: string,
  ): Promise<Notification[]> {
    const qb = em
      .createQueryBuilder(Notification, 'n')
      .where('n.userId = :userId', { userId })
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(filter.limit + 1);
    if (filter.unread === true) qb.andWhere('n.readAt IS NULL');
    if (filter.unread === false) qb.andWhere('n.readAt IS NOT NULL');
    // The key is read back from the row: timestamps have microseconds, JavaScript dates do not.
    if (afterId) {
      qb.andWhere(
        `(n.created_at, n.id) < (SELECT k.created_at, k.id FROM notifications k
                                  WHERE k.id = :afterId AND k.user_id = :userId)`,
        { afterId },
      );
    }
    return qb.getMany();
  }

  /** Marks the user's notification read (keeping the first time); null when it is not theirs. */
  async markRead(em: EntityManager, userId: string, id: string): Promise<Notification | null> {
    await em.query(
      `UPDATE notifications SET read_at = now() WHERE id = $1 AND user_id = $2 AND read_at IS NULL`,
      [id, userId],
    );
    return em.findOneBy(Notification, { id, userId });
  }

  /** Marks every unread notification of the user read; returns how many. */
  async markAllRead(em: EntityManager, userId: string): Promise<number> {
    const rows: Array<{ n: number }> = await em.query(
      `WITH marked AS (
         UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id
       ) SELECT count(*)::int AS n FROM marked`,
      [userId],
    );
    return rows[0].n;
  }

  /** Of these notifications, those whose e-mail is still to be sent. */
  async withPendingEmail(em: EntityManager, ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows: Array<{ id: string }> = await em.query(
      `SELECT id FROM notifications WHERE id = ANY($1::uuid[]) AND email_status = '${EmailStatus.Pending}'`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** E-mails pending for longer than `seconds`, oldest first: their enqueue may have been lost. */
  async pendingEmailsOlderThan(em: EntityManager, seconds: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT id FROM notifications
        WHERE email_status = '${EmailStatus.Pending}' AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT $2`,
      [seconds, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Takes the e-mail of a notification for sending: pending → sending, in one statement, so that of
   * two jobs for the same notification only one gets it. Null when it is not pending (sent, being
   * sent, failed, not applicable) or does not exist.
   */
  async claimEmail(em: EntityManager, id: string): Promise<ClaimedNotification | null> {
    const rows: Array<{
      id: string;
      user_id: string;
      kind: NotificationKind;
      subject_type: NotificationSubject;
      subject_id: string;
      data: Record<string, string | null>;
    }> = await em.query(
      `WITH claimed AS (
         UPDATE notifications SET email_status = '${EmailStatus.Sending}'
          WHERE id = $1 AND email_status = '${EmailStatus.Pending}'
          RETURNING id, user_id, kind, subject_type, subject_id, data
       ) SELECT * FROM claimed`,
      [id],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          userId: row.user_id,
          kind: row.kind,
          subjectType: row.subject_type,
          subjectId: row.subject_id,
          data: row.data,
        }
      : null;
  }

  /** Moves the e-mail state on, only from `from`; `sent` also stamps the time. */
  async setEmailStatus(em: EntityManager, id: string, from: EmailStatus, to: EmailStatus): Promise<void> {
    await em.query(
      `UPDATE notifications
          SET email_status = $3::varchar,
              email_sent_at = CASE WHEN $3::varchar = '${EmailStatus.Sent}' THEN now() ELSE email_sent_at END
        WHERE id = $1 AND email_status = $2::varchar`,
      [id, from, to],
    );
  }

  /** The address to send to, if the user still has one and may still sign in. */
  async activeRecipientEmail(em: EntityManager, userId: string): Promise<string | null> {
    const rows: Array<{ email: string | null }> = await em.query(
      `SELECT u.email FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.id = $1 AND u.is_active AND o.is_active`,
      [userId],
    );
    return rows[0]?.email ?? null;
  }
}
