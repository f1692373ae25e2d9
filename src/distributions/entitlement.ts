import { EntitlementRule } from './distribution-codes';

/*
 * The entitlement rules as pure functions: no database, no Nest. The service reads the subject's
 * receipts (the person's, or their household's on each receipt's date), hands them here with the
 * round item's rule, and records only if nothing is refused; the distribution point asks the same
 * question to say "entitled now" or "not before DATE because RULE". Dates are calendar days,
 * `YYYY-MM-DD`, compared as whole days.
 */

/** A round item's rule, as stored (see RoundItem). */
export interface ItemRule {
  aidItemId: string;
  quantityPerReceipt: number;
  minDaysBetween: number | null;
  /** At most this many receipts within any `periodDays` consecutive days. */
  maxPerPeriod: number | null;
  periodDays: number | null;
  exclusiveWithItemIds: readonly string[];
}

/** An earlier receipt of the subject that is not voided. */
export interface Receipt {
  recordId: string;
  aidItemId: string;
  distributedOn: string;
}

export interface RoundPeriod {
  startsOn: string;
  endsOn: string;
}

export interface Refusal {
  rule: EntitlementRule;
  /** The first day the subject is entitled again under this rule; null: not in this round. */
  entitledFrom: string | null;
  /** The receipts that use up the entitlement, oldest first. */
  conflictingRecordIds: string[];
}

const DAY_MS = 86_400_000;

export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Everything that refuses a receipt of `quantity` on `on` under `rule`, given the subject's other
 * receipts; empty when the subject is entitled. Receipts on both sides of `on` count (a receipt can
 * be recorded after the fact), and receipts of other items only for `exclusiveWithItemIds`.
 */
export function refusals(
  rule: ItemRule,
  round: RoundPeriod,
  on: string,
  quantity: number,
  receipts: readonly Receipt[],
): Refusal[] {
  const out: Refusal[] = [];
  if (quantity > rule.quantityPerReceipt) {
    out.push({ rule: EntitlementRule.QuantityPerReceipt, entitledFrom: null, conflictingRecordIds: [] });
  }
  const same = receipts
    .filter((r) => r.aidItemId === rule.aidItemId)
    .sort((a, b) => dayNumber(a.distributedOn) - dayNumber(b.distributedOn));
  const day = dayNumber(on);
  const tooClose = minDaysRefusal(rule, day, same);
  if (tooClose) out.push(tooClose);
  const tooMany = maxPerPeriodRefusal(rule, day, same);
  if (tooMany) out.push(tooMany);
  const excluded = exclusiveRefusal(rule, round, receipts);
  if (excluded) out.push(excluded);
  return out;
}

/**
 * When the subject becomes entitled, judging all rules together: `on` itself when nothing refuses;
 * null when some rule refuses for the rest of the round (or for good); else the latest of the
 * days the refusing rules name, checked again there (a later day can meet another rule).
 */
export function entitledFrom(
  rule: ItemRule,
  round: RoundPeriod,
  on: string,
  quantity: number,
  receipts: readonly Receipt[],
): { from: string | null; refusals: Refusal[] } {
  const first = refusals(rule, round, on, quantity, receipts);
  let current = first;
  let day = on;
  // Each step moves to a later day named by a rule; a handful of steps settles any real history.
  for (let step = 0; current.length && step < 50; step++) {
    if (current.some((r) => r.entitledFrom === null)) return { from: null, refusals: first };
    day = current.map((r) => r.entitledFrom!).sort()[current.length - 1];
    if (dayNumber(day) > dayNumber(round.endsOn)) return { from: null, refusals: first };
    current = refusals(rule, round, day, quantity, receipts);
  }
  return { from: current.length ? null : day, refusals: first };
}

function minDaysRefusal(rule: ItemRule, day: number, same: readonly Receipt[]): Refusal | null {
  if (rule.minDaysBetween === null) return null;
  const gap = rule.minDaysBetween;
  const close = same.filter((r) => Math.abs(dayNumber(r.distributedOn) - day) < gap);
  if (!close.length) return null;
  const latest = Math.max(...close.map((r) => dayNumber(r.distributedOn)));
  return {
    rule: EntitlementRule.MinDaysBetween,
    entitledFrom: dateOfDay(latest + gap),
    conflictingRecordIds: close.map((r) => r.recordId),
  };
}

/**
 * At most `maxPerPeriod` receipts within any window of `periodDays` days: a new receipt on `day`
 * is refused if some window that contains `day` already holds the maximum.
 */
function maxPerPeriodRefusal(rule: ItemRule, day: number, same: readonly Receipt[]): Refusal | null {
  if (rule.maxPerPeriod === null || rule.periodDays === null) return null;
  const { maxPerPeriod: max, periodDays: days } = rule;
  const days_ = same.map((r) => dayNumber(r.distributedOn));
  let worst: number[] | null = null;
  for (let start = day - days + 1; start <= day; start++) {
    const inWindow = same.filter((_, i) => days_[i] >= start && days_[i] < start + days);
    if (inWindow.length >= max && (!worst || inWindow.length > worst.length)) {
      worst = inWindow.map((r) => same.indexOf(r));
    }
  }
  if (!worst) return null;
  // Entitled again once a window ending no earlier than `day` holds fewer than the maximum: try the
  // days just after each receipt leaves the windows, the earliest that works.
  const candidates = [...new Set(days_.map((d) => d + days))].filter((d) => d > day).sort((a, b) => a - b);
  const free = candidates.find((d) => countInWorstWindow(d, days, days_) < max);
  return {
    rule: EntitlementRule.MaxPerPeriod,
    entitledFrom: free === undefined ? null : dateOfDay(free),
    conflictingRecordIds: worst.map((i) => same[i].recordId),
  };
}

/** The most receipts in any window of `days` days that contains `day`. */
function countInWorstWindow(day: number, days: number, receiptDays: readonly number[]): number {
  let most = 0;
  for (let start = day - days + 1; start <= day; start++) {
    most = Math.max(most, receiptDays.filter((d) => d >= start && d < start + days).length);
  }
  return most;
}

function exclusiveRefusal(rule: ItemRule, round: RoundPeriod, receipts: readonly Receipt[]): Refusal | null {
  if (!rule.exclusiveWithItemIds.length) return null;
  const from = dayNumber(round.startsOn);
  const to = dayNumber(round.endsOn);
  const clashes = receipts.filter((r) => {
    const d = dayNumber(r.distributedOn);
    return rule.exclusiveWithItemIds.includes(r.aidItemId) && d >= from && d <= to;
  });
  if (!clashes.length) return null;
  return {
    rule: EntitlementRule.ExclusiveItems,
    entitledFrom: null,
    conflictingRecordIds: clashes.map((r) => r.recordId),
  };
}
