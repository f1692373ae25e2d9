import { CountedPer, DistributionSource, EntitlementRule } from '../../distributions/distribution-codes';
import { isoTimestamp } from './dates';
import { Random, WeightedTable } from './random';

/**
 * Synthetic distribution records for the people and households already in the database, one
 * household at a time (memory stays flat, whatever the count). Receipts follow the rounds' rules:
 * each household's (or person's) receipts of an item are spaced at least the rule's days apart and
 * within its maximum per period, and a household gets either food parcels or food vouchers in a
 * round, never both. A small share breaks the rules on purpose, as real data does, so that the
 * duplicate-aid scan has something to find: receipts imported from a partner's list (another
 * member collecting the same household item a few days later, or the same person twice), and a few
 * supervisor overrides with a reason. About 1 % of records are voided. Pure: no database.
 */

/** A round item with its database ids and rule, ready for the generator. */
export interface GeneratorRoundItem {
  roundItemId: string;
  aidItemId: string;
  /** Name of the aid item: exclusive pairs are named by it. */
  item: string;
  countedPer: CountedPer;
  quantity: number;
  minDaysBetween: number | null;
  maxPerPeriod: number | null;
  periodDays: number | null;
  exclusiveWith: readonly string[];
  unitValue: string | null;
  currency: string | null;
}

export interface GeneratorRound {
  roundId: string;
  startsDay: number;
  endsDay: number;
  locations: readonly string[];
  items: readonly GeneratorRoundItem[];
}

export interface GeneratorContext {
  organisationId: string;
  rounds: readonly GeneratorRound[];
  /** Who records at distribution points (distribution officers, or any staff). */
  recorders: readonly string[];
  /** Who overrides and voids (supervisors, or any staff). */
  supervisors: readonly string[];
  /** Receipts happen up to the day before this one (days since 1970-01-01). */
  asOfDay: number;
}

/** A household as read from the database: current members, the head first, with the day each joined. */
export interface GeneratorHousehold {
  householdId: string | null;
  members: ReadonlyArray<{ beneficiaryId: string; sinceDay: number }>;
}

export interface DistributionRecordRow {
  id: string;
  roundId: string | null;
  roundItemId: string | null;
  aidItemId: string;
  beneficiaryId: string;
  householdId: string | null;
  quantity: number;
  unitValue: string | null;
  currency: string | null;
  distributedOn: number;
  location: string | null;
  source: DistributionSource;
  recordedByUserId: string;
  recordedAt: string;
  overriddenRules: readonly string[];
  overrideReason: string | null;
}

export interface DistributionVoidRow {
  recordId: string;
  reason: string;
  voidedByUserId: string;
  voidedAt: string;
}

export interface DistributionSink {
  record(row: DistributionRecordRow): void;
  void(row: DistributionVoidRow): void;
}

/** Shares of the records (of all records generated). */
export const SHARES = {
  /** Imported receipts that break a rule together with an earlier one. */
  ruleBreaking: 0.004,
  /** Live receipts a supervisor recorded despite the minimum days. */
  override: 0.001,
  voided: 0.01,
} as const;

const VOID_REASONS = new WeightedTable([
  ['Recorded for the wrong person', 4],
  ['Entered twice by mistake', 3],
  ['Item not handed out: the person did not come', 2],
  ['Wrong item recorded', 1],
] as const);

const OVERRIDE_REASONS = [
  'Synthetic: household lost its belongings in a fire',
  'Synthetic: newborn in the household, urgent need',
  'Synthetic: medical emergency, supervisor approved',
] as const;

/** A receipt the rules allow, before it is chosen. */
interface Slot {
  day: number;
  round: GeneratorRound;
  item: GeneratorRoundItem;
  /** Index into the household's members. */
  member: number;
}

const DAY_START = 9 * 3600;
const DAY_LENGTH = 8 * 3600;

export class DistributionGenerator {
  constructor(
    private readonly ctx: GeneratorContext,
    private readonly random: Random,
    private readonly ids: Random,
  ) {}

