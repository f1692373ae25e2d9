import fc from 'fast-check';
import { EntitlementRule as R } from './distribution-codes';
import { dateOfDay, dayNumber, entitledFrom, ItemRule, Receipt, refusals } from './entitlement';

const ITEM = 'item-a';
const OTHER = 'item-b';
const ROUND = { startsOn: '2026-01-01', endsOn: '2026-12-31' };

const rule = (r: Partial<ItemRule> = {}): ItemRule => ({
  aidItemId: ITEM,
  quantityPerReceipt: 1,
  minDaysBetween: null,
  maxPerPeriod: null,
  periodDays: null,
  exclusiveWithItemIds: [],
  ...r,
});
const receipt = (
  distributedOn: string,
  aidItemId = ITEM,
  recordId = `r-${distributedOn}-${aidItemId}`,
): Receipt => ({
  recordId,
  aidItemId,
  distributedOn,
});

describe('refusals', () => {
  it('entitles anyone without receipts and a rule without limits', () => {
    expect(
      refusals(rule({ minDaysBetween: 30, maxPerPeriod: 1, periodDays: 30 }), ROUND, '2026-05-01', 1, []),
    ).toEqual([]);
    expect(refusals(rule(), ROUND, '2026-05-01', 1, [receipt('2026-05-01')])).toEqual([]);
  });

  it('refuses more than the quantity per receipt, for good', () => {
    expect(refusals(rule({ quantityPerReceipt: 2 }), ROUND, '2026-05-01', 3, [])).toEqual([
      { rule: R.QuantityPerReceipt, entitledFrom: null, conflictingRecordIds: [] },
    ]);
    expect(refusals(rule({ quantityPerReceipt: 2 }), ROUND, '2026-05-01', 2, [])).toEqual([]);
  });

  it('counts the minimum days on both sides of the day, and only for the same item', () => {
    const r = rule({ minDaysBetween: 30 });
    expect(refusals(r, ROUND, '2026-03-30', 1, [receipt('2026-03-01')])[0]).toMatchObject({
      rule: R.MinDaysBetween,
      entitledFrom: '2026-03-31',
    });
    expect(refusals(r, ROUND, '2026-03-31', 1, [receipt('2026-03-01')])).toEqual([]);
    expect(refusals(r, ROUND, '2026-02-15', 1, [receipt('2026-03-01')])[0].rule).toBe(R.MinDaysBetween);
    expect(refusals(r, ROUND, '2026-03-02', 1, [receipt('2026-03-01', OTHER)])).toEqual([]);
  });

  it('allows at most the maximum within any window of the period, naming the day a slot frees', () => {
    const r = rule({ maxPerPeriod: 2, periodDays: 30 });
    const two = [receipt('2026-01-01'), receipt('2026-01-20')];
    expect(refusals(r, ROUND, '2026-01-25', 1, two)[0]).toMatchObject({
      rule: R.MaxPerPeriod,
      entitledFrom: '2026-01-31',
      conflictingRecordIds: two.map((x) => x.recordId),
    });
    expect(refusals(r, ROUND, '2026-01-31', 1, two)).toEqual([]);
    // A receipt between two others that are 29 days apart would make three in one window.
    expect(refusals(r, ROUND, '2026-01-10', 1, [receipt('2026-01-01'), receipt('2026-01-29')])[0].rule).toBe(
      R.MaxPerPeriod,
    );
  });

  it('refuses an excluded item received within the round, and ignores one outside it', () => {
    const r = rule({ exclusiveWithItemIds: [OTHER] });
    expect(refusals(r, ROUND, '2026-06-01', 1, [receipt('2026-02-01', OTHER)])).toEqual([
      { rule: R.ExclusiveItems, entitledFrom: null, conflictingRecordIds: ['r-2026-02-01-item-b'] },
    ]);
    expect(refusals(r, ROUND, '2026-06-01', 1, [receipt('2025-12-31', OTHER)])).toEqual([]);
  });
});

describe('entitledFrom', () => {
  it('is the day itself when nothing refuses, and null when a rule refuses for the round', () => {
    expect(entitledFrom(rule({ minDaysBetween: 10 }), ROUND, '2026-04-01', 1, []).from).toBe('2026-04-01');
    const excluded = rule({ exclusiveWithItemIds: [OTHER] });
    expect(entitledFrom(excluded, ROUND, '2026-04-01', 1, [receipt('2026-03-01', OTHER)]).from).toBeNull();
  });

  it('is null when the next entitlement falls after the round', () => {
    const r = rule({ minDaysBetween: 60 });
    expect(entitledFrom(r, ROUND, '2026-12-01', 1, [receipt('2026-11-20')]).from).toBeNull();
  });

  it('satisfies every rule at once on the day it names', () => {
    const r = rule({ minDaysBetween: 20, maxPerPeriod: 2, periodDays: 60 });
    const history = [receipt('2026-03-01'), receipt('2026-03-25')];
    const { from } = entitledFrom(r, ROUND, '2026-03-30', 1, history);
    expect(from).toBe('2026-04-30');
    expect(refusals(r, ROUND, from!, 1, history)).toEqual([]);
    expect(refusals(r, ROUND, dateOfDay(dayNumber(from!) - 1), 1, history)).not.toEqual([]);
  });

  // Property: whatever the history and the rule, the day named is entitled and no day between the
  // asked day and it is (the answer is the earliest), and a refused day is never answered with itself.
  it('names the earliest day on which a receipt would be accepted', () => {
    const day = fc.integer({ min: 0, max: 300 }).map((n) => dateOfDay(dayNumber('2026-01-01') + n));
    fc.assert(
      fc.property(
        fc.record({
          minDaysBetween: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
          window: fc.option(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 90 })), {
            nil: null,
          }),
        }),
        fc.array(day, { maxLength: 6 }),
        day,
        (shape, days, on) => {
          const r = rule({
            minDaysBetween: shape.minDaysBetween,
            maxPerPeriod: shape.window?.[0] ?? null,
            periodDays: shape.window?.[1] ?? null,
          });
          const history = days.map((d, i) => receipt(d, ITEM, `r${i}`));
          const { from, refusals: refused } = entitledFrom(r, ROUND, on, 1, history);
          if (from === null) return refused.length > 0;
          if (refusals(r, ROUND, from, 1, history).length) return false;
          for (let d = dayNumber(on); d < dayNumber(from); d++) {
            if (!refusals(r, ROUND, dateOfDay(d), 1, history).length) return false;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});
