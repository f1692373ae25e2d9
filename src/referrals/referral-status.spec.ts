import { ConflictError } from '../common/errors/domain-error';
import { ReferralSide, ReferralStatus as S } from './referral-codes';
import { allowedReferralTransitions, REFERRAL_TRANSITIONS, referralTransition } from './referral-status';

describe('REFERRAL_TRANSITIONS', () => {
  it('lets the receiver accept or reject a pending referral and the sender withdraw it', () => {
    expect(referralTransition(S.Pending, S.Accepted)).toEqual({
      by: ReferralSide.Receiver,
      requires: undefined,
    });
    expect(referralTransition(S.Pending, S.Rejected)).toEqual({
      by: ReferralSide.Receiver,
      requires: 'reason',
    });
    expect(referralTransition(S.Pending, S.Withdrawn)).toEqual({
      by: ReferralSide.Sender,
      requires: 'reason',
    });
  });

  it('needs an outcome to complete and a reason to close', () => {
    expect(referralTransition(S.InProgress, S.Completed).requires).toBe('outcome');
    expect(referralTransition(S.InProgress, S.Closed).requires).toBe('reason');
    expect(referralTransition(S.Accepted, S.Closed).requires).toBe('reason');
  });

  it('lets the sender withdraw only until the work has started', () => {
    const withdrawableFrom = Object.values(S).filter((from) => REFERRAL_TRANSITIONS[from][S.Withdrawn]);
    expect(withdrawableFrom.sort()).toEqual([S.Accepted, S.Pending]);
  });

  it('has four final statuses, and every other status reaches one', () => {
    const finals = Object.values(S).filter((s) => !allowedReferralTransitions(s).length);
    expect(finals.sort()).toEqual([S.Closed, S.Completed, S.Rejected, S.Withdrawn]);
    const reachesFinal = (s: S, seen = new Set<S>()): boolean =>
      finals.includes(s) ||
      allowedReferralTransitions(s).some((n) => !seen.has(n) && reachesFinal(n, seen.add(s)));
    for (const s of Object.values(S)) expect(reachesFinal(s)).toBe(true);
  });

  it('refuses any other move with 409 INVALID_REFERRAL_TRANSITION naming the current and allowed statuses', () => {
    for (const from of Object.values(S)) {
      for (const to of Object.values(S)) {
        if (REFERRAL_TRANSITIONS[from][to]) continue;
        let error: unknown;
        try {
          referralTransition(from, to);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ConflictError);
        expect((error as ConflictError).code).toBe('INVALID_REFERRAL_TRANSITION');
        expect((error as ConflictError).details).toEqual({
          currentStatus: from,
          allowed: allowedReferralTransitions(from),
        });
      }
    }
  });
});
