import { Injectable } from '@nestjs/common';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { kindRank, TimelineItemKind } from './timeline-item-kind';

/** The columns every branch of the timeline's UNION gives, with their SQL types. */
const COLUMNS = {
  actor_user_id: 'uuid',
  unit_id: 'uuid',
  household_id: 'uuid',
  case_id: 'uuid',
  case_type: 'text',
  from_status: 'text',
  to_status: 'text',
  closure_reason: 'text',
  assigned_user_id: 'uuid',
  service_type_id: 'uuid',
  relationship: 'text',
  exit_reason: 'text',
  purpose: 'text',
  decision: 'text',
  referral_id: 'uuid',
  to_organisation_id: 'uuid',
  to_unit_id: 'uuid',
  urgency: 'text',
  referral_status: 'text',
  outcome: 'text',
  reason_given: 'boolean',
} as const;
type Column = keyof typeof COLUMNS;

export type TimelineRow = { at: Date; kind: TimelineItemKind; id: string } & Record<
  Column,
  string | boolean | null
>;

/** The keyset of the timeline: newest first by instant, then by kind, then by id. */
export type TimelineKey = [at: string, kind: TimelineItemKind, id: string];

/** A day as an instant: 00:00 UTC. */
const dayStart = (date: string) => `(CAST(${date} AS timestamp) AT TIME ZONE 'UTC')`;

/** The UTC day of an instant. */
const utcDay = (at: string) => `CAST(${at} AT TIME ZONE 'UTC' AS date)`;

/**
 * The instant of a fact known by its day (a delivery, joining a household): when it was recorded,
 * if that was the same day, since it happened then or shortly before; otherwise (recorded later)
 * the start of its day. Either way the instant lies within the fact's own day.
 */
const dayFact = (date: string, recordedAt: string) =>
  `(CASE WHEN ${utcDay(recordedAt)} = ${date} THEN ${recordedAt} ELSE ${dayStart(date)} END)`;

/**
 * A household case concerns a member for the time they belong to the household: its events
 * between the day they joined and the day they left appear on their timeline, earlier or later
 * ones do not. A person's own case concerns them always.
 */
const concernsThePerson = (at: string) => `(c.beneficiary_id = :beneficiaryId OR EXISTS (
    SELECT 1 FROM household_memberships p
     WHERE p.household_id = c.household_id AND p.beneficiary_id = :beneficiaryId
       AND p.started_on <= ${utcDay(at)} AND (p.ended_on IS NULL OR ${utcDay(at)} < p.ended_on)))`;

/** One SELECT of the UNION: the kind's instant, record id and columns; every other column NULL. */
function branch(
  kind: TimelineItemKind,
  at: string,
  id: string,
  values: Partial<Record<Column, string>>,
  fromWhere: string,
): string {
  const columns = (Object.keys(COLUMNS) as Column[]).map(
    (column) => `CAST(${values[column] ?? 'NULL'} AS ${COLUMNS[column]}) AS ${column}`,
  );
  return `SELECT date_trunc('milliseconds', ${at}) AS at, CAST('${kind}' AS text) AS kind,
      ${kindRank(kind)} AS rank, CAST(${id} AS text) AS id, ${columns.join(', ')}
    ${fromWhere}`;
}

