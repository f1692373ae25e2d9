import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import type { AppConfig } from '../../config/app-config';
import { MailDeliveryError, MailTransport, OutgoingMail } from './mail-transport';
import { MemoryInbox } from './memory-inbox';

function message(mail: OutgoingMail, from: string): SendMailOptions {
  return { from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId };
}

/** MAIL_TRANSPORT=smtp: nodemailer's SMTP transport on SMTP_URL (query options such as `?pool=true` apply). */
export class SmtpMailTransport extends MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    this.transporter = createTransport(smtpUrl);
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.transporter.sendMail(message(mail, this.from));
    } catch (err) {
      throw MailDeliveryError.from(err);
    }
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}

/**
 * MAIL_TRANSPORT=log (embedded mode's default): the message is built by nodemailer as for SMTP,
 * then only the notification id, its kind and the recipient's user id are logged: no address,
 * no content.
 */
export class LogMailTransport extends MailTransport {
  private readonly logger = new Logger('MailTransport');
  private readonly transporter = createTransport({ jsonTransport: true });

  constructor(private readonly from: string) {
    super();
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail(message(mail, this.from));
    this.logger.log(
      { notificationId: mail.notificationId, kind: mail.kind, userId: mail.userId },
      'Notification e-mail (log transport: not sent)',
    );
  }
}

/** MAIL_TRANSPORT=memory: nodemailer builds the raw message, and the MemoryInbox keeps it. */
export class MemoryMailTransport extends MailTransport {
  private readonly transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    private readonly inbox: MemoryInbox,
    private readonly from: string,
  ) {
    super();
  }

  async send(mail: OutgoingMail): Promise<void> {
    this.inbox.takeFailure();
    const info = await this.transporter.sendMail(message(mail, this.from));
    this.inbox.deliver({
      notificationId: mail.notificationId,
      userId: mail.userId,
      kind: mail.kind,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      raw: (info.message as Buffer).toString('utf8'),
    });
  }
}

/** MAIL_TRANSPORT=none: e-mail is off; notifications are created without a pending copy. */
export class NoMailTransport extends MailTransport {
  send(): Promise<void> {
    return Promise.reject(new MailDeliveryError('DISABLED'));
  }
}

export function createMailTransport(config: AppConfig, inbox: MemoryInbox): MailTransport {
  const { transport, smtpUrl, from } = config.mail;
  switch (transport) {
    case 'smtp':
      return new SmtpMailTransport(smtpUrl!, from);
    case 'log':
      return new LogMailTransport(from);
    case 'memory':
      return new MemoryMailTransport(inbox, from);
    case 'none':
      return new NoMailTransport();
  }
}
