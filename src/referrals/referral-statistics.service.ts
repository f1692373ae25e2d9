import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../auth/access/access.service';
import { Resource } from '../auth/access/scope-rules';
import type { AuthUser } from '../auth/auth-user';
import { BadRequestError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { ReferralDirection } from './dto/referral.dto';
import {
  ReferralStatisticsDto,
  ReferralStatisticsQuery,
  ReferralStatisticsRowDto,
  ReferralTimingStatisticsDto,
} from './dto/referral-statistics.dto';
import { ReferralStatus, ReferralUrgency, URGENCY_RANK } from './referral-codes';

const DAY_MS = 86_400_000;

/** One row of the grouped query: a (unit, status, urgency) cell, a unit's total, or the overall total. */
interface AggregateRow {
  /** GROUPING(unit_id, status, urgency): 0 for a cell, 3 for a unit, 7 for the overall total. */
  level: number;
  unit_id: string | null;
  unit_name: string | null;
  status: ReferralStatus | null;
  urgency: ReferralUrgency | null;
  total: number;
  accepted: number;
  completed: number;
  median_hours_to_accept: number | null;
  median_hours_to_complete: number | null;
  response_due: number;
  answered_in_time: number;
}

const CELL = 0;
const UNIT = 3;
const OVERALL = 7;

/*
 * When the receiver answered: accepted (accepted_at stays set after a later close or withdrawal),
 * or rejected (a final status, so finished_at is the rejection).
 */
const ANSWERED_AT = `CASE WHEN r.accepted_at IS NOT NULL THEN r.accepted_at
  WHEN r.status = '${ReferralStatus.Rejected}' THEN r.finished_at END`;

/*
 * The referrals whose answer was due: answered, still pending past the due date, or withdrawn
 * unanswered after it. A pending one not yet due, or one withdrawn before its due date, says
 * nothing about how fast the unit answers.
 */
const RESPONSE_DUE = `(c.answered_at IS NOT NULL
  OR (c.status = '${ReferralStatus.Pending}' AND c.response_due_at <= now())
  OR (c.status = '${ReferralStatus.Withdrawn}' AND c.answered_at IS NULL AND c.finished_at > c.response_due_at))`;

const hours = (interval: string) => `CAST(extract(epoch FROM ${interval}) AS double precision) / 3600`;

/*
 * One pass over the period's referrals: GROUPING SETS give the (unit, status, urgency) cells, each
 * unit's totals and the overall totals at once. The medians come from percentile_cont, which
 * interpolates between the two middle values of an even count.
 */
const AGGREGATE = (counted: string) => `
  WITH counted AS (${counted})
  SELECT g.*, su.name AS unit_name FROM (
    SELECT CAST(GROUPING(c.unit_id, c.status, c.urgency) AS int) AS level,
           c.unit_id, c.status, c.urgency,
           CAST(count(*) AS int) AS total,
           CAST(count(c.accepted_at) AS int) AS accepted,
           CAST(count(*) FILTER (WHERE c.status = '${ReferralStatus.Completed}') AS int) AS completed,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('c.accepted_at - c.created_at')})
             FILTER (WHERE c.accepted_at IS NOT NULL) AS median_hours_to_accept,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('c.finished_at - c.accepted_at')})
             FILTER (WHERE c.status = '${ReferralStatus.Completed}') AS median_hours_to_complete,
           CAST(count(*) FILTER (WHERE ${RESPONSE_DUE}) AS int) AS response_due,
           CAST(count(*) FILTER (WHERE c.answered_at <= c.response_due_at) AS int) AS answered_in_time
      FROM counted c
     GROUP BY GROUPING SETS ((c.unit_id, c.status, c.urgency), (c.unit_id), ())
  ) g LEFT JOIN service_units su ON su.id = g.unit_id`;

const STATUS_ORDER: readonly ReferralStatus[] = Object.values(ReferralStatus);

const round = (value: number | null, decimals: number): number | null =>
  value === null ? null : Math.round(value * 10 ** decimals) / 10 ** decimals;

/**
 * Referral statistics for supervisors: how many referrals each receiving unit got in a period, by
 * status and urgency, and how fast they were accepted, answered and completed.
 *
 * The figures count referrals, not people, and carry no person's data or free text, so unlike
 * the reports on people they need no suppression of small counts: a "1" here says that one
 * referral was made, not who it was about.
 */
@Injectable()
export class ReferralStatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async statistics(user: AuthUser, query: ReferralStatisticsQuery): Promise<ReferralStatisticsDto> {
    const direction = query.direction ?? ReferralDirection.Received;
    const em = this.dataSource.manager;
    if (query.unitId) await this.checkUnit(em, user, query.unitId, direction);
    const rows = await this.aggregate(em, user, query, direction);
    const cells = rows.filter((r) => r.level === CELL);
    const units = rows.filter((r) => r.level === UNIT);
    const overall = rows.find((r) => r.level === OVERALL);
    return {
      from: query.from,
      to: query.to,
      direction,
      unitId: query.unitId ?? null,
      rows: cells.map(toCountRow).sort(byUnitStatusUrgency),
      units: units.map((r) => ({ unitId: r.unit_id!, unitName: r.unit_name!, ...toTimings(r) })).sort(byUnit),
      overall: overall ? toTimings(overall) : EMPTY,
    };
  }

  /**
   * The unit filter names a receiving unit: one of the caller's organisation for referrals it
   * received; any unit (its own or a partner's) for referrals it sent. Units are not personal
   * data, so a wrong one is a plain 400 rather than a 404.
   */
  private async checkUnit(
    em: EntityManager,
    user: AuthUser,
    unitId: string,
    direction: ReferralDirection,
  ): Promise<void> {
    const rows: Array<{ organisation_id: string }> = await em.query(
      `SELECT organisation_id FROM service_units WHERE id = $1`,
      [unitId],
    );
    const rule = !rows[0]
      ? 'unknownUnit'
      : direction === ReferralDirection.Received && rows[0].organisation_id !== user.organisationId
        ? 'notOwnUnit'
        : null;
    if (rule) {
      throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: unitId', { unitId: [rule] });
    }
  }

  /**
   * The period's referrals of the caller's organisation on the chosen side, further limited by the
   * caller's referral scope (the same predicate as every referral list), then grouped.
   */
  private async aggregate(
    em: EntityManager,
    user: AuthUser,
    query: ReferralStatisticsQuery,
    direction: ReferralDirection,
  ): Promise<AggregateRow[]> {
    const side = direction === ReferralDirection.Sent ? 'sender' : 'receiver';
    const counted = em
      .createQueryBuilder()
      .select('r.receiver_unit_id', 'unit_id')
      .addSelect('r.status', 'status')
      .addSelect('r.urgency', 'urgency')
      .addSelect('r.created_at', 'created_at')
      .addSelect('r.accepted_at', 'accepted_at')
      .addSelect('r.finished_at', 'finished_at')
      .addSelect('r.response_due_at', 'response_due_at')
      .addSelect(ANSWERED_AT, 'answered_at')
      .from('referrals', 'r')
      .where(`r.${side}_organisation_id = :statisticsOrganisationId`, {
        statisticsOrganisationId: user.organisationId,
      })
      // UTC days: from 00:00 of `from` up to, not including, 00:00 of the day after `to`.
      .andWhere('r.created_at >= :periodStart AND r.created_at < :periodEnd', {
        periodStart: `${query.from}T00:00:00.000Z`,
        periodEnd: new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS).toISOString(),
      });
    if (query.unitId) counted.andWhere('r.receiver_unit_id = :unitId', { unitId: query.unitId });
    this.access.applyScope(counted, user, Resource.Referral, 'r');
    const [sql, values] = em.dataSource.driver.escapeQueryWithParameters(
      AGGREGATE(counted.getQuery()),
      counted.getParameters(),
    );
    return em.query(sql, values);
  }
}

