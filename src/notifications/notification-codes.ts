/** What a notification tells its reader. */
export enum NotificationKind {
  /** A referral arrived in one of my units. */
  ReferralReceived = 'referral_received',
  /** A referral I sent was accepted, rejected, completed or closed. */
  ReferralAnswered = 'referral_answered',
  /** A referral of my unit, or one I sent, is past its due date. */
  ReferralOverdue = 'referral_overdue',
}

/** The kind of record a notification points to. */
export enum NotificationSubject {
  Referral = 'referral',
}

/**
 * Where the e-mail copy of a notification stands. `sending` is claimed before the transport is
 * called, so a retried job finds it and does not send again.
 */
export enum EmailStatus {
  /** The user has no e-mail address, or e-mail is switched off. */
  NotApplicable = 'not_applicable',
  Pending = 'pending',
  Sending = 'sending',
  Sent = 'sent',
  Failed = 'failed',
}
