import { ConflictError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { ReferralSide, ReferralStatus } from './referral-codes';

/** What a transition needs besides who makes it. */
export type TransitionRequirement = 'reason' | 'outcome';

export interface ReferralTransitionRule {
  /** The side whose users may make the move. */
  by: ReferralSide;
  requires?: TransitionRequirement;
}

const receiver = (requires?: TransitionRequirement): ReferralTransitionRule => ({
  by: ReferralSide.Receiver,
  requires,
});
const sender = (requires?: TransitionRequirement): ReferralTransitionRule => ({
  by: ReferralSide.Sender,
  requires,
});

/**
 * The one transition table of a referral: from each status, the statuses it may move to, who
 * moves it and what the move needs. The service and the tests both read it.
 *
 * The receiving unit accepts or rejects (with a reason) a pending referral, starts the work, and
 * ends it as completed (with an outcome) or closed (with a reason). The sender may withdraw it
 * (with a reason) until the work has started.
 */
export const REFERRAL_TRANSITIONS: Readonly<
  Record<ReferralStatus, Readonly<Partial<Record<ReferralStatus, ReferralTransitionRule>>>>
> = {
  [ReferralStatus.Pending]: {
    [ReferralStatus.Accepted]: receiver(),
    [ReferralStatus.Rejected]: receiver('reason'),
    [ReferralStatus.Withdrawn]: sender('reason'),
  },
  [ReferralStatus.Accepted]: {
    [ReferralStatus.InProgress]: receiver(),
    [ReferralStatus.Closed]: receiver('reason'),
    [ReferralStatus.Withdrawn]: sender('reason'),
  },
  [ReferralStatus.InProgress]: {
    [ReferralStatus.Completed]: receiver('outcome'),
    [ReferralStatus.Closed]: receiver('reason'),
  },
  [ReferralStatus.Rejected]: {},
  [ReferralStatus.Completed]: {},
  [ReferralStatus.Closed]: {},
  [ReferralStatus.Withdrawn]: {},
};

export function allowedReferralTransitions(from: ReferralStatus): ReferralStatus[] {
  return Object.keys(REFERRAL_TRANSITIONS[from]) as ReferralStatus[];
}

/**
 * The rule for `from → to`, or a 409 INVALID_REFERRAL_TRANSITION naming the current status and
 * the allowed ones.
 */
export function referralTransition(from: ReferralStatus, to: ReferralStatus): ReferralTransitionRule {
  const rule = REFERRAL_TRANSITIONS[from][to];
  if (rule) return rule;
  const allowed = allowedReferralTransitions(from);
  throw new ConflictError(
    ErrorCode.InvalidReferralTransition,
    allowed.length
      ? `A referral that is ${from} cannot become ${to}; allowed: ${allowed.join(', ')}`
      : `A referral that is ${from} is final and cannot become ${to}`,
    { currentStatus: from, allowed },
  );
}
