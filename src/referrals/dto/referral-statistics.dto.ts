import { IsEnum, IsOptional, IsUUID, ValidateBy, type ValidationOptions } from 'class-validator';
import { IsCalendarDate, isIsoCalendarDate } from '../../common/validation/field-rules';
import { ReferralStatus, ReferralUrgency } from '../referral-codes';
import { ReferralDirection } from './referral.dto';

/** The longest period one request may cover, in days between `from` and `to`: a leap year and a day. */
export const MAX_STATISTICS_PERIOD_DAYS = 366;

export const NOT_BEFORE_FROM = 'notBeforeFrom';
export const WITHIN_MAX_PERIOD = 'withinMaxPeriod';

const DAY_MS = 86_400_000;

/** Days from `from` to `to`, both `YYYY-MM-DD` (read as UTC days, so no daylight-saving hour shifts it). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * A rule on `to` that also needs a well-formed `from`. A malformed date of either side is
 * reported on its own field by IsCalendarDate, so this rule then stays silent.
 */
function PeriodRule(
  name: string,
  holds: (from: string, to: string) => boolean,
  message: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown, args) => {
          const from = (args?.object as { from?: unknown } | undefined)?.from;
          return !isIsoCalendarDate(value) || !isIsoCalendarDate(from) || holds(from, value);
        },
        defaultMessage: () => message,
      },
    },
    options,
  );
}

export class ReferralStatisticsQuery {
  /** First day of the period, `YYYY-MM-DD`: referrals made from 00:00 UTC of this day. */
  @IsCalendarDate()
  from!: string;

  /**
   * Last day of the period, `YYYY-MM-DD`, included: referrals made until 24:00 UTC of this day.
   * Not before `from`, and at most 366 days after it.
   */
  @IsCalendarDate()
  @PeriodRule(NOT_BEFORE_FROM, (from, to) => to >= from, '$property must not be before from')
  @PeriodRule(
    WITHIN_MAX_PERIOD,
    (from, to) => daysBetween(from, to) <= MAX_STATISTICS_PERIOD_DAYS,
    `$property must be at most ${MAX_STATISTICS_PERIOD_DAYS} days after from`,
  )
  to!: string;

  /** Only referrals received by this unit (of the caller's organisation for `received`). */
  @IsOptional()
  @IsUUID()
  unitId?: string;

  /**
   * `received` (default): referrals the caller's organisation received; `sent`: referrals it sent,
   * grouped by the unit that received them.
   */
  @IsOptional()
  @IsEnum(ReferralDirection)
  direction?: ReferralDirection;
}

/** How many referrals a receiving unit got with one status and urgency. */
export class ReferralStatisticsRowDto {
  unitId!: string;
  unitName!: string;
  /** The status the referrals have now. */
  status!: ReferralStatus;
  urgency!: ReferralUrgency;
  count!: number;
}

/** Totals and times of a set of referrals: one receiving unit, or all of them. */
export class ReferralTimingStatisticsDto {
  /** Referrals made in the period. */
  total!: number;
  /** Of them, those ever accepted (including those completed, closed or withdrawn since). */
  accepted!: number;
  /** Of them, those completed. */
  completed!: number;
  /** Median hours from making to acceptance, over the accepted ones, to two decimals; null if none. */
  medianHoursToAccept!: number | null;
  /** Median hours from acceptance to completion, over the completed ones, to two decimals; null if none. */
  medianHoursToComplete!: number | null;
  /**
   * Referrals whose answer was due: answered (accepted or rejected), still pending past the
   * response due date, or withdrawn unanswered after it. Pending ones not yet due, and ones
   * withdrawn before anyone had to answer, are left out: nobody was late with them (yet).
   */
  responseDue!: number;
  /** Of `responseDue`, those accepted or rejected by the response due date. */
  answeredInTime!: number;
  /** `answeredInTime / responseDue`, from 0 to 1, to four decimals; null when nothing was due. */
  shareAnsweredInTime!: number | null;
}

export class ReferralUnitStatisticsDto extends ReferralTimingStatisticsDto {
  unitId!: string;
  unitName!: string;
}

/**
 * Referrals made in a period, by receiving unit, status and urgency, with the time taken to accept
 * and to complete them. Aggregates only: no person, no free text.
 */
export class ReferralStatisticsDto {
  from!: string;
  to!: string;
  direction!: ReferralDirection;
  /** The receiving unit asked for; null for all. */
  unitId!: string | null;
  /** Counts by receiving unit, status and urgency; combinations without referrals are left out. */
  rows!: ReferralStatisticsRowDto[];
  /** Per receiving unit, by unit name. */
  units!: ReferralUnitStatisticsDto[];
  overall!: ReferralTimingStatisticsDto;
}
