import { Injectable, Logger } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { composeNotificationEmail } from './mail/notification-email';
import { MailDeliveryError, MailTransport } from './mail/mail-transport';
import { EmailStatus } from './notification-codes';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** What one run of the e-mail job did. */
export type EmailDelivery =
  /** Sent now. */
  | 'sent'
  /** Not pending any more (sent, being sent by another job, failed, or no such notification). */
  | 'not_pending'
  /** No address, an account or organisation deactivated since, or e-mail switched off. */
  | 'not_applicable';

/** E-mails pending longer than this may have lost their enqueue. */
const RELAY_AFTER_SECONDS = 60;
const RELAY_BATCH = 5000;

/**
 * Worker side of the e-mail copies. Sending is at most once per notification: the job claims the
 * e-mail (pending → sending) in one statement before the transport is called, so a retried or
 * duplicate job finds nothing to claim. A transport error puts it back to pending for BullMQ's
 * retry, or marks it failed on the last attempt.
 */
@Injectable()
export class NotificationEmailsService {
  private readonly logger = new Logger(NotificationEmailsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsRepository,
    private readonly queueing: NotificationsService,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
  ) {}

  async deliver(notificationId: string, lastAttempt: boolean): Promise<EmailDelivery> {
    if (!isUUID(notificationId)) return 'not_pending';
    const em = this.dataSource.manager;
    if (!this.config.mail.enabled) {
      // E-mail was switched off after the notification was made.
      await this.notifications.setEmailStatus(
        em,
        notificationId,
        EmailStatus.Pending,
        EmailStatus.NotApplicable,
      );
      return 'not_applicable';
    }
    const claimed = await this.notifications.claimEmail(em, notificationId);
    if (!claimed) return 'not_pending';
    const to = await this.notifications.activeRecipientEmail(em, claimed.userId);
    if (!to) {
      await this.notifications.setEmailStatus(em, claimed.id, EmailStatus.Sending, EmailStatus.NotApplicable);
      return 'not_applicable';
    }
    const email = composeNotificationEmail(claimed, this.config.mail.publicUrl);
    try {
      await this.transport.send({
        notificationId: claimed.id,
        kind: claimed.kind,
        userId: claimed.userId,
        to,
        ...email,
      });
    } catch (err) {
      const error = MailDeliveryError.from(err);
      const next = lastAttempt ? EmailStatus.Failed : EmailStatus.Pending;
      await this.notifications.setEmailStatus(em, claimed.id, EmailStatus.Sending, next);
      this.logger.warn(
        { notificationId: claimed.id, error: error.message, emailStatus: next },
        'Notification e-mail not sent',
      );
      throw error;
    }
    await this.notifications.setEmailStatus(em, claimed.id, EmailStatus.Sending, EmailStatus.Sent);
    return 'sent';
  }

  /**
   * Queues again the e-mails still pending after a minute: those whose enqueue after the commit was
   * lost. The job id is the notification's, so an e-mail whose job still exists (waiting for a
   * retry, say) is not queued twice.
   */
  async relayPending(): Promise<{ pending: number }> {
    const ids = await this.notifications.pendingEmailsOlderThan(
      this.dataSource.manager,
      RELAY_AFTER_SECONDS,
      RELAY_BATCH,
    );
    for (let i = 0; i < ids.length; i += 500) await this.queueing.enqueueEmails(ids.slice(i, i + 500));
    return { pending: ids.length };
  }
}