const BRANCHES: readonly string[] = [
  branch(
    TimelineItemKind.BeneficiaryRegistered,
    'b.created_at',
    'b.id',
    { actor_user_id: 'b.registered_by_user_id', unit_id: 'b.registered_unit_id' },
    'FROM beneficiaries b WHERE b.id = :beneficiaryId',
  ),
  branch(
    TimelineItemKind.HouseholdJoined,
    dayFact('m.started_on', 'm.created_at'),
    'm.id',
    { actor_user_id: 'm.created_by_user_id', household_id: 'm.household_id', relationship: 'm.relationship' },
    'FROM household_memberships m WHERE m.beneficiary_id = :beneficiaryId',
  ),
  branch(
    TimelineItemKind.HouseholdLeft,
    dayStart('m.ended_on'),
    'm.id',
    { actor_user_id: 'm.ended_by_user_id', household_id: 'm.household_id', exit_reason: 'm.exit_reason' },
    'FROM household_memberships m WHERE m.beneficiary_id = :beneficiaryId AND m.ended_on IS NOT NULL',
  ),
  branch(
    TimelineItemKind.CaseOpened,
    'c.opened_at',
    'c.id',
    {
      actor_user_id: 'c.opened_by_user_id',
      case_id: 'c.id',
      case_type: 'c.type',
      unit_id: 'c.unit_id',
      household_id: 'c.household_id',
    },
    `FROM visible_cases c WHERE ${concernsThePerson('c.opened_at')}`,
  ),
  branch(
    TimelineItemKind.CaseAssigned,
    'a.assigned_at',
    'a.id',
    { actor_user_id: 'a.assigned_by_user_id', case_id: 'c.id', assigned_user_id: 'a.assigned_user_id' },
    `FROM case_assignments a JOIN visible_cases c ON c.id = a.case_id
      WHERE ${concernsThePerson('a.assigned_at')}`,
  ),
  // The opening row (no previous status) is the case_opened item.
  branch(
    TimelineItemKind.CaseStatusChanged,
    's.changed_at',
    's.id',
    {
      actor_user_id: 's.changed_by_user_id',
      case_id: 'c.id',
      from_status: 's.from_status',
      to_status: 's.to_status',
      closure_reason: 's.closure_reason',
    },
    `FROM case_status_changes s JOIN visible_cases c ON c.id = s.case_id
      WHERE s.from_status IS NOT NULL AND ${concernsThePerson('s.changed_at')}`,
  ),
  branch(
    TimelineItemKind.ServiceDelivered,
    dayFact('d.delivered_on', 'd.created_at'),
    'd.id',
    {
      actor_user_id: 'd.delivered_by_user_id',
      service_type_id: 'd.service_type_id',
      unit_id: 'd.unit_id',
      // A delivery the caller may read can name a case they may not: the case stays hidden.
      case_id: 'CASE WHEN d.case_id IN (SELECT vc.id FROM visible_cases vc) THEN d.case_id END',
    },
    'FROM visible_deliveries d',
  ),
  branch(
    TimelineItemKind.ReferralMade,
    'r.created_at',
    'r.id',
    {
      actor_user_id: 'r.created_by_user_id',
      referral_id: 'r.id',
      // As for deliveries: the case it was made from only if the caller may see that case.
      case_id: 'CASE WHEN r.case_id IN (SELECT vc.id FROM visible_cases vc) THEN r.case_id END',
      to_organisation_id: 'r.receiver_organisation_id',
      to_unit_id: 'r.receiver_unit_id',
      service_type_id: 'r.service_type_id',
      urgency: 'r.urgency',
      referral_status: 'r.status',
    },
    'FROM visible_referrals r',
  ),
  // The making row (no previous status) is the referral_made item. Reasons are free text: only
  // whether there is one leaves the server.
  branch(
    TimelineItemKind.ReferralStatusChanged,
    'rt.changed_at',
    'rt.id',
    {
      actor_user_id: 'rt.changed_by_user_id',
      referral_id: 'r.id',
      from_status: 'rt.from_status',
      to_status: 'rt.to_status',
      outcome: 'rt.outcome',
      reason_given: 'rt.reason IS NOT NULL',
    },
    `FROM referral_transitions rt JOIN visible_referrals r ON r.id = rt.referral_id
      WHERE rt.from_status IS NOT NULL`,
  ),
  branch(
    TimelineItemKind.ConsentRecorded,
    'k.recorded_at',
    'k.id',
    { actor_user_id: 'k.recorded_by_user_id', purpose: 'k.purpose', decision: 'k.decision' },
    'FROM consents k WHERE k.beneficiary_id = :beneficiaryId',
  ),
  branch(
    TimelineItemKind.ConsentWithdrawn,
    'k.withdrawn_at',
    'k.id',
    { actor_user_id: 'k.withdrawn_by_user_id', purpose: 'k.purpose', decision: 'k.decision' },
    'FROM consents k WHERE k.beneficiary_id = :beneficiaryId AND k.withdrawn_at IS NOT NULL',
  ),
];

/**
 * A person's history, read with its own SQL over the registry, case, service and referral tables (the
 * timeline imports no feature module). One UNION ALL query sorts and pages all kinds at once.
 */
