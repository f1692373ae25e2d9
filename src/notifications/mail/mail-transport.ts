import type { NotificationKind } from '../notification-codes';

/** One e-mail to send, with the ids a transport may log in place of the address and the content. */
export interface OutgoingMail {
  notificationId: string;
  kind: NotificationKind;
  /** The recipient's user id: what the log transport writes instead of the address. */
  userId: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

/**
 * Where e-mails go (MAIL_TRANSPORT): SMTP, a log line, an in-process inbox for tests, or nowhere.
 * Also the injection token of the configured transport (see MailModule).
 */
export abstract class MailTransport {
  abstract send(mail: OutgoingMail): Promise<void>;
}

/**
 * A failed delivery, told by its error code only. A mail server's reply often quotes the
 * recipient's address, and this error goes to the log and into the queue backend as the job's
 * failure reason: the address must not.
 */
export class MailDeliveryError extends Error {
  constructor(readonly reason: string) {
    super(`E-mail transport failed (${reason})`);
    this.name = 'MailDeliveryError';
  }

  static from(err: unknown): MailDeliveryError {
    if (err instanceof MailDeliveryError) return err;
    const e = (err ?? {}) as { code?: unknown; responseCode?: unknown };
    const code = typeof e.code === 'string' && /^[A-Z0-9_]{1,40}$/.test(e.code) ? e.code : 'UNKNOWN';
    const smtp = typeof e.responseCode === 'number' ? ` ${e.responseCode}` : '';
    return new MailDeliveryError(`${code}${smtp}`);
  }
}
