import { ReferralStatus } from '../../src/referrals/referral-codes';
import { allowedReferralTransitions, referralTransition } from '../../src/referrals/referral-status';
import type { TestApp } from '../utils/test-app';

/*
 * Referrals written straight into the tables, at chosen instants, with the same rows the referrals
 * service writes: the referral, its making row in referral_transitions (no previous status), one
 * row per later move, and the status, acceptance, finish and outcome columns kept in step. For
 * statistics and timeline tests, which need known timestamps; the referral routes are tested
 * through the API in referrals.e2e-spec.ts.
 */

export interface ReferralStep {
  to: ReferralStatus | `${ReferralStatus}`;
  at: string;
  byUserId: string;
  /** Free text; stored, never shown on the timeline. */
  reason?: string;
  outcome?: string;
  serviceDeliveryId?: string;
}

export interface ReferralRow {
  beneficiaryId: string;
  createdByUserId: string;
  /** The sending unit; its organisation is the sender. */
  fromUnitId: string;
  toUnitId: string;
  createdAt: string;
  /** Defaults to a day after `createdAt`. */
  responseDueAt?: string;
  urgency?: string;
  caseId?: string;
  serviceTypeId?: string;
  /** Later moves, in order; each must be allowed by REFERRAL_TRANSITIONS. */
  steps?: ReferralStep[];
}

const DAY_MS = 86_400_000;

/** Inserts a referral and its history; returns its id. */
export async function insertReferral(t: TestApp, row: ReferralRow): Promise<string> {
  const responseDueAt = row.responseDueAt ?? new Date(Date.parse(row.createdAt) + DAY_MS).toISOString();
  // Between organisations the database wants a consent basis: the partner's form reference here.
  const inserted: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO referrals (sender_organisation_id, sender_unit_id, created_by_user_id, receiver_organisation_id,
                            receiver_unit_id, service_type_id, beneficiary_id, case_id, reason, urgency,
                            consent_reference, status, response_due_at, created_at, updated_at)
     SELECT fu.organisation_id, fu.id, $3, tu.organisation_id, tu.id,
            coalesce($4::uuid, (SELECT st.id FROM service_types st WHERE st.unit_id = tu.id ORDER BY st.name LIMIT 1)),
            $5, $6, 'Free-text referral reason', $7,
            CASE WHEN fu.organisation_id <> tu.organisation_id THEN 'FORM-REF-0001' END,
            'pending', $8, $9, $9
       FROM service_units fu, service_units tu
      WHERE fu.id = $1 AND tu.id = $2
     RETURNING id`,
    [
      row.fromUnitId,
      row.toUnitId,
      row.createdByUserId,
      row.serviceTypeId ?? null,
      row.beneficiaryId,
      row.caseId ?? null,
      row.urgency ?? 'normal',
      responseDueAt,
      row.createdAt,
    ],
  );
  const id = inserted[0].id;
  await t.dataSource.query(
    `INSERT INTO referral_transitions (referral_id, from_status, to_status, changed_by_user_id, changed_at)
     VALUES ($1, NULL, 'pending', $2, $3)`,
    [id, row.createdByUserId, row.createdAt],
  );
  let status = ReferralStatus.Pending;
  for (const step of row.steps ?? []) {
    const to = step.to as ReferralStatus;
    referralTransition(status, to); // throws on a move the table does not allow
    await t.dataSource.query(
      `INSERT INTO referral_transitions (referral_id, from_status, to_status, reason, outcome, note,
                                         service_delivery_id, changed_by_user_id, changed_at)
       VALUES ($1, $2, $3, $4, $5, 'Free-text transition note', $6, $7, $8)`,
      [
        id,
        status,
        to,
        step.reason ?? null,
        step.outcome ?? null,
        step.serviceDeliveryId ?? null,
        step.byUserId,
        step.at,
      ],
    );
    // As the service does: a status with no way onward is final and sets finished_at.
    const final = allowedReferralTransitions(to).length === 0;
    await t.dataSource.query(
      `UPDATE referrals
          SET status = $2::text, outcome = $3,
              accepted_at = CASE WHEN $2::text = 'accepted' THEN $4::timestamptz ELSE accepted_at END,
              completion_due_at = CASE WHEN $2::text = 'accepted' THEN $4::timestamptz + interval '7 days'
                                       ELSE completion_due_at END,
              finished_at = CASE WHEN $5::boolean THEN $4::timestamptz END,
              updated_at = $4
        WHERE id = $1`,
      [id, to, step.outcome ?? null, step.at, final],
    );
    status = to;
  }
  return id;
}
