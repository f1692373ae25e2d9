import { NotificationKind, NotificationSubject } from '../notification-codes';

/** What an e-mail is composed from: the notification's kind, subject and non-personal data. */
export interface NotificationForEmail {
  id: string;
  kind: NotificationKind;
  subjectType: NotificationSubject;
  subjectId: string;
  data: Record<string, string | null>;
}

export interface NotificationEmail {
  subject: string;
  text: string;
  /** Derived from the notification id: a copy sent again after a crash carries the same one. */
  messageId: string;
}

const FOOTER =
  'This e-mail carries no personal data. Sign in to see the record, as far as your access allows.';

/**
 * The e-mail copy of a notification. It says what happened with the notification's data only
 * (names of units and organisations, codes, dates) and links to the record: it never names the
 * person, and carries no reason or note, whoever reads the mailbox.
 */
export function composeNotificationEmail(n: NotificationForEmail, publicUrl: string): NotificationEmail {
  const d = n.data;
  const unit = d.receiverUnitName ?? 'a unit';
  const receiver = d.receiverOrganisationName ? `${unit} (${d.receiverOrganisationName})` : unit;
  const from = d.senderOrganisationName ?? 'another unit';
  let subject: string;
  let body: string[];
  switch (n.kind) {
    case NotificationKind.ReferralReceived:
      subject = `New referral for ${unit}, urgency ${code(d.urgency)}, due ${date(d.dueAt)}`;
      body = [
        `A referral from ${from} has arrived for ${receiver}.`,
        `Urgency: ${code(d.urgency)}. Please accept or reject it by ${date(d.dueAt)}.`,
      ];
      break;
    case NotificationKind.ReferralAnswered: {
      const outcome = d.outcome ? ` (outcome: ${code(d.outcome)})` : '';
      subject = `Your referral to ${unit} was ${code(d.status)}${outcome}`;
      body = [`${receiver} has ${code(d.status)} your referral${outcome}.`];
      break;
    }
    case NotificationKind.ReferralOverdue: {
      const what = d.phase === 'completion' ? 'completed' : 'answered';
      subject = `Overdue referral to ${unit}: not ${what} by ${date(d.dueAt)}`;
      body = [
        `A referral from ${from} to ${receiver} was due to be ${what} by ${date(d.dueAt)} and still is not.`,
        `Urgency: ${code(d.urgency)}.`,
      ];
      break;
    }
    default:
      subject = 'You have a new notification';
      body = ['You have a new notification.'];
  }
  const text = [...body, '', `Open it: ${linkTo(n, publicUrl)}`, '', FOOTER, ''].join('\n');
  return { subject, text, messageId: `<notification.${n.id}@${new URL(publicUrl).hostname}>` };
}

function linkTo(n: NotificationForEmail, publicUrl: string): string {
  switch (n.subjectType) {
    case NotificationSubject.Referral:
      return `${publicUrl}/referrals/${n.subjectId}`;
    default:
      return `${publicUrl}/notifications`;
  }
}

/** A code as words: `service_delivered` → `service delivered`. */
function code(value: string | null | undefined): string {
  return value ? value.replace(/_/g, ' ') : 'unknown';
}

/** An ISO instant as `2026-11-25 14:00 UTC`. */
function date(iso: string | null | undefined): string {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t)
    ? 'an unknown date'
    : `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
