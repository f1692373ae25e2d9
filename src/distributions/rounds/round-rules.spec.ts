import { itemsProblems, roundProblems, ruleProblems } from './round-rules';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe(ruleProblems.name, () => {
  it('accepts a rule without a maximum, or with a maximum and its period', () => {
    expect(ruleProblems(A, {})).toEqual({});
    expect(ruleProblems(A, { maxPerPeriod: null, periodDays: null })).toEqual({});
    expect(ruleProblems(A, { maxPerPeriod: 2, periodDays: 90, exclusiveWithItemIds: [B] })).toEqual({});
  });

  it('names the missing half of a maximum per period', () => {
    expect(ruleProblems(A, { maxPerPeriod: 2 })).toEqual({ periodDays: ['requiredWithMaxPerPeriod'] });
    expect(ruleProblems(A, { maxPerPeriod: 2, periodDays: null }, 'items.3.')).toEqual({
      'items.3.periodDays': ['requiredWithMaxPerPeriod'],
    });
    expect(ruleProblems(A, { periodDays: 30 })).toEqual({ maxPerPeriod: ['requiredWithPeriodDays'] });
  });

  it('refuses an item exclusive with itself', () => {
    expect(ruleProblems(A, { exclusiveWithItemIds: [B, A] }, 'items.0.')).toEqual({
      'items.0.exclusiveWithItemIds': ['notSelf'],
    });
  });
});

describe(itemsProblems.name, () => {
  it('names the second entry of an item, and each entry by its index', () => {
    expect(
      itemsProblems([
        { aidItemId: A },
        { aidItemId: B, periodDays: 7 },
        { aidItemId: A, exclusiveWithItemIds: [A] },
      ]),
    ).toEqual({
      'items.1.maxPerPeriod': ['requiredWithPeriodDays'],
      'items.2.aidItemId': ['uniqueInRound'],
      'items.2.exclusiveWithItemIds': ['notSelf'],
    });
  });
});

describe(roundProblems.name, () => {
  const round = {
    startsOn: '2026-01-01',
    endsOn: '2026-03-31',
    minHouseholdSize: null,
    maxHouseholdSize: null,
  };

  it('accepts a one-day round and equal household bounds', () => {
    expect(
      roundProblems({ ...round, endsOn: '2026-01-01', minHouseholdSize: 3, maxHouseholdSize: 3 }),
    ).toEqual({});
  });

  it('refuses an end before the start and a maximum below the minimum', () => {
    expect(
      roundProblems({ ...round, endsOn: '2025-12-31', minHouseholdSize: 4, maxHouseholdSize: 3 }),
    ).toEqual({
      endsOn: ['notBeforeStartsOn'],
      'eligibility.maxHouseholdSize': ['notBelowMinHouseholdSize'],
    });
  });
});
