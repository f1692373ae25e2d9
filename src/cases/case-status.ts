import { ConflictError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { CaseStatus } from './case-codes';

/**
 * The one transition table of a case's status: from each status, the statuses it may move to.
 * The service and the tests both read it; nothing else decides what a case may become.
 *
 * A case opens as `open`, becomes `active` once work starts, may be put `on_hold` and taken up
 * again, and is `closed` with a reason. A closed case comes back only as `reopened` (by a
 * supervisor), from where it continues like an open one.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  [CaseStatus.Open]: [CaseStatus.Active, CaseStatus.Closed],
  [CaseStatus.Active]: [CaseStatus.OnHold, CaseStatus.Closed],
  [CaseStatus.OnHold]: [CaseStatus.Active, CaseStatus.Closed],
  [CaseStatus.Closed]: [CaseStatus.Reopened],
  [CaseStatus.Reopened]: [CaseStatus.Active, CaseStatus.OnHold, CaseStatus.Closed],
};

/** The statuses a case in `from` may move to. */
export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return CASE_TRANSITIONS[from];
}

export function isAllowedTransition(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

/**
 * Throws 409 INVALID_CASE_TRANSITION unless the table allows `from → to`. The message and the
 * details name the current status and the allowed ones, so a client can offer the right buttons.
 */
export function assertCaseTransition(from: CaseStatus, to: CaseStatus): void {
  if (isAllowedTransition(from, to)) return;
  const allowed = [...CASE_TRANSITIONS[from]];
  throw new ConflictError(
    ErrorCode.InvalidCaseTransition,
    `A case that is ${from} cannot become ${to}; allowed: ${allowed.join(', ')}`,
    { currentStatus: from, allowed },
  );
}
