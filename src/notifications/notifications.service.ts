import { Injectable, Logger } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { JobsOptions } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { BadRequestError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { Page, parseCursor, toPage } from '../common/pagination/pagination';
import { AppConfig } from '../config/app-config';
import { JOB_QUEUE, JobName } from '../jobs/job-names';
import { JobQueueService } from '../jobs/job-queue.service';
import {
  ListNotificationsQuery,
  NotificationResponseDto,
  NotificationsMarkedReadDto,
} from './dto/notification.dto';
import { Notification } from './entities/notification.entity';
import { NewNotification, NotificationsRepository } from './notifications.repository';

/**
 * The e-mail jobs retry a mail server that is down for about twenty minutes (10 s doubling, eight
 * attempts); after the last one the e-mail is marked failed (see NotificationEmailsService).
 */
export const NOTIFICATION_EMAIL_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 10_000 },
};

/**
 * One job id per notification: a second enqueue of the same e-mail (the relay catching up while
 * the first job waits for a retry) is a no-op while that job is kept.
 */
export const notificationEmailJobId = (notificationId: string): string => `email-${notificationId}`;

/**
 * In-app notifications and the queueing of their e-mail copies. Features raise notifications in
 * their own transaction with `create` and call `sendEmails` once it has committed.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsRepository,
    private readonly jobs: JobQueueService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Inserts the notifications, in the caller's transaction, skipping those whose dedupe key exists
   * already: raising the same event twice adds nothing. Returns the ids actually created, for
   * `sendEmails` after the commit.
   */
  create(em: EntityManager, items: readonly NewNotification[]): Promise<string[]> {
    const unique = [...new Map(items.map((i) => [i.dedupeKey, i])).values()];
    return this.notifications.insertIgnoringDuplicates(em, unique, this.config.mail.enabled);
  }

  /**
   * Queues the e-mail copies of these notifications; call it after the transaction that created
   * them has committed. Never throws: the request has succeeded by then, and an e-mail whose
   * enqueue is lost here is queued by the relay job a minute later.
   */
  async sendEmails(ids: readonly string[]): Promise<void> {
    if (!ids.length || !this.config.mail.enabled) return;
    try {
      await this.enqueueEmails(await this.notifications.withPendingEmail(this.dataSource.manager, ids));
    } catch (err) {
      this.logger.warn(
        { notifications: ids.length, error: err instanceof Error ? err.message : String(err) },
        'Could not queue notification e-mails; the relay job will',
      );
    }
  }

  /** One e-mail job per notification, under the notification's job id. Throws if the queue fails. */
  async enqueueEmails(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    await this.jobs.queue(JOB_QUEUE[JobName.SendNotificationEmail]).addBulk(
      ids.map((notificationId) => ({
        name: JobName.SendNotificationEmail,
        data: { notificationId },
        opts: { ...NOTIFICATION_EMAIL_JOB_OPTIONS, jobId: notificationEmailJobId(notificationId) },
      })),
    );
  }

  async list(user: AuthUser, query: ListNotificationsQuery): Promise<Page<NotificationResponseDto>> {
    const afterId = parseNotificationCursor(query.cursor);
    const rows = await this.notifications.listForUser(this.dataSource.manager, user.id, query, afterId);
    return toPage(rows, query.limit, (n) => [n.id], toNotificationResponse);
  }

  /** Idempotent: reading it again keeps the first time. Someone else's notification is a 404. */
  async markRead(user: AuthUser, id: string): Promise<NotificationResponseDto> {
    const notification = await this.notifications.markRead(this.dataSource.manager, user.id, id);
    if (!notification) throw new NotFoundError();
    return toNotificationResponse(notification);
  }

  async markAllRead(user: AuthUser): Promise<NotificationsMarkedReadDto> {
    return { count: await this.notifications.markAllRead(this.dataSource.manager, user.id) };
  }
}

/** The cursor carries the id of the last notification of the previous page. */
function parseNotificationCursor(cursor: string | undefined): string | undefined {
  const key = parseCursor(cursor, ['string']);
  if (!key) return undefined;
  const id = String(key[0]);
  if (!isUUID(id)) {
    throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: cursor', { cursor: ['invalid'] });
  }
  return id;
}

function toNotificationResponse(n: Notification): NotificationResponseDto {
  return {
    id: n.id,
    kind: n.kind,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    data: n.data,
    createdAt: n.createdAt,
    readAt: n.readAt,
  };
}
