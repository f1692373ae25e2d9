/**
 * The one table of queues, jobs and their payloads. Payloads carry ids and parameters, never
 * personal data: job data is stored in the queue backend and shows in its tooling.
 */
export enum QueueName {
  Maintenance = 'maintenance',
  Notifications = 'notifications',
  Referrals = 'referrals',
  DuplicateAid = 'duplicate_aid',
}

export enum JobName {
  PurgeExpiredRefreshTokens = 'purge_expired_refresh_tokens',
  PurgeLoginFailures = 'purge_login_failures',
  /** Sends the e-mail copy of one notification, at most once. */
  SendNotificationEmail = 'send_notification_email',
  /** Enqueues the e-mails still pending after a minute: enqueues lost after a commit. */
  RelayNotificationEmails = 'relay_notification_emails',
  /** Marks referrals past their response or completion due date and notifies the people concerned. */
  MarkOverdueReferrals = 'mark_overdue_referrals',
  /** Re-checks the entitlement rules across all organisations' records and raises duplicate-aid flags. */
  ScanDuplicateAid = 'scan_duplicate_aid',
}

/** An empty payload: the job re-reads everything it needs. */
export type NoPayload = Record<string, never>;

export interface JobPayloads {
  [JobName.PurgeExpiredRefreshTokens]: NoPayload;
  [JobName.PurgeLoginFailures]: NoPayload;
  [JobName.SendNotificationEmail]: { notificationId: string };
  [JobName.RelayNotificationEmails]: NoPayload;
  [JobName.MarkOverdueReferrals]: NoPayload;
  [JobName.ScanDuplicateAid]: { mode: 'full' | 'incremental' };
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.PurgeExpiredRefreshTokens]: QueueName.Maintenance,
  [JobName.PurgeLoginFailures]: QueueName.Maintenance,
  [JobName.SendNotificationEmail]: QueueName.Notifications,
  [JobName.RelayNotificationEmails]: QueueName.Notifications,
  [JobName.MarkOverdueReferrals]: QueueName.Referrals,
  [JobName.ScanDuplicateAid]: QueueName.DuplicateAid,
};

export interface JobSchedule<N extends JobName = JobName> {
  /** Scheduler id: upserting it from every worker replica keeps one schedule. */
  id: string;
  job: N;
  /** Cron pattern, evaluated in UTC. */
  pattern: string;
  payload: JobPayloads[N];
}

export const JOB_SCHEDULES: readonly JobSchedule[] = [
  {
    id: 'purge-expired-refresh-tokens',
    job: JobName.PurgeExpiredRefreshTokens,
    pattern: '17 * * * *',
    payload: {},
  },
  {
    id: 'purge-login-failures',
    job: JobName.PurgeLoginFailures,
    pattern: '*/15 * * * *',
    payload: {},
  },
  {
    id: 'relay-notification-emails',
    job: JobName.RelayNotificationEmails,
    pattern: '* * * * *',
    payload: {},
  },
  {
    id: 'mark-overdue-referrals',
    job: JobName.MarkOverdueReferrals,
    pattern: '*/5 * * * *',
    payload: {},
  },
  // Nightly, the records added since the last run; weekly, everything again, which also catches
  // what the incremental runs cannot see (see docs/duplicate-aid.md).
  {
    id: 'scan-duplicate-aid-nightly',
    job: JobName.ScanDuplicateAid,
    pattern: '30 2 * * *',
    payload: { mode: 'incremental' },
  },
  {
    id: 'scan-duplicate-aid-weekly-full',
    job: JobName.ScanDuplicateAid,
    pattern: '30 3 * * 0',
    payload: { mode: 'full' },
  },
];

export const QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);
export const JOB_NAMES: readonly JobName[] = Object.values(JobName);
