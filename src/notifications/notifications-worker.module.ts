import { Module } from '@nestjs/common';
import { MailModule } from './mail/mail.module';
import { NotificationEmailsService } from './notification-emails.service';
import { NotificationsModule } from './notifications.module';
import { NotificationsProcessor } from './notifications.processor';

/** Worker side of notifications: the e-mail job and its relay. */
@Module({
  imports: [NotificationsModule, MailModule],
  providers: [NotificationEmailsService, NotificationsProcessor],
})
export class NotificationsWorkerModule {}
