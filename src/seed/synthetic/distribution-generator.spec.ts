import { CountedPer, DistributionSource } from '../../distributions/distribution-codes';
import { type ItemRule, type Receipt, refusals } from '../../distributions/entitlement';
import { dayFromIso, isoDate } from './dates';
import { SYNTHETIC_AID_ITEMS, syntheticRounds } from './distribution-catalogue';
import {
  DistributionGenerator,
  type DistributionRecordRow,
  type DistributionVoidRow,
  type GeneratorContext,
  type GeneratorHousehold,
  type GeneratorRound,
  SHARES,
  spacingOf,
} from './distribution-generator';
import { Random } from './random';

const AS_OF = dayFromIso('2026-03-01');
const id = (prefix: string, n: number) => `${prefix}-${n}`;

/** The synthetic catalogue with made-up ids, as the loader would resolve it. */
function context(): GeneratorContext {
  const itemIds = new Map(SYNTHETIC_AID_ITEMS.map((item, i) => [item.name, id('item', i)]));
  const rounds: GeneratorRound[] = syntheticRounds(AS_OF).map((round, r) => ({
    roundId: id('round', r),
    startsDay: round.startsDay,
    endsDay: round.endsDay,
    locations: round.locations,
    items: round.items.map((item, i) => ({
      roundItemId: id(`round-${r}-item`, i),
      aidItemId: itemIds.get(item.item)!,
      item: item.item,
      countedPer: item.countedPer,
      quantity: item.quantityPerReceipt,
      minDaysBetween: item.minDaysBetween,
      maxPerPeriod: item.maxPerPeriod,
      periodDays: item.periodDays,
      exclusiveWith: item.exclusiveWith,
      unitValue: '10.00',
      currency: 'TRY',
    })),
  }));
  return {
    organisationId: 'org',
    rounds,
    recorders: ['officer-1', 'officer-2'],
    supervisors: ['supervisor-1'],
    asOfDay: AS_OF,
  };
}

function households(count: number, random: Random): GeneratorHousehold[] {
  return Array.from({ length: count }, (_h, h) => ({
    householdId: h % 10 === 9 ? null : id('household', h),
    members: Array.from({ length: h % 10 === 9 ? 1 : random.int(1, 8) }, (_m, m) => ({
      beneficiaryId: id(`person-${h}`, m),
      // Some joined during the two years.
      sinceDay: random.chance(0.2) ? AS_OF - random.int(30, 600) : AS_OF - 2000,
    })),
  }));
}

function generate(seed: string, perHousehold: number, count = 150) {
  const records: DistributionRecordRow[] = [];
  const voids: DistributionVoidRow[] = [];
  const generator = new DistributionGenerator(
    context(),
    Random.derive(seed, 'data'),
    Random.derive(seed, 'ids'),
  );
  const list = households(count, Random.derive(seed, 'households'));
  const written = list.map((h) =>
    generator.generate(h, perHousehold, { record: (r) => records.push(r), void: (v) => voids.push(v) }),
  );
  return { records, voids, written, households: list };
}

