import { DEMO_HOST, DEMO_PARTNER } from '../../src/seed/demo-seed';
import { Api, expectStatus } from '../utils/admin';
import type { TestApp } from '../utils/test-app';
import { caseTestContext, CaseTestContext, openCase, unitIdByName } from './cases';

/** The first active service type of a unit, by organisation and unit name. */
export async function serviceTypeOf(t: TestApp, organisation: string, unit: string): Promise<string> {
  const unitId = await unitIdByName(t, organisation, unit);
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `SELECT id FROM service_types WHERE unit_id = $1 AND is_active ORDER BY name LIMIT 1`,
    [unitId],
  );
  if (!rows[0]) throw new Error(`no service type in ${unit}`);
  return rows[0].id;
}

/**
 * The case test context plus what referral tests use: the receiving units' ids and a service
 * type of each. The demo caseworker (Protection) refers; `legalCaseworker` receives internally;
 * the demo partner user (Psychosocial support) receives from and refers to the host.
 */
export interface ReferralTestContext extends CaseTestContext {
  legalService: string;
  psychosocialService: string;
  protectionService: string;
  /** A person registered by Protection, with a Protection case opened for them. */
  personWithCase(): Promise<{ beneficiaryId: string; caseId: string }>;
}

export async function referralTestContext(t: TestApp): Promise<ReferralTestContext> {
  const ctx = await caseTestContext(t);
  return {
    ...ctx,
    legalService: await serviceTypeOf(t, DEMO_HOST, 'Legal counselling'),
    psychosocialService: await serviceTypeOf(t, DEMO_PARTNER, 'Psychosocial support'),
    protectionService: await serviceTypeOf(t, DEMO_HOST, 'Protection'),
    async personWithCase() {
      const beneficiaryId = await ctx.person();
      const c = await openCase(ctx.caseworker, { beneficiaryId, unitId: ctx.ids.protection });
      return { beneficiaryId, caseId: c.id };
    },
  };
}

export interface ReferralBody {
  beneficiaryId?: string;
  caseId?: string;
  toUnitId?: string;
  serviceTypeId?: string;
  reason?: string;
  urgency?: string;
  sharedFields?: string[];
  shareCaseSummary?: boolean;
  consentOverrideReason?: string;
  subject?: object;
  consentReference?: string;
  fromUnitId?: string;
}

/** Makes a referral through the API (normal urgency, a neutral reason unless given); fails unless 201. */
export async function refer(api: Api, body: ReferralBody): Promise<any> {
  const res = await api.post('/referrals', {
    reason: 'Needs specialised support',
    urgency: 'normal',
    ...body,
  });
  expectStatus(res, 201);
  return res.body;
}

/** Moves a referral through the API; fails unless 200. */
export async function answer(api: Api, id: string, to: string, extra: object = {}): Promise<any> {
  const res = await api.post(`/referrals/${id}/transitions`, { to, ...extra });
  expectStatus(res, 200);
  return res.body;
}

/** Records the person's referral consent for an organisation through the API. */
export async function giveReferralConsent(
  api: Api,
  beneficiaryId: string,
  recipientOrganisationId: string,
  scope: string[],
  extra: object = {},
): Promise<any> {
  const res = await api.post(`/beneficiaries/${beneficiaryId}/consents`, {
    purpose: 'referral',
    recipientOrganisationId,
    scope,
    decision: 'given',
    decidedOn: '2026-01-05',
    ...extra,
  });
  expectStatus(res, 201);
  return res.body;
}
