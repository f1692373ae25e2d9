/*
 * The checks of a round that span fields, as pure functions returning 400 details (field path to
 * rule codes, empty when all is well). Single fields are checked by the DTOs; what needs the
 * database (items of the organisation, active) by the service.
 */

export type Problems = Record<string, string[]>;

export interface RuleFields {
  maxPerPeriod?: number | null;
  periodDays?: number | null;
  exclusiveWithItemIds?: readonly string[] | null;
}

/** One item's rule, its fields named under `prefix` (`items.1.` or nothing for a single rule). */
export function ruleProblems(aidItemId: string, rule: RuleFields, prefix = ''): Problems {
  const out: Problems = {};
  const hasMax = rule.maxPerPeriod !== undefined && rule.maxPerPeriod !== null;
  const hasPeriod = rule.periodDays !== undefined && rule.periodDays !== null;
  // A maximum counts receipts within a period: one without the other means nothing.
  if (hasMax && !hasPeriod) out[`${prefix}periodDays`] = ['requiredWithMaxPerPeriod'];
  if (hasPeriod && !hasMax) out[`${prefix}maxPerPeriod`] = ['requiredWithPeriodDays'];
  if (rule.exclusiveWithItemIds?.includes(aidItemId)) out[`${prefix}exclusiveWithItemIds`] = ['notSelf'];
  return out;
}

/** Every item's rule, and each item once per round: a second entry of an item is named. */
export function itemsProblems(items: ReadonlyArray<RuleFields & { aidItemId: string }>): Problems {
  const out: Problems = {};
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.aidItemId)) out[`items.${i}.aidItemId`] = ['uniqueInRound'];
    seen.add(item.aidItemId);
    Object.assign(out, ruleProblems(item.aidItemId, item, `items.${i}.`));
  });
  return out;
}

/** The period and the household size bounds, as they will be stored (sent values over stored ones). */
export function roundProblems(round: {
  startsOn: string;
  endsOn: string;
  minHouseholdSize: number | null;
  maxHouseholdSize: number | null;
}): Problems {
  const out: Problems = {};
  if (round.endsOn < round.startsOn) out.endsOn = ['notBeforeStartsOn'];
  if (
    round.minHouseholdSize !== null &&
    round.maxHouseholdSize !== null &&
    round.maxHouseholdSize < round.minHouseholdSize
  ) {
    out['eligibility.maxHouseholdSize'] = ['notBelowMinHouseholdSize'];
  }
  return out;
}