describe(DistributionGenerator.name, () => {
  it('writes exactly the number of records asked for each household', () => {
    const { records, written } = generate('count', 40);
    expect(written.every((n) => n === 40)).toBe(true);
    expect(records).toHaveLength(40 * 150);
  });

  it('gives the same records for the same seed and others for another', () => {
    const a = generate('same', 20, 30).records;
    expect(generate('same', 20, 30).records).toEqual(a);
    expect(generate('other', 20, 30).records).not.toEqual(a);
  });

  it('keeps the live receipts within the rounds’ rules, judged by the real rule engine', () => {
    const ctx = context();
    const { records, voids } = generate('rules', 40);
    const voided = new Set(voids.map((v) => v.recordId));
    const roundItem = new Map(
      ctx.rounds.flatMap((r) => r.items.map((i) => [i.roundItemId, { round: r, item: i }])),
    );
    const live = records.filter(
      (r) => r.source === DistributionSource.Live && !r.overriddenRules.length && !voided.has(r.id),
    );
    expect(live.length).toBeGreaterThan(records.length * 0.9);
    let checked = 0;
    for (const record of live) {
      const { round, item } = roundItem.get(record.roundItemId!)!;
      const subject = (r: DistributionRecordRow) =>
        item.countedPer === CountedPer.Household ? (r.householdId ?? r.beneficiaryId) : r.beneficiaryId;
      const receipts: Receipt[] = live
        .filter((r) => r.id !== record.id && subject(r) === subject(record))
        .map((r) => ({ recordId: r.id, aidItemId: r.aidItemId, distributedOn: isoDate(r.distributedOn) }));
      const exclusiveIds = item.exclusiveWith.map(
        (name) => round.items.find((i) => i.item === name)!.aidItemId,
      );
      const rule: ItemRule = {
        aidItemId: item.aidItemId,
        quantityPerReceipt: item.quantity,
        minDaysBetween: item.minDaysBetween,
        maxPerPeriod: item.maxPerPeriod,
        periodDays: item.periodDays,
        exclusiveWithItemIds: exclusiveIds,
      };
      const period = { startsOn: isoDate(round.startsDay), endsOn: isoDate(round.endsDay) };
      expect({
        record: record.id,
        refusals: refusals(rule, period, isoDate(record.distributedOn), record.quantity, receipts),
      }).toEqual({ record: record.id, refusals: [] });
      checked++;
    }
    expect(checked).toBe(live.length);
  });

  it('hands out only while the recipient belongs to the household, within the round and before the as-of day', () => {
    const ctx = context();
    const { records, households: list } = generate('dates', 40);
    const since = new Map(list.flatMap((h) => h.members.map((m) => [m.beneficiaryId, m.sinceDay])));
    const rounds = new Map(ctx.rounds.map((r) => [r.roundId, r]));
    for (const r of records) {
      expect(r.distributedOn).toBeLessThan(AS_OF);
      if (r.source === DistributionSource.Imported) continue;
      expect(r.distributedOn).toBeGreaterThanOrEqual(since.get(r.beneficiaryId)!);
      const round = rounds.get(r.roundId!)!;
      expect(r.distributedOn >= round.startsDay && r.distributedOn <= round.endsDay).toBe(true);
      expect(round.locations).toContain(r.location);
    }
  });

  it('breaks the rules in a small share of imported records, overrides a few with a reason, voids about 1 %', () => {
    const { records, voids } = generate('shares', 60, 400);
    const n = records.length;
    const imported = records.filter((r) => r.source === DistributionSource.Imported && r.roundId !== null);
    const overridden = records.filter((r) => r.overriddenRules.length);
    expect(imported.length / n).toBeGreaterThan(SHARES.ruleBreaking / 2);
    expect(imported.length / n).toBeLessThan(SHARES.ruleBreaking * 2);
    expect(overridden.length).toBeGreaterThan(0);
    expect(overridden.length / n).toBeLessThan(SHARES.override * 3);
    for (const r of overridden) {
      expect(r.overrideReason).toMatch(/^Synthetic: /);
      expect(r.recordedByUserId).toBe('supervisor-1');
    }
    expect(voids.length / n).toBeGreaterThan(SHARES.voided * 0.6);
    expect(voids.length / n).toBeLessThan(SHARES.voided * 1.4);
    const ids = new Set(records.map((r) => r.id));
    expect(ids.size).toBe(n);
    expect(voids.every((v) => ids.has(v.recordId))).toBe(true);
  });

  it('fills up with imported history outside any round when the rules leave no room', () => {
    const { records, written } = generate('full', 400, 5);
    expect(written.every((n) => n === 400)).toBe(true);
    const history = records.filter((r) => r.roundId === null);
    expect(history.length).toBeGreaterThan(0);
    for (const r of history) {
      expect(r).toMatchObject({ source: DistributionSource.Imported, roundItemId: null, location: null });
    }
  });
});

describe('DistributionGenerator carry', () => {
  it('leaves up to `carry` missing records to later households instead of inventing history', () => {
    const generator = new DistributionGenerator(
      context(),
      Random.derive('carry', 'data'),
      Random.derive('carry', 'ids'),
    );
    const household = { householdId: 'h', members: [{ beneficiaryId: 'p', sinceDay: AS_OF - 2000 }] };
    const records: DistributionRecordRow[] = [];
    const sink = { record: (r: DistributionRecordRow) => records.push(r), void: () => undefined };
    const roomy = generator.generate(household, 30, sink, 1000);
    expect(roomy).toBe(30);
    records.length = 0;
    const written = generator.generate(household, 1000, sink, 900);
    expect(written).toBe(100);
    expect(records.filter((r) => r.roundId !== null).length).toBeLessThan(100);
    expect(records.every((r) => r.roundId !== null || r.source === DistributionSource.Imported)).toBe(true);
  });
});

describe(spacingOf.name, () => {
  it.each([
    [{ minDaysBetween: 30, maxPerPeriod: null, periodDays: null }],
    [{ minDaysBetween: 30, maxPerPeriod: 2, periodDays: 90 }],
    [{ minDaysBetween: null, maxPerPeriod: 1, periodDays: 365 }],
    [{ minDaysBetween: 120, maxPerPeriod: null, periodDays: null }],
    [{ minDaysBetween: null, maxPerPeriod: null, periodDays: null }],
  ])('keeps receipts apart enough for %j', (rule) => {
    const { spacing, jitter } = spacingOf(rule);
    expect(spacing - jitter).toBeGreaterThanOrEqual(rule.minDaysBetween ?? 1);
    if (rule.maxPerPeriod !== null) {
      expect(rule.maxPerPeriod * spacing - jitter).toBeGreaterThanOrEqual(rule.periodDays);
    }
  });
});

describe(syntheticRounds.name, () => {
  it('covers the two years before the as-of day with rules the database accepts', () => {
    const rounds = syntheticRounds(AS_OF);
    expect(Math.min(...rounds.map((r) => r.startsDay))).toBeLessThanOrEqual(AS_OF - 730);
    expect(Math.max(...rounds.map((r) => r.startsDay))).toBeLessThan(AS_OF);
    expect(new Set(rounds.map((r) => r.name)).size).toBe(rounds.length);
    const names = new Set(SYNTHETIC_AID_ITEMS.map((i) => i.name));
    for (const item of rounds.flatMap((r) => r.items)) {
      expect(names.has(item.item)).toBe(true);
      expect(item.minDaysBetween === null || item.minDaysBetween >= 1).toBe(true);
      expect(item.maxPerPeriod === null).toBe(item.periodDays === null);
    }
  });
});
