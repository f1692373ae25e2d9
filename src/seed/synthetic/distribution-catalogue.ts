import { AidCategory, AidKind, CountedPer } from '../../distributions/distribution-codes';
import { dayFromIso, isoDate, yearOfDay } from './dates';

/**
 * The synthetic aid catalogue and distribution rounds: the host's usual items, and the rounds of
 * the two years before the as-of day (food support per half year, cash assistance per year, winter
 * support, back-to-school clothing), with entitlement rules like a humanitarian aid unit's. Pure:
 * the loader creates what is missing and reads the ids back.
 */

export interface SyntheticAidItem {
  name: string;
  category: AidCategory;
  kind: AidKind;
  unit: string;
  unitValue: string;
  currency: string;
}

export const SYNTHETIC_AID_ITEMS: readonly SyntheticAidItem[] = [
  {
    name: 'Food parcel',
    category: AidCategory.FoodParcel,
    kind: AidKind.InKind,
    unit: 'parcel',
    unitValue: '850.00',
    currency: 'TRY',
  },
  {
    name: 'Food voucher',
    category: AidCategory.FoodVoucher,
    kind: AidKind.Voucher,
    unit: 'voucher',
    unitValue: '1000.00',
    currency: 'TRY',
  },
  {
    name: 'Hygiene kit',
    category: AidCategory.HygieneKit,
    kind: AidKind.InKind,
    unit: 'kit',
    unitValue: '350.00',
    currency: 'TRY',
  },
  {
    name: 'Blanket',
    category: AidCategory.Blanket,
    kind: AidKind.InKind,
    unit: 'piece',
    unitValue: '250.00',
    currency: 'TRY',
  },
  {
    name: 'Heater',
    category: AidCategory.Heater,
    kind: AidKind.InKind,
    unit: 'piece',
    unitValue: '2500.00',
    currency: 'TRY',
  },
  {
    name: 'Clothing voucher',
    category: AidCategory.ClothingVoucher,
    kind: AidKind.Voucher,
    unit: 'voucher',
    unitValue: '600.00',
    currency: 'TRY',
  },
  {
    name: 'Cash transfer',
    category: AidCategory.CashTransfer,
    kind: AidKind.Cash,
    unit: 'TRY',
    unitValue: '1.00',
    currency: 'TRY',
  },
];

export interface SyntheticRoundItem {
  item: string;
  countedPer: CountedPer;
  quantityPerReceipt: number;
  minDaysBetween: number | null;
  maxPerPeriod: number | null;
  periodDays: number | null;
  /** Item names that may not be received in the same round period. */
  exclusiveWith: readonly string[];
}

export interface SyntheticRound {
  name: string;
  /** Days since 1970-01-01. */
  startsDay: number;
  endsDay: number;
  locations: readonly string[];
  items: readonly SyntheticRoundItem[];
}

export const SYNTHETIC_LOCATIONS = [
  'Community centre',
  'Warehouse distribution point',
  'Mobile team',
] as const;

const rule = (
  item: string,
  countedPer: CountedPer,
  o: Partial<Omit<SyntheticRoundItem, 'item' | 'countedPer'>> = {},
): SyntheticRoundItem => ({
  item,
  countedPer,
  quantityPerReceipt: o.quantityPerReceipt ?? 1,
  minDaysBetween: o.minDaysBetween ?? null,
  maxPerPeriod: o.maxPerPeriod ?? null,
  periodDays: o.periodDays ?? null,
  exclusiveWith: o.exclusiveWith ?? [],
});

const H = CountedPer.Household;
const P = CountedPer.Person;

/** The rounds that overlap the two years before `asOfDay`, oldest first. */
export function syntheticRounds(asOfDay: number): SyntheticRound[] {
  const from = asOfDay - 730;
  const year = yearOfDay(asOfDay);
  const rounds: SyntheticRound[] = [];
  const day = (y: number, md: string) => dayFromIso(`${y}-${md}`);
  for (let y = year - 2; y <= year; y++) {
    const food = [
      rule('Food parcel', H, { minDaysBetween: 30, exclusiveWith: ['Food voucher'] }),
      rule('Food voucher', H, { minDaysBetween: 30, exclusiveWith: ['Food parcel'] }),
      rule('Hygiene kit', H, { minDaysBetween: 30, maxPerPeriod: 2, periodDays: 90 }),
    ];
    rounds.push(
      {
        name: `Food support ${y} H1`,
        startsDay: day(y, '01-01'),
        endsDay: day(y, '06-30'),
        locations: SYNTHETIC_LOCATIONS,
        items: food,
      },
      {
        name: `Food support ${y} H2`,
        startsDay: day(y, '07-01'),
        endsDay: day(y, '12-31'),
        locations: SYNTHETIC_LOCATIONS,
        items: food,
      },
      {
        name: `Cash assistance ${y}`,
        startsDay: day(y, '01-01'),
        endsDay: day(y, '12-31'),
        locations: ['Bank transfer'],
        items: [rule('Cash transfer', H, { quantityPerReceipt: 3000, minDaysBetween: 28 })],
      },
      {
        name: `Back to school ${y}`,
        startsDay: day(y, '08-15'),
        endsDay: day(y, '10-15'),
        locations: SYNTHETIC_LOCATIONS.slice(0, 2),
        items: [rule('Clothing voucher', P, { maxPerPeriod: 1, periodDays: 60 })],
      },
      {
        name: `Winter support ${y}/${y + 1}`,
        startsDay: day(y, '11-01'),
        endsDay: day(y + 1, '03-31'),
        locations: SYNTHETIC_LOCATIONS,
        items: [
          rule('Blanket', P, { quantityPerReceipt: 2, minDaysBetween: 120 }),
          rule('Heater', H, { maxPerPeriod: 1, periodDays: 365 }),
        ],
      },
    );
  }
  return rounds
    .filter((r) => r.endsDay >= from && r.startsDay < asOfDay)
    .sort((a, b) => a.startsDay - b.startsDay || a.name.localeCompare(b.name));
}

/** `YYYY-MM-DD` of a round's first and last day, for the database. */
export const roundPeriod = (r: SyntheticRound) => ({
  startsOn: isoDate(r.startsDay),
  endsOn: isoDate(r.endsDay),
});