  /**
   * Writes up to `count` records for the household and returns how many. When the rules leave room
   * for fewer receipts, up to `carry` of the missing ones are left for the next households (the
   * caller asks them for more); the rest become imported records of an older system, outside any
   * round, which may break the rules.
   */
  generate(household: GeneratorHousehold, count: number, sink: DistributionSink, carry = 0): number {
    if (count <= 0 || !household.members.length) return 0;
    const slots = this.slots(household);
    const chosen = this.choose(slots, count);
    chosen.sort((a, b) => a.day - b.day);
    let written = 0;
    for (const slot of chosen) {
      if (written >= count) break;
      written += this.emit(household, slot, sink, count - written);
    }
    while (written < count - carry) written += this.emitHistory(household, sink);
    return written;
  }

  /** Every receipt the rounds' rules allow the household, spaced to respect each rule. */
  private slots(household: GeneratorHousehold): Slot[] {
    const r = this.random;
    const slots: Slot[] = [];
    const lastDay = this.ctx.asOfDay - 1;
    const joined = Math.min(...household.members.map((m) => m.sinceDay));
    /** Per subject and item, the base day of the last receipt placed. */
    const last = new Map<string, number>();
    for (const round of this.ctx.rounds) {
      const start = Math.max(round.startsDay, joined);
      const end = Math.min(round.endsDay, lastDay);
      if (start > end) continue;
      // Of items that may not be combined, the household gets one per round.
      const excluded = new Set<string>();
      for (const item of round.items) {
        if (excluded.has(item.item)) continue;
        const rivals = item.exclusiveWith.filter((name) => round.items.some((i) => i.item === name));
        if (rivals.length && r.chance(0.2)) {
          excluded.add(item.item);
          continue;
        }
        rivals.forEach((name) => excluded.add(name));
      }
      for (const item of round.items) {
        if (excluded.has(item.item)) continue;
        const { spacing, jitter } = spacingOf(item);
        const recipients =
          item.countedPer === CountedPer.Household ? [-1] : household.members.map((_m, i) => i);
        for (const recipient of recipients) {
          const from = recipient < 0 ? start : Math.max(start, household.members[recipient].sinceDay);
          // The rules count an item's receipts across rounds: continue the spacing from the last one.
          const key = `${recipient}:${item.aidItemId}`;
          const previous = last.get(key);
          // Not everyone comes on the first day: the first receipt falls somewhere in the first gap.
          let base = Math.max(
            from + r.int(0, Math.max(0, spacing - jitter - 1)),
            (previous ?? -Infinity) + spacing,
          );
          for (; base <= end; base += spacing) {
            const day = base + r.int(0, jitter);
            if (day > end) break;
            const member = recipient >= 0 ? recipient : this.householdRecipient(household, day);
            if (member < 0) continue;
            slots.push({ day, round, item, member });
            last.set(key, base);
          }
        }
      }
    }
    return slots;
  }

  /** Who collects a household item on `day`: mostly the head, sometimes another member then present. */
  private householdRecipient(household: GeneratorHousehold, day: number): number {
    const present = household.members.flatMap((m, i) => (m.sinceDay <= day ? [i] : []));
    if (!present.length) return -1;
    return this.random.chance(0.75) ? present[0] : this.random.pick(present);
  }

