import type { Job } from 'bullmq';
import { JobProcessor, OnJob, QueueProcessor } from '../jobs/job-handler';
import { JobName, JobPayloads, NoPayload, QueueName } from '../jobs/job-names';
import { EmailDelivery, NotificationEmailsService } from './notification-emails.service';

/** The e-mail copies of notifications, and the relay that catches up on lost enqueues. */
@QueueProcessor(QueueName.Notifications)
export class NotificationsProcessor extends JobProcessor {
  constructor(private readonly emails: NotificationEmailsService) {
    super();
  }

  /** Safe to run twice: the second run finds the e-mail claimed or sent and sends nothing. */
  @OnJob(JobName.SendNotificationEmail)
  async sendNotificationEmail(
    payload: JobPayloads[JobName.SendNotificationEmail],
    job: Job,
  ): Promise<{ delivery: EmailDelivery }> {
    // attemptsMade counts the attempts that failed before this one.
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return { delivery: await this.emails.deliver(payload.notificationId, lastAttempt) };
  }

  @OnJob(JobName.RelayNotificationEmails)
  relayNotificationEmails(_payload: NoPayload): Promise<{ pending: number }> {
    return this.emails.relayPending();
  }
}