const EMPTY: ReferralTimingStatisticsDto = {
  total: 0,
  accepted: 0,
  completed: 0,
  medianHoursToAccept: null,
  medianHoursToComplete: null,
  responseDue: 0,
  answeredInTime: 0,
  shareAnsweredInTime: null,
};

function toTimings(row: AggregateRow): ReferralTimingStatisticsDto {
  return {
    total: row.total,
    accepted: row.accepted,
    completed: row.completed,
    medianHoursToAccept: round(row.median_hours_to_accept, 2),
    medianHoursToComplete: round(row.median_hours_to_complete, 2),
    responseDue: row.response_due,
    answeredInTime: row.answered_in_time,
    shareAnsweredInTime: row.response_due ? round(row.answered_in_time / row.response_due, 4) : null,
  };
}

function toCountRow(row: AggregateRow): ReferralStatisticsRowDto {
  return {
    unitId: row.unit_id!,
    unitName: row.unit_name!,
    status: row.status!,
    urgency: row.urgency!,
    count: row.total,
  };
}

const byUnit = (a: { unitName: string; unitId: string }, b: { unitName: string; unitId: string }) =>
  a.unitName.localeCompare(b.unitName, 'en') || a.unitId.localeCompare(b.unitId);

/** By unit name, then status in lifecycle order, then most urgent first. */
const byUnitStatusUrgency = (a: ReferralStatisticsRowDto, b: ReferralStatisticsRowDto) =>
  byUnit(a, b) ||
  STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
  URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency];
