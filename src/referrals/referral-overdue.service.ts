import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { ReferralStatus } from './referral-codes';
import { OverduePhase, OverdueReferral, ReferralNotifications } from './referral-notifications.service';

/** Referrals marked per transaction: a first run over a large backlog commits as it goes. */
const BATCH = 200;

/**
 * Each phase: the statuses in which its due date still counts, the due-date column and the column
 * that records, once, that the referral went past it. Column names are constants, not input.
 */
const PHASES: Readonly<Record<OverduePhase, { statuses: ReferralStatus[]; due: string; stamp: string }>> = {
  [OverduePhase.Response]: {
    statuses: [ReferralStatus.Pending],
    due: 'response_due_at',
    stamp: 'response_overdue_at',
  },
  [OverduePhase.Completion]: {
    statuses: [ReferralStatus.Accepted, ReferralStatus.InProgress],
    due: 'completion_due_at',
    stamp: 'completion_overdue_at',
  },
};

export interface OverdueScan {
  /** Referrals newly marked as not answered in time. */
  response: number;
  /** Referrals newly marked as not completed in time. */
  completion: number;
  notifications: number;
}

/**
 * The overdue scan (job `mark_overdue_referrals`, every five minutes and on demand). It stamps
 * `response_overdue_at` on pending referrals past their response due date, and
 * `completion_overdue_at` on accepted or in-progress ones past their completion due date, each
 * once, and notifies the people concerned in the same transaction (ReferralNotifications.overdue).
 *
 * Running twice, or twice at once, notifies once: a referral is stamped by one transaction only
 * (rows are locked, and a concurrent scan skips them and then finds them stamped), and the
 * notifications' dedupe keys (`referral_overdue:<referral>:<phase>:<user>`) refuse a second copy.
 */
@Injectable()
export class ReferralOverdueService {
  private readonly logger = new Logger(ReferralOverdueService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly referralNotifications: ReferralNotifications,
    private readonly notifications: NotificationsService,
  ) {}

  async markOverdue(): Promise<OverdueScan> {
    const scan: OverdueScan = { response: 0, completion: 0, notifications: 0 };
    for (;;) {
      const batch = await this.dataSource.transaction(async (em) => {
        const response = await markPhase(em, OverduePhase.Response);
        const completion = await markPhase(em, OverduePhase.Completion);
        const notified = await this.referralNotifications.overdue(em, [...response, ...completion]);
        return { response: response.length, completion: completion.length, notified };
      });
      await this.notifications.sendEmails(batch.notified);
      scan.response += batch.response;
      scan.completion += batch.completion;
      scan.notifications += batch.notified.length;
      if (batch.response < BATCH && batch.completion < BATCH) break;
    }
    if (scan.response || scan.completion) this.logger.log(scan, 'Marked overdue referrals');
    return scan;
  }
}

/** Stamps up to BATCH referrals newly past the phase's due date; returns them. */
async function markPhase(em: EntityManager, phase: OverduePhase): Promise<OverdueReferral[]> {
  const { statuses, due, stamp } = PHASES[phase];
  const rows: Array<{
    id: string;
    receiver_unit_id: string;
    created_by_user_id: string;
    urgency: string;
    due_at: Date;
  }> = await em.query(
    `WITH due AS (
       SELECT id FROM referrals
        WHERE status = ANY($1::varchar[]) AND ${due} < now() AND ${stamp} IS NULL
        ORDER BY ${due}
        LIMIT $2
        FOR UPDATE SKIP LOCKED
     ), marked AS (
       UPDATE referrals r SET ${stamp} = now() FROM due WHERE r.id = due.id
       RETURNING r.id, r.receiver_unit_id, r.created_by_user_id, r.urgency, r.${due} AS due_at
     ) SELECT * FROM marked`,
    [statuses, BATCH],
  );
  return rows.map((r) => ({
    id: r.id,
    receiverUnitId: r.receiver_unit_id,
    createdByUserId: r.created_by_user_id,
    urgency: r.urgency,
    phase,
    dueAt: r.due_at,
  }));
}