@Injectable()
export class TimelineRepository {
  /**
   * The cases whose events may appear: the person's own, and those of households they belong or
   * belonged to. The caller adds the case scope on alias `c`.
   */
  casesQuery(em: EntityManager, beneficiaryId: string): SelectQueryBuilder<ObjectLiteral> {
    return em
      .createQueryBuilder()
      .select('c.id', 'id')
      .addSelect('c.beneficiary_id', 'beneficiary_id')
      .addSelect('c.household_id', 'household_id')
      .addSelect('c.type', 'type')
      .addSelect('c.unit_id', 'unit_id')
      .addSelect('c.opened_at', 'opened_at')
      .addSelect('c.opened_by_user_id', 'opened_by_user_id')
      .from('case_files', 'c')
      .where(
        `(c.beneficiary_id = :beneficiaryId OR c.household_id IN (
           SELECT hm.household_id FROM household_memberships hm WHERE hm.beneficiary_id = :beneficiaryId))`,
        { beneficiaryId },
      );
  }

  /** The services delivered to the person. The caller adds the delivery scope on alias `d`. */
  deliveriesQuery(em: EntityManager, beneficiaryId: string): SelectQueryBuilder<ObjectLiteral> {
    return em
      .createQueryBuilder()
      .select('d.id', 'id')
      .addSelect('d.delivered_on', 'delivered_on')
      .addSelect('d.delivered_by_user_id', 'delivered_by_user_id')
      .addSelect('d.service_type_id', 'service_type_id')
      .addSelect('d.unit_id', 'unit_id')
      .addSelect('d.case_id', 'case_id')
      .addSelect('d.created_at', 'created_at')
      .from('service_deliveries', 'd')
      .where('d.beneficiary_id = :beneficiaryId', { beneficiaryId });
  }

  /**
   * The referrals about the person, sent or received by anyone (an inbound referral once linked to
   * them). The caller adds the referral scope on alias `r`.
   */
  referralsQuery(em: EntityManager, beneficiaryId: string): SelectQueryBuilder<ObjectLiteral> {
    return em
      .createQueryBuilder()
      .select('r.id', 'id')
      .addSelect('r.created_at', 'created_at')
      .addSelect('r.created_by_user_id', 'created_by_user_id')
      .addSelect('r.case_id', 'case_id')
      .addSelect('r.receiver_organisation_id', 'receiver_organisation_id')
      .addSelect('r.receiver_unit_id', 'receiver_unit_id')
      .addSelect('r.service_type_id', 'service_type_id')
      .addSelect('r.urgency', 'urgency')
      .addSelect('r.status', 'status')
      .from('referrals', 'r')
      .where('r.beneficiary_id = :beneficiaryId', { beneficiaryId });
  }

  /** `limit` items after `after`, newest first, from the scoped `cases`, `deliveries` and `referrals`. */
  async page(
    em: EntityManager,
    opts: {
      beneficiaryId: string;
      cases: SelectQueryBuilder<ObjectLiteral>;
      deliveries: SelectQueryBuilder<ObjectLiteral>;
      referrals: SelectQueryBuilder<ObjectLiteral>;
      after?: TimelineKey;
      limit: number;
    },
  ): Promise<TimelineRow[]> {
    const keyset = opts.after
      ? `WHERE (t.at, t.rank, t.id) < (CAST(:afterAt AS timestamptz), CAST(:afterRank AS int), CAST(:afterId AS text))`
      : '';
    const sql = `
      WITH visible_cases AS (${opts.cases.getQuery()}),
           visible_deliveries AS (${opts.deliveries.getQuery()}),
           visible_referrals AS (${opts.referrals.getQuery()})
      SELECT t.* FROM (${BRANCHES.join('\nUNION ALL\n')}) t
      ${keyset}
      ORDER BY t.at DESC, t.rank DESC, t.id DESC
      LIMIT :limit`;
    const parameters = {
      ...opts.cases.getParameters(),
      ...opts.deliveries.getParameters(),
      ...opts.referrals.getParameters(),
      beneficiaryId: opts.beneficiaryId,
      limit: opts.limit,
      ...(opts.after
        ? { afterAt: opts.after[0], afterRank: kindRank(opts.after[1]), afterId: opts.after[2] }
        : {}),
    };
    const [query, values] = em.dataSource.driver.escapeQueryWithParameters(sql, parameters);
    return em.query(query, values);
  }
}
