import { Injectable } from '@nestjs/common';
import type { NotificationKind } from '../notification-codes';
import { MailDeliveryError } from './mail-transport';

/** An e-mail as the memory transport delivered it, with the raw message nodemailer built. */
export interface DeliveredMail {
  notificationId: string;
  userId: string;
  kind: NotificationKind;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  /** The RFC 5322 message, headers and body. */
  raw: string;
}

/**
 * The inbox of MAIL_TRANSPORT=memory: a test reads what was sent from it, and can make the next
 * deliveries fail as a mail server that is down would. It lives in one process and is for tests
 * only; nothing else reads it.
 */
@Injectable()
export class MemoryInbox {
  private readonly delivered: DeliveredMail[] = [];
  private failuresAhead = 0;

  /** Everything delivered, oldest first. */
  all(): readonly DeliveredMail[] {
    return [...this.delivered];
  }

  /** The copies of one notification delivered so far. */
  of(notificationId: string): DeliveredMail[] {
    return this.delivered.filter((m) => m.notificationId === notificationId);
  }

  /** The next `count` deliveries fail with a connection error. */
  failNext(count: number): void {
    this.failuresAhead = count;
  }

  /** Called by the memory transport before it delivers. */
  takeFailure(): void {
    if (this.failuresAhead <= 0) return;
    this.failuresAhead -= 1;
    throw new MailDeliveryError('ECONNECTION');
  }

  deliver(mail: DeliveredMail): void {
    this.delivered.push(mail);
  }
}
