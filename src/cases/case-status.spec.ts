import { ConflictError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { CaseStatus } from './case-codes';
import {
  allowedTransitions,
  assertCaseTransition,
  CASE_TRANSITIONS,
  isAllowedTransition,
} from './case-status';

const { Open, Active, OnHold, Closed, Reopened } = CaseStatus;
const ALL = Object.values(CaseStatus);

describe('CASE_TRANSITIONS', () => {
  it('names every status, and only statuses', () => {
    expect(Object.keys(CASE_TRANSITIONS).sort()).toEqual([...ALL].sort());
    for (const targets of Object.values(CASE_TRANSITIONS)) {
      for (const to of targets) expect(ALL).toContain(to);
    }
  });

  it('allows exactly the documented transitions', () => {
    expect(CASE_TRANSITIONS).toEqual({
      [Open]: [Active, Closed],
      [Active]: [OnHold, Closed],
      [OnHold]: [Active, Closed],
      [Closed]: [Reopened],
      [Reopened]: [Active, OnHold, Closed],
    });
  });

  it('never moves a case to the status it already has', () => {
    for (const from of ALL) expect(isAllowedTransition(from, from)).toBe(false);
  });

  it('never goes back to open: a closed case comes back only as reopened', () => {
    for (const from of ALL) expect(isAllowedTransition(from, Open)).toBe(false);
    expect(allowedTransitions(Closed)).toEqual([Reopened]);
    for (const from of ALL.filter((s) => s !== Closed))
      expect(isAllowedTransition(from, Reopened)).toBe(false);
  });

  it('lets every status except closed reach closed in one step', () => {
    for (const from of ALL.filter((s) => s !== Closed)) expect(isAllowedTransition(from, Closed)).toBe(true);
  });

  it('reaches every status from open', () => {
    const seen = new Set<CaseStatus>([Open]);
    const queue: CaseStatus[] = [Open];
    while (queue.length) {
      for (const to of CASE_TRANSITIONS[queue.shift()!]) {
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...ALL].sort());
  });
});

describe(assertCaseTransition.name, () => {
  it.each([
    [Open, Active],
    [Open, Closed],
    [Active, OnHold],
    [Active, Closed],
    [OnHold, Active],
    [OnHold, Closed],
    [Closed, Reopened],
    [Reopened, Active],
    [Reopened, OnHold],
    [Reopened, Closed],
  ])('allows %s → %s', (from, to) => {
    expect(() => assertCaseTransition(from, to)).not.toThrow();
  });

  const refused = ALL.flatMap((from) =>
    ALL.filter((to) => !CASE_TRANSITIONS[from].includes(to)).map((to) => [from, to] as const),
  );

  it.each(refused)('refuses %s → %s with a 409 naming the current and allowed statuses', (from, to) => {
    let error: unknown;
    try {
      assertCaseTransition(from, to);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      status: 409,
      code: ErrorCode.InvalidCaseTransition,
      details: { currentStatus: from, allowed: [...CASE_TRANSITIONS[from]] },
    });
    const message = (error as Error).message;
    expect(message).toContain(from);
    for (const allowed of CASE_TRANSITIONS[from]) expect(message).toContain(allowed);
  });

  it('refuses 15 of the 25 pairs', () => {
    expect(refused).toHaveLength(15);
  });
});