  /** `count` slots at random (all of them if there are fewer): dropping receipts breaks no rule. */
  private choose(slots: Slot[], count: number): Slot[] {
    if (count >= slots.length) return slots;
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.random.next() * (slots.length - i));
      [slots[i], slots[j]] = [slots[j], slots[i]];
    }
    return slots.slice(0, count);
  }

  /** The receipt of a slot, and sometimes a second one that breaks its rule; returns how many. */
  private emit(household: GeneratorHousehold, slot: Slot, sink: DistributionSink, room: number): number {
    const r = this.random;
    const first = this.row(household, slot, slot.member, slot.day, DistributionSource.Live);
    this.write(first, sink);
    if (room < 2) return 1;
    const gap = slot.item.minDaysBetween ?? slot.item.periodDays ?? 0;
    if (gap > 1 && r.chance(SHARES.override / (1 - SHARES.ruleBreaking - SHARES.override))) {
      const day = slot.day + r.int(1, gap - 1);
      if (day >= this.ctx.asOfDay || day > slot.round.endsDay) return 1;
      const rule = slot.item.minDaysBetween ? EntitlementRule.MinDaysBetween : EntitlementRule.MaxPerPeriod;
      const row = this.row(household, slot, slot.member, day, DistributionSource.Live);
      row.recordedByUserId = r.pick(this.ctx.supervisors);
      row.overriddenRules = [rule];
      row.overrideReason = r.pick(OVERRIDE_REASONS);
      this.write(row, sink);
      return 2;
    }
    if (r.chance(SHARES.ruleBreaking / (1 - SHARES.ruleBreaking - SHARES.override))) {
      // A partner's list brought in later: the same household item collected again a few days on by
      // another member (or the same person), which the live check would have refused.
      const day = Math.min(slot.day + r.int(0, Math.max(0, Math.min(gap, 14) - 1)), this.ctx.asOfDay - 1);
      const others = household.members.map((_m, i) => i).filter((i) => household.members[i].sinceDay <= day);
      const member =
        slot.item.countedPer === CountedPer.Household && others.length > 1 ? r.pick(others) : slot.member;
      const row = this.row(household, slot, member, day, DistributionSource.Imported);
      row.location = null;
      row.recordedAt = isoTimestamp(Math.min(day + r.int(7, 60), this.ctx.asOfDay - 1), r.int(0, 86_399));
      this.write(row, sink);
      return 2;
    }
    return 1;
  }

  /** An imported receipt of an older system, outside any round, for when the rounds leave no room. */
  private emitHistory(household: GeneratorHousehold, sink: DistributionSink): number {
    const r = this.random;
    const round = r.pick(this.ctx.rounds);
    const item = r.pick(round.items);
    const member = r.int(0, household.members.length - 1);
    // Within the two years the rounds cover, and not before the person joined.
    const since = Math.max(household.members[member].sinceDay, this.ctx.asOfDay - 730);
    const day = r.int(Math.min(since, this.ctx.asOfDay - 1), this.ctx.asOfDay - 1);
    const row = this.row(household, { day, round, item, member }, member, day, DistributionSource.Imported);
    row.roundId = null;
    row.roundItemId = null;
    row.location = null;
    this.write(row, sink);
    return 1;
  }

  private row(
    household: GeneratorHousehold,
    slot: Slot,
    member: number,
    day: number,
    source: DistributionSource,
  ): DistributionRecordRow {
    const r = this.random;
    return {
      id: this.ids.uuid(),
      roundId: slot.round.roundId,
      roundItemId: slot.item.roundItemId,
      aidItemId: slot.item.aidItemId,
      beneficiaryId: household.members[member].beneficiaryId,
      householdId: household.householdId,
      quantity: slot.item.quantity,
      unitValue: slot.item.unitValue,
      currency: slot.item.currency,
      distributedOn: day,
      location: r.pick(slot.round.locations),
      source,
      recordedByUserId: r.pick(this.ctx.recorders),
      recordedAt: isoTimestamp(day, DAY_START + r.int(0, DAY_LENGTH)),
      overriddenRules: [],
      overrideReason: null,
    };
  }

  private write(row: DistributionRecordRow, sink: DistributionSink): void {
    sink.record(row);
    if (this.random.chance(SHARES.voided)) {
      const r = this.random;
      const when = Math.min(row.distributedOn + r.int(0, 3), this.ctx.asOfDay - 1);
      sink.void({
        recordId: row.id,
        reason: VOID_REASONS.pick(r),
        voidedByUserId: r.pick(this.ctx.supervisors),
        voidedAt: isoTimestamp(when, 17 * 3600 + r.int(0, 3 * 3600)),
      });
    }
  }
}

/**
 * How far apart to put one subject's receipts of an item, and how much to move each: receipts
 * `spacing` days apart, each moved by up to `jitter` days, stay at least `minDaysBetween` apart,
 * and any `maxPerPeriod + 1` of them span more than `periodDays`.
 */
export function spacingOf(item: Pick<GeneratorRoundItem, 'minDaysBetween' | 'maxPerPeriod' | 'periodDays'>): {
  spacing: number;
  jitter: number;
} {
  const min = item.minDaysBetween ?? 0;
  const perPeriod =
    item.maxPerPeriod !== null && item.periodDays !== null
      ? Math.ceil((item.periodDays * 1.25) / item.maxPerPeriod)
      : 0;
  const spacing = Math.max(Math.ceil(min * 1.25), perPeriod, 14);
  let jitter = Math.floor(spacing / 4);
  if (min) jitter = Math.min(jitter, spacing - min);
  if (item.maxPerPeriod !== null && item.periodDays !== null) {
    jitter = Math.min(jitter, item.maxPerPeriod * spacing - item.periodDays);
  }
  return { spacing, jitter: Math.max(0, jitter) };
}
