import { insertBeneficiary } from '../factories/cases';
import {
  answer,
  giveReferralConsent,
  refer,
  referralTestContext,
  ReferralTestContext,
} from '../factories/referrals';
import { allItems, asUser, createAndLogin, expectError, expectStatus, MISSING, UUID } from '../utils/admin';
import { seedUsers } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Referrals: making, answering, sharing', () => {
  let t: TestApp;
  let ctx: ReferralTestContext;

  beforeAll(async () => {
    t = await createTestApp({ workers: false });
    await seedUsers(t);
    ctx = await referralTestContext(t);
  }, 60_000);
  afterAll(() => t.close());

  /** An internal referral from the demo caseworker's Protection case to Legal counselling. */
  async function internalReferral(extra: object = {}) {
    const { beneficiaryId, caseId } = await ctx.personWithCase();
    const referral = await refer(ctx.caseworker, {
      beneficiaryId,
      caseId,
      toUnitId: ctx.ids.legal,
      serviceTypeId: ctx.legalService,
      ...extra,
    });
    return { beneficiaryId, caseId, referral };
  }

  /** A referral to the partner's Psychosocial support unit, with the person's consent. */
  async function partnerReferral(sharedFields: string[] = ['phones'], scope = ['identity', 'contact']) {
    const { beneficiaryId, caseId } = await ctx.personWithCase();
    const consent = await giveReferralConsent(ctx.caseworker, beneficiaryId, ctx.ids.partnerId, scope);
    const referral = await refer(ctx.caseworker, {
      beneficiaryId,
      caseId,
      toUnitId: ctx.ids.psychosocial,
      serviceTypeId: ctx.psychosocialService,
      sharedFields,
    });
    return { beneficiaryId, caseId, consent, referral };
  }

  describe('within the organisation', () => {
    it('goes from pending to completed, with history, inbox, shared fields and the service recorded', async () => {
      const { beneficiaryId, caseId, referral } = await internalReferral({
        sharedFields: ['sex', 'phones'],
        urgency: 'urgent',
      });
      expect(referral).toMatchObject({
        status: 'pending',
        urgency: 'urgent',
        beneficiaryId,
        caseId,
        sender: { organisationId: ctx.ids.hostId, unitId: ctx.ids.protection, unitName: 'Protection' },
        receiver: { organisationId: ctx.ids.hostId, unitId: ctx.ids.legal, unitName: 'Legal counselling' },
        sharedFields: ['phones', 'sex'],
        consent: { basis: 'same_organisation', consentId: null },
        overdue: false,
        allowedTransitions: ['withdrawn'],
      });
      // Urgent: the response is due in 24 hours (the default REFERRAL_RESPONSE_HOURS).
      const dueIn = Date.parse(referral.responseDueAt) - Date.parse(referral.createdAt);
      expect(dueIn).toBeGreaterThan(24 * 3600_000 - 5_000);
      expect(dueIn).toBeLessThan(24 * 3600_000 + 5_000);

      const receiver = ctx.legalCaseworker.api;
      const inbox = await allItems(
        receiver,
        `/referrals?direction=received&unitId=${ctx.ids.legal}&status=pending`,
      );
      expect(inbox.map((r: { id: string }) => r.id)).toContain(referral.id);
      // Nothing is shared before the referral is accepted.
      expectStatus(await receiver.get(`/referrals/${referral.id}/shared`), 404);

      const accepted = await answer(receiver, referral.id, 'accepted', { note: 'We will call' });
      expect(accepted).toMatchObject({ status: 'accepted', allowedTransitions: ['in_progress', 'closed'] });
      expect(accepted.acceptedAt).not.toBeNull();
      expect(accepted.completionDueAt).not.toBeNull();

      const shared = await receiver.get(`/referrals/${referral.id}/shared`);
      expectStatus(shared, 200);
      expect(Object.keys(shared.body.beneficiary).sort()).toEqual(
        ['id', 'givenName', 'familyName', 'fatherName', 'motherName', 'nameArabic', 'sex', 'phones'].sort(),
      );
      expect(shared.body.caseSummary).toBeNull();
      // The referral is no key to the rest of the record.
      expectStatus(await receiver.get(`/beneficiaries/${beneficiaryId}`), 404);

      await answer(receiver, referral.id, 'in_progress');
      const completed = await answer(receiver, referral.id, 'completed', {
        outcome: 'service_delivered',
        serviceDelivery: { deliveredOn: '2026-11-20', note: 'First advice session' },
      });
      expect(completed).toMatchObject({
        status: 'completed',
        outcome: 'service_delivered',
        allowedTransitions: [],
      });
      expect(completed.finishedAt).not.toBeNull();

      const history = await ctx.caseworker.get(`/referrals/${referral.id}/transitions`);
      expectStatus(history, 200);
      expect(history.body.map((h: { toStatus: string }) => h.toStatus)).toEqual([
        'pending',
        'accepted',
        'in_progress',
        'completed',
      ]);
      const done = history.body[3];
      expect(done).toMatchObject({ fromStatus: 'in_progress', outcome: 'service_delivered' });
      expect(done.serviceDeliveryId).toMatch(UUID);
      const delivery = await t.dataSource.query(
        `SELECT referral_id, beneficiary_id, unit_id FROM service_deliveries WHERE id = $1`,
        [done.serviceDeliveryId],
      );
      expect(delivery[0]).toEqual({
        referral_id: referral.id,
        beneficiary_id: beneficiaryId,
        unit_id: ctx.ids.legal,
      });

      // The case's caseworker sees the outcome on the case.
      const onCase = await ctx.caseworker.get(`/cases/${caseId}/referrals`);
      expectStatus(onCase, 200);
      expect(onCase.body.items).toEqual([
        expect.objectContaining({ id: referral.id, outcome: 'service_delivered' }),
      ]);
      // Access ends with the referral.
      expectStatus(await receiver.get(`/referrals/${referral.id}/shared`), 404);
    });

    it('shares the case summary only when asked, and only the summary', async () => {
      const { referral } = await internalReferral({ shareCaseSummary: true });
      await answer(ctx.legalCaseworker.api, referral.id, 'accepted');
      const shared = await ctx.legalCaseworker.api.get(`/referrals/${referral.id}/shared`);
      expectStatus(shared, 200);
      expect(shared.body.caseSummary).toEqual({
        type: 'protection',
        riskLevel: 'medium',
        status: 'open',
        summary: null,
        openedAt: expect.any(String),
        needs: [],
        vulnerabilityScore: null,
      });
    });

    it('lets only the receiver answer and only the sender withdraw', async () => {
      const { referral } = await internalReferral();
      const senderAccepts = await ctx.caseworker.post(`/referrals/${referral.id}/transitions`, {
        to: 'accepted',
      });
      expectError(senderAccepts, 422, 'NOT_YOUR_SIDE_OF_REFERRAL', { to: ['receiverOnly'] });
      const receiverWithdraws = await ctx.legalCaseworker.api.post(`/referrals/${referral.id}/transitions`, {
        to: 'withdrawn',
        reason: 'Not ours',
      });
      expectError(receiverWithdraws, 422, 'NOT_YOUR_SIDE_OF_REFERRAL', { to: ['senderOnly'] });
      const withdrawn = await answer(ctx.caseworker, referral.id, 'withdrawn', {
        reason: 'Solved meanwhile',
      });
      expect(withdrawn.status).toBe('withdrawn');
    });

    it('refuses an invalid transition with 409 naming the current and allowed statuses', async () => {
      const { referral } = await internalReferral();
      const res = await ctx.legalCaseworker.api.post(`/referrals/${referral.id}/transitions`, {
        to: 'completed',
        outcome: 'not_reachable',
      });
      expectError(res, 409, 'INVALID_REFERRAL_TRANSITION');
      expect(res.body.details).toEqual({
        currentStatus: 'pending',
        allowed: ['accepted', 'rejected', 'withdrawn'],
      });
      await answer(ctx.legalCaseworker.api, referral.id, 'rejected', { reason: 'Outside our mandate' });
      const again = await ctx.legalCaseworker.api.post(`/referrals/${referral.id}/transitions`, {
        to: 'accepted',
      });
      expectError(again, 409, 'INVALID_REFERRAL_TRANSITION');
      expect(again.body.details).toEqual({ currentStatus: 'rejected', allowed: [] });
    });

    it('requires a reason to reject, close and withdraw, and an outcome to complete', async () => {
      const { referral } = await internalReferral();
      const rejectBare = await ctx.legalCaseworker.api.post(`/referrals/${referral.id}/transitions`, {
        to: 'rejected',
      });
      expectError(rejectBare, 400, 'VALIDATION_FAILED', { reason: ['required'] });
      const withdrawBare = await ctx.caseworker.post(`/referrals/${referral.id}/transitions`, {
        to: 'withdrawn',
      });
      expectError(withdrawBare, 400, 'VALIDATION_FAILED', { reason: ['required'] });
      await answer(ctx.legalCaseworker.api, referral.id, 'accepted');
      await answer(ctx.legalCaseworker.api, referral.id, 'in_progress');
      const completeBare = await ctx.legalCaseworker.api.post(`/referrals/${referral.id}/transitions`, {
        to: 'completed',
      });
      expectError(completeBare, 400, 'VALIDATION_FAILED', { outcome: ['required'] });
      const closeBare = await ctx.legalCaseworker.api.post(`/referrals/${referral.id}/transitions`, {
        to: 'closed',
      });
      expectError(closeBare, 400, 'VALIDATION_FAILED', { reason: ['required'] });
      const closed = await answer(ctx.legalCaseworker.api, referral.id, 'closed', {
        reason: 'Person moved away',
      });
      expect(closed.status).toBe('closed');
    });

    it('lets exactly one of two concurrent answers win; the other gets 409', async () => {
      const { referral } = await internalReferral();
      const [a, b] = await Promise.all([
        ctx.legalCaseworker.api.post(`/referrals/${referral.id}/transitions`, { to: 'accepted' }),
        ctx.supervisor.post(`/referrals/${referral.id}/transitions`, { to: 'rejected', reason: 'Full' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.code).toBe('INVALID_REFERRAL_TRANSITION');
      const history = await ctx.supervisor.get(`/referrals/${referral.id}/transitions`);
      expect(history.body).toHaveLength(2);
    });

    it('keeps the history append-only in the database', async () => {
      const { referral } = await internalReferral();
      await expect(
        t.dataSource.query(`UPDATE referral_transitions SET reason = 'x' WHERE referral_id = $1`, [
          referral.id,
        ]),
      ).rejects.toThrow(/append-only/);
      await expect(
        t.dataSource.query(`DELETE FROM referral_transitions WHERE referral_id = $1`, [referral.id]),
      ).rejects.toThrow(/append-only/);
    });

    it('lists overdue referrals for supervisors', async () => {
      const { referral } = await internalReferral();
      await t.dataSource.query(
        `UPDATE referrals SET response_due_at = now() - interval '1 hour' WHERE id = $1`,
        [referral.id],
      );
      const overdue = await allItems(ctx.supervisor, '/referrals?overdue=true');
      expect(overdue.find((r: { id: string }) => r.id === referral.id)).toMatchObject({ overdue: true });
      const notOverdue = await allItems(ctx.supervisor, '/referrals?overdue=false&status=pending');
      expect(notOverdue.map((r: { id: string }) => r.id)).not.toContain(referral.id);
    });
  });

  describe('to a partner organisation', () => {
    it('is refused without consent, with a message saying so', async () => {
      const { beneficiaryId, caseId } = await ctx.personWithCase();
      const res = await ctx.caseworker.post('/referrals', {
        beneficiaryId,
        caseId,
        toUnitId: ctx.ids.psychosocial,
        serviceTypeId: ctx.psychosocialService,
        reason: 'Psychosocial support needed',
        urgency: 'high',
      });
      expectError(res, 422, 'CONSENT_REQUIRED', { consent: ['missing'] });
      expect(res.body.message).toMatch(/consent/);
      const count = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM referrals WHERE beneficiary_id = $1`,
        [beneficiaryId],
      );
      expect(count[0].n).toBe(0);
    });

    it.each([
      ['refused', { decision: 'refused' }, 'refused'],
      ['expired', { decidedOn: '2024-01-01', expiresOn: '2024-12-31' }, 'expired'],
    ])('is refused when the consent is %s', async (_label, consentExtra, why) => {
      const { beneficiaryId } = await ctx.personWithCase();
      await giveReferralConsent(ctx.caseworker, beneficiaryId, ctx.ids.partnerId, ['identity'], consentExtra);
      const res = await ctx.caseworker.post('/referrals', {
        beneficiaryId,
        toUnitId: ctx.ids.psychosocial,
        serviceTypeId: ctx.psychosocialService,
        reason: 'Support',
        urgency: 'normal',
      });
      expectError(res, 422, 'CONSENT_REQUIRED', { consent: [why] });
    });

    it('is refused when the consent was withdrawn, or given to another organisation', async () => {
      const { beneficiaryId } = await ctx.personWithCase();
      const consent = await giveReferralConsent(ctx.caseworker, beneficiaryId, ctx.ids.partnerId, [
        'identity',
      ]);
      expectStatus(
        await ctx.caseworker.post(`/consents/${consent.id}/withdrawal`, { reason: 'Changed mind' }),
        200,
      );
      const body = {
        beneficiaryId,
        toUnitId: ctx.ids.psychosocial,
        serviceTypeId: ctx.psychosocialService,
        reason: 'Support',
        urgency: 'normal',
      };
      expectError(await ctx.caseworker.post('/referrals', body), 422, 'CONSENT_REQUIRED', {
        consent: ['withdrawn'],
      });

      const other = await ctx.personWithCase();
      await giveReferralConsent(ctx.caseworker, other.beneficiaryId, ctx.ids.hostId, ['identity']);
      const res = await ctx.caseworker.post('/referrals', { ...body, beneficiaryId: other.beneficiaryId });
      expectError(res, 422, 'CONSENT_REQUIRED', { consent: ['missing'] });
    });

    it('is refused when the consent does not cover a shared field', async () => {
      const { beneficiaryId } = await ctx.personWithCase();
      await giveReferralConsent(ctx.caseworker, beneficiaryId, ctx.ids.partnerId, ['identity']);
      const res = await ctx.caseworker.post('/referrals', {
        beneficiaryId,
        toUnitId: ctx.ids.psychosocial,
        serviceTypeId: ctx.psychosocialService,
        reason: 'Support',
        urgency: 'normal',
        sharedFields: ['sex', 'phones', 'health_conditions'],
      });
      expectError(res, 422, 'CONSENT_REQUIRED', {
        consent: ['scopeNotCovered'],
        notCovered: ['contact', 'health'],
      });
    });

    it('may be overridden by a supervisor with a reason, recorded and audited; not by a caseworker', async () => {
      const { beneficiaryId } = await ctx.personWithCase();
      const body = {
        beneficiaryId,
        toUnitId: ctx.ids.psychosocial,
        serviceTypeId: ctx.psychosocialService,
        reason: 'Acute crisis',
        urgency: 'urgent',
        consentOverrideReason: 'Vital interest: the person cannot be asked now',
      };
      const refused = await ctx.caseworker.post('/referrals', body);
      expectError(refused, 403, 'FORBIDDEN');
      const made = await ctx.supervisor.post('/referrals', { ...body, fromUnitId: ctx.ids.protection });
      expectStatus(made, 201);
      expect(made.body.consent).toEqual({
        basis: 'override',
        consentId: null,
        reference: null,
        overrideReason: 'Vital interest: the person cannot be asked now',
      });
      const audit = await t.dataSource.query(
        `SELECT action, changes FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at, id`,
        [made.body.id],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'referral.created',
        'referral.consent_overridden',
      ]);
      // The receiver sees that consent was overridden, not the sender's reason.
      const seen = await ctx.partner.get(`/referrals/${made.body.id}`);
      expectStatus(seen, 200);
      expect(seen.body.consent).toEqual({ basis: 'override', consentId: null, reference: null });
    });

    it('is seen, accepted and completed by the partner; the caseworker sees the outcome on the case', async () => {
      const { beneficiaryId, caseId, consent, referral } = await partnerReferral(['phones', 'sex']);
      expect(referral.consent).toMatchObject({ basis: 'recorded_consent', consentId: consent.id });
      const inbox = await allItems(ctx.partner, '/referrals?direction=received&status=pending');
      const inInbox = inbox.find((r: { id: string }) => r.id === referral.id);
      expect(inInbox).toMatchObject({ caseId: null, allowedTransitions: ['accepted', 'rejected'] });

      await answer(ctx.partner, referral.id, 'accepted');
      const shared = await ctx.partner.get(`/referrals/${referral.id}/shared`);
      expectStatus(shared, 200);
      expect(shared.body.beneficiary).toEqual(
        expect.objectContaining({ id: beneficiaryId, phones: expect.any(Array), sex: 'female' }),
      );
      expect(shared.body.beneficiary).not.toHaveProperty('dateOfBirth');
      const readEvents = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'referral.shared_information_read'`,
        [referral.id],
      );
      expect(readEvents[0].n).toBe(1);

      await answer(ctx.partner, referral.id, 'in_progress');
      // The partner does not hold the person's record: the outcome only.
      const withDelivery = await ctx.partner.post(`/referrals/${referral.id}/transitions`, {
        to: 'completed',
        outcome: 'service_delivered',
        serviceDelivery: { deliveredOn: '2026-11-20' },
      });
      expectError(withDelivery, 422, 'REFERENCED_RECORD_NOT_FOUND', {
        serviceDelivery: ['personNotInYourRegistry'],
      });
      await answer(ctx.partner, referral.id, 'completed', {
        outcome: 'service_delivered',
        note: 'Six sessions',
      });

      const onCase = await ctx.caseworker.get(`/cases/${caseId}/referrals`);
      expect(onCase.body.items[0]).toMatchObject({
        id: referral.id,
        status: 'completed',
        outcome: 'service_delivered',
      });
      // After the referral ends, the partner reads nothing of the person any more.
      expectStatus(await ctx.partner.get(`/referrals/${referral.id}/shared`), 404);
      expectStatus(await ctx.partner.get(`/referrals/${referral.id}`), 200);
    });

    it('stops sharing when the person withdraws the consent it rests on', async () => {
      const { consent, referral } = await partnerReferral();
      await answer(ctx.partner, referral.id, 'accepted');
      expectStatus(await ctx.partner.get(`/referrals/${referral.id}/shared`), 200);
      expectStatus(
        await ctx.caseworker.post(`/consents/${consent.id}/withdrawal`, { reason: 'Asked to stop' }),
        200,
      );
      expectError(await ctx.partner.get(`/referrals/${referral.id}/shared`), 422, 'CONSENT_WITHDRAWN');
    });
  });

  describe('partner isolation', () => {
    it('answers 404 to a partner asking for any host record by id', async () => {
      const { beneficiaryId, caseId, referral } = await internalReferral();
      const { referral: toPartner } = await partnerReferral();
      await answer(ctx.partner, toPartner.id, 'accepted');
      for (const path of [
        `/beneficiaries/${beneficiaryId}`,
        `/beneficiaries/${toPartner.beneficiaryId}`,
        `/beneficiaries/${toPartner.beneficiaryId}/timeline`,
        `/beneficiaries/${toPartner.beneficiaryId}/consents`,
        `/cases/${caseId}`,
        `/cases/${caseId}/referrals`,
        `/referrals/${referral.id}`,
        `/referrals/${referral.id}/transitions`,
        `/referrals/${referral.id}/shared`,
      ]) {
        const res = await ctx.partner.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
      const list = await allItems(ctx.partner, '/referrals');
      expect(list.map((r: { id: string }) => r.id)).not.toContain(referral.id);
      expect(
        list.every(
          (r: { sender: { organisationId: string }; receiver: { organisationId: string } }) =>
            r.sender.organisationId === ctx.ids.partnerId || r.receiver.organisationId === ctx.ids.partnerId,
        ),
      ).toBe(true);
    });

    it('hides referrals from caseworkers of other units; the sender cannot read what is shared', async () => {
      const { referral } = await internalReferral();
      const healthCaseworker = await createAndLogin(t, ctx.admin, {
        organisationId: ctx.ids.hostId,
        role: 'caseworker',
        unitIds: [ctx.ids.health],
      });
      const outsider = asUser(t, healthCaseworker.accessToken);
      expectStatus(await outsider.get(`/referrals/${referral.id}`), 404);
      expect((await allItems(outsider, '/referrals')).map((r: { id: string }) => r.id)).not.toContain(
        referral.id,
      );
      expectStatus(await outsider.post(`/referrals/${referral.id}/transitions`, { to: 'accepted' }), 404);
      // Organisation-wide supervisors and the sending unit's colleagues see it.
      expectStatus(await ctx.healthSupervisor.api.get(`/referrals/${referral.id}`), 200);
      expectStatus(await ctx.colleague.api.get(`/referrals/${referral.id}`), 200);
      await answer(ctx.legalCaseworker.api, referral.id, 'accepted');
      expectStatus(await ctx.caseworker.get(`/referrals/${referral.id}/shared`), 404);
    });
  });

  describe('from a partner into the host', () => {
    const subject = {
      givenName: 'Testname',
      familyName: 'Synthetic',
      sex: 'male',
      dateOfBirth: '1988',
      nationality: 'SY',
      phone: '+905321234567',
    };

    it('carries who the person is; accepting links it to the registry', async () => {
      const made = await refer(ctx.partner, {
        subject,
        consentReference: 'FORM-2026-0042',
        toUnitId: ctx.ids.legal,
        serviceTypeId: ctx.legalService,
        urgency: 'high',
      });
      expect(made).toMatchObject({
        beneficiaryId: null,
        subject,
        consent: { basis: 'partner_reference', reference: 'FORM-2026-0042' },
        sender: { organisationId: ctx.ids.partnerId },
      });
      const seen = await ctx.legalCaseworker.api.get(`/referrals/${made.id}`);
      expect(seen.body.subject).toEqual(subject);

      const bare = await ctx.legalCaseworker.api.post(`/referrals/${made.id}/transitions`, {
        to: 'accepted',
      });
      expectError(bare, 422, 'BENEFICIARY_LINK_REQUIRED', { beneficiaryId: ['required'] });
      // A person the accepting caseworker cannot see is unknown to them.
      const foreign = await ctx.legalCaseworker.api.post(`/referrals/${made.id}/transitions`, {
        to: 'accepted',
        beneficiaryId: MISSING,
      });
      expectError(foreign, 422, 'REFERENCED_RECORD_NOT_FOUND', { beneficiaryId: ['notFound'] });

      const registered = await insertBeneficiary(t, {
        organisationId: ctx.ids.hostId,
        registeredUnitId: ctx.ids.legal,
        registeredByUserId: ctx.legalCaseworker.id,
      });
      const accepted = await answer(ctx.legalCaseworker.api, made.id, 'accepted', {
        beneficiaryId: registered,
      });
      expect(accepted.beneficiaryId).toBe(registered);
      const history = await ctx.partner.get(`/referrals/${made.id}/transitions`);
      expect(history.body[1]).toMatchObject({ toStatus: 'accepted', linkedBeneficiaryId: registered });
      // The partner follows the status, and reads nothing of the host's record.
      expect((await ctx.partner.get(`/referrals/${made.id}`)).body.status).toBe('accepted');
      expectStatus(await ctx.partner.get(`/referrals/${made.id}/shared`), 404);
      expectStatus(await ctx.partner.get(`/beneficiaries/${registered}`), 404);

      await answer(ctx.legalCaseworker.api, made.id, 'in_progress');
      const done = await answer(ctx.legalCaseworker.api, made.id, 'completed', {
        outcome: 'service_delivered',
        serviceDelivery: { deliveredOn: '2026-11-21' },
      });
      expect(done.status).toBe('completed');
    });

    it('goes only to the host organisation, with the consent reference and a subject', async () => {
      const toSelf = await ctx.partner.post('/referrals', {
        subject,
        consentReference: 'F-1',
        toUnitId: ctx.ids.psychosocial,
        serviceTypeId: ctx.psychosocialService,
        reason: 'x',
        urgency: 'low',
      });
      expectError(toSelf, 422, 'REFERENCED_RECORD_NOT_FOUND', { toUnitId: ['notHostUnit'] });
      const base = { toUnitId: ctx.ids.legal, serviceTypeId: ctx.legalService, reason: 'x', urgency: 'low' };
      expectError(await ctx.partner.post('/referrals', { ...base, subject }), 400, 'VALIDATION_FAILED', {
        consentReference: ['required'],
      });
      expectError(
        await ctx.partner.post('/referrals', { ...base, consentReference: 'F', beneficiaryId: MISSING }),
        400,
        'VALIDATION_FAILED',
        { beneficiaryId: ['partnersGiveSubject'] },
      );
      expectError(await ctx.caseworker.post('/referrals', { ...base, subject }), 400, 'VALIDATION_FAILED', {
        subject: ['onlyForPartners'],
      });
    });
  });

  describe('bad input', () => {
    it.each([
      ['no body', {}, ['toUnitId', 'serviceTypeId', 'reason', 'urgency']],
      ['an unknown urgency', { urgency: 'asap' }, ['urgency']],
      ['an unknown shared field', { sharedFields: ['religion'] }, ['sharedFields']],
      ['a shared field twice', { sharedFields: ['sex', 'sex'] }, ['sharedFields']],
      ['a unit that is not a UUID', { toUnitId: 'legal' }, ['toUnitId']],
      ['an empty reason', { reason: '   ' }, ['reason']],
      ['a reason too long', { reason: 'x'.repeat(2001) }, ['reason']],
      ['a subject without a given name', { subject: { familyName: 'X' } }, ['subject.givenName']],
      ['a subject with a bad phone', { subject: { givenName: 'X', phone: '0532' } }, ['subject.phone']],
    ])('POST /referrals with %s is a 400 naming the fields', async (_label, patch, fields) => {
      const { beneficiaryId } = await ctx.personWithCase();
      const body = {
        beneficiaryId,
        toUnitId: ctx.ids.legal,
        serviceTypeId: ctx.legalService,
        reason: 'Needs advice',
        urgency: 'normal',
      };
      const sent = Object.keys(patch).length ? { ...body, ...patch } : patch;
      const res = await ctx.caseworker.post('/referrals', sent);
      expectError(res, 400, 'VALIDATION_FAILED');
      for (const f of fields) expect(Object.keys(res.body.details)).toContain(f);
    });

    it('refuses unknown units, service types of another unit, and cases about someone else', async () => {
      const { beneficiaryId } = await ctx.personWithCase();
      const other = await ctx.personWithCase();
      const body = {
        beneficiaryId,
        toUnitId: ctx.ids.legal,
        serviceTypeId: ctx.legalService,
        reason: 'Needs advice',
        urgency: 'normal',
      };
      expectError(
        await ctx.caseworker.post('/referrals', { ...body, toUnitId: MISSING }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        {
          toUnitId: ['notFound'],
        },
      );
      expectError(
        await ctx.caseworker.post('/referrals', { ...body, serviceTypeId: ctx.protectionService }),
        422,
        'REFERENCED_RECORD_NOT_FOUND',
        { serviceTypeId: ['notFound'] },
      );
      expectError(
        await ctx.caseworker.post('/referrals', { ...body, caseId: other.caseId }),
        422,
        'CASE_NOT_OF_BENEFICIARY',
        { caseId: ['notAboutBeneficiary'] },
      );
      expectError(
        await ctx.caseworker.post('/referrals', { ...body, shareCaseSummary: true }),
        400,
        'VALIDATION_FAILED',
        { shareCaseSummary: ['needsCaseId'] },
      );
      expectError(
        await ctx.caseworker.post('/referrals', { ...body, consentOverrideReason: 'x' }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await ctx.supervisor.post('/referrals', {
          ...body,
          fromUnitId: ctx.ids.protection,
          consentOverrideReason: 'x',
        }),
        400,
        'VALIDATION_FAILED',
        { consentOverrideReason: ['notNeeded'] },
      );
      // A supervisor of two units must say which one refers.
      expectError(await ctx.supervisor.post('/referrals', body), 400, 'VALIDATION_FAILED', {
        fromUnitId: ['required'],
      });
    });

    it.each([
      ['an unknown status', { to: 'done' }, 'to'],
      ['an unknown outcome', { to: 'completed', outcome: 'fine' }, 'outcome'],
      [
        'a bad delivery date',
        { to: 'completed', outcome: 'service_delivered', serviceDelivery: { deliveredOn: '2026-13-01' } },
        'serviceDelivery.deliveredOn',
      ],
      ['a person id that is not a UUID', { to: 'accepted', beneficiaryId: 'x' }, 'beneficiaryId'],
    ])('POST /referrals/:id/transitions with %s is a 400', async (_label, body, field) => {
      const { referral } = await internalReferral();
      const res = await ctx.legalCaseworker.api.post(`/referrals/${referral.id}/transitions`, body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.details)).toContain(field);
    });

    it('answers 400 for ids that are not UUIDs and 404 for unknown ones', async () => {
      for (const path of [
        '/referrals/x',
        '/referrals/x/transitions',
        '/referrals/x/shared',
        '/cases/x/referrals',
      ]) {
        expectStatus(await ctx.supervisor.get(path), 400);
      }
      for (const path of [
        `/referrals/${MISSING}`,
        `/referrals/${MISSING}/transitions`,
        `/referrals/${MISSING}/shared`,
      ]) {
        expectStatus(await ctx.supervisor.get(path), 404);
      }
      expectStatus(await ctx.supervisor.post(`/referrals/${MISSING}/transitions`, { to: 'accepted' }), 404);
    });

    it.each([
      ['direction=inbound', 'direction'],
      ['status=open', 'status'],
      ['urgency=now', 'urgency'],
      ['overdue=maybe', 'overdue'],
      ['limit=500', 'limit'],
      ['cursor=!!', 'cursor'],
      ['unitId=x', 'unitId'],
    ])('GET /referrals?%s is a 400 naming %s', async (query, field) => {
      const res = await ctx.supervisor.get(`/referrals?${query}`);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.details)).toContain(field);
    });
  });
});
