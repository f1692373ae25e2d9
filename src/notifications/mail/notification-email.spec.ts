import { NotificationKind, NotificationSubject } from '../notification-codes';
import { composeNotificationEmail, NotificationForEmail } from './notification-email';

const REFERRAL_ID = '3f6c1a52-2b0e-4c55-9a51-7d1f0e9b8c21';
const NOTIFICATION_ID = '9b2d7e14-5c3a-4f8e-8d6b-1a2b3c4d5e6f';
const URL = 'https://sukom.example.org';

const notification = (kind: NotificationKind, data: Record<string, string | null>): NotificationForEmail => ({
  id: NOTIFICATION_ID,
  kind,
  subjectType: NotificationSubject.Referral,
  subjectId: REFERRAL_ID,
  data: {
    receiverUnitName: 'Legal counselling',
    receiverOrganisationName: 'Demo Refugee Association',
    senderOrganisationName: 'Demo Partner NGO',
    urgency: 'urgent',
    ...data,
  },
});

describe(composeNotificationEmail.name, () => {
  it('says a referral arrived, for which unit, how urgent and by when, with a link', () => {
    const mail = composeNotificationEmail(
      notification(NotificationKind.ReferralReceived, { dueAt: '2026-11-25T14:00:00.000Z' }),
      URL,
    );
    expect(mail.subject).toBe('New referral for Legal counselling, urgency urgent, due 2026-11-25 14:00 UTC');
    expect(mail.text).toContain('A referral from Demo Partner NGO has arrived for Legal counselling');
    expect(mail.text).toContain(`Open it: ${URL}/referrals/${REFERRAL_ID}`);
  });

  it('tells the sender the answer, with the outcome of a completed referral', () => {
    const completed = composeNotificationEmail(
      notification(NotificationKind.ReferralAnswered, { status: 'completed', outcome: 'service_delivered' }),
      URL,
    );
    expect(completed.subject).toBe(
      'Your referral to Legal counselling was completed (outcome: service delivered)',
    );
    const rejected = composeNotificationEmail(
      notification(NotificationKind.ReferralAnswered, { status: 'rejected', outcome: null }),
      URL,
    );
    expect(rejected.subject).toBe('Your referral to Legal counselling was rejected');
  });

  it('names the missed due date and the phase of an overdue referral', () => {
    const response = composeNotificationEmail(
      notification(NotificationKind.ReferralOverdue, { phase: 'response', dueAt: '2026-11-20T08:30:00Z' }),
      URL,
    );
    expect(response.subject).toBe(
      'Overdue referral to Legal counselling: not answered by 2026-11-20 08:30 UTC',
    );
    const completion = composeNotificationEmail(
      notification(NotificationKind.ReferralOverdue, { phase: 'completion', dueAt: '2026-12-01T00:00:00Z' }),
      URL,
    );
    expect(completion.subject).toBe(
      'Overdue referral to Legal counselling: not completed by 2026-12-01 00:00 UTC',
    );
  });

  it('derives the Message-ID from the notification id and the public host', () => {
    const mail = composeNotificationEmail(notification(NotificationKind.ReferralReceived, {}), URL);
    expect(mail.messageId).toBe(`<notification.${NOTIFICATION_ID}@sukom.example.org>`);
  });

  it('falls back to neutral words when a parameter is missing or malformed', () => {
    const mail = composeNotificationEmail(
      {
        id: NOTIFICATION_ID,
        kind: NotificationKind.ReferralReceived,
        subjectType: NotificationSubject.Referral,
        subjectId: REFERRAL_ID,
        data: { dueAt: 'not a date' },
      },
      URL,
    );
    expect(mail.subject).toBe('New referral for a unit, urgency unknown, due an unknown date');
  });
});
