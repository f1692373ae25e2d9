import { DEMO_HOST, DEMO_PARTNER } from '../../src/seed/demo-seed';
import { serviceTypeOf } from '../factories/referrals';
import { unitIdByName } from '../factories/cases';
import { allItems, Api, asUser, expectStatus, organisationIdByName } from '../utils/admin';
import { seedUsers, tokenFor } from '../utils/auth';
import { daysFromToday } from '../utils/dates';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * The "done when", as new users would go through it in embedded mode (API and workers in
 * one process, demo data): the demo caseworker refers a person to the partner NGO's unit and is
 * refused until the person's consent is recorded; the demo partner user finds the referral in
 * their inbox and a notification, accepts it, reads what it shares and completes it with an
 * outcome; the caseworker is notified and sees the outcome on the case.
 */
describe('Referral journey', () => {
  let t: TestApp;
  let caseworker: Api;
  let partner: Api;
  let partnerOrganisationId: string;
  let psychosocialUnitId: string;
  let serviceTypeId: string;
  let beneficiaryId: string;
  let caseId: string;
  let referralId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedUsers(t);
    caseworker = asUser(t, await tokenFor(t, 'caseworker'));
    partner = asUser(t, await tokenFor(t, 'partner'));
    partnerOrganisationId = await organisationIdByName(t, DEMO_PARTNER);
    psychosocialUnitId = await unitIdByName(t, DEMO_PARTNER, 'Psychosocial support');
    serviceTypeId = await serviceTypeOf(t, DEMO_PARTNER, 'Psychosocial support');
  });
  afterAll(() => t.close());

  const referralBody = () => ({
    beneficiaryId,
    caseId,
    toUnitId: psychosocialUnitId,
    serviceTypeId,
    reason: 'Signs of trauma after the journey; asks for psychosocial support',
    urgency: 'high',
    sharedFields: ['sex', 'date_of_birth', 'languages', 'phones'],
  });

  it('should register a person and open a protection case', async () => {
    const person = await caseworker.post('/beneficiaries', {
      givenName: 'Rana',
      familyName: 'Synthetic',
      sex: 'female',
      dateOfBirth: '1994',
      nationality: 'SY',
      languages: ['ar'],
      phones: ['+905321112233'],
    });
    expectStatus(person, 201);
    beneficiaryId = person.body.id;
    const opened = await caseworker.post('/cases', {
      beneficiaryId,
      type: 'protection',
      unitId: await unitIdByName(t, DEMO_HOST, 'Protection'),
      riskLevel: 'high',
    });
    expectStatus(opened, 201);
    caseId = opened.body.id;
  });

  it('should refuse the referral to the partner while the person has not consented, saying why', async () => {
    const res = await caseworker.post('/referrals', referralBody());
    expectStatus(res, 422);
    expect(res.body).toMatchObject({ code: 'CONSENT_REQUIRED', details: { consent: ['missing'] } });
    expect(res.body.message).toContain("needs the person's current consent");
  });

  it('should make the referral once the consent is recorded', async () => {
    const consent = await caseworker.post(`/beneficiaries/${beneficiaryId}/consents`, {
      purpose: 'referral',
      recipientOrganisationId: partnerOrganisationId,
      scope: ['identity', 'contact'],
      decision: 'given',
      decidedOn: daysFromToday(),
    });
    expectStatus(consent, 201);
    const res = await caseworker.post('/referrals', referralBody());
    expectStatus(res, 201);
    referralId = res.body.id;
    expect(res.body).toMatchObject({ status: 'pending', consent: { basis: 'recorded_consent' } });
  });

  it("should put it in the partner's inbox and notify them", async () => {
    const inbox = await allItems(partner, '/referrals?direction=received&status=pending');
    expect(inbox.map((r: { id: string }) => r.id)).toContain(referralId);
    const notifications = await partner.get('/notifications?unread=true');
    expectStatus(notifications, 200);
    expect(notifications.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'referral_received', subjectId: referralId })]),
    );
  });

  it('should let the partner accept it, read what it shares, and complete it with an outcome', async () => {
    expectStatus(await partner.post(`/referrals/${referralId}/transitions`, { to: 'accepted' }), 200);
    const shared = await partner.get(`/referrals/${referralId}/shared`);
    expectStatus(shared, 200);
    expect(shared.body.beneficiary).toMatchObject({
      givenName: 'Rana',
      sex: 'female',
      dateOfBirth: '1994-01-01',
      languages: ['ar'],
      phones: ['+905321112233'],
    });
    expect(shared.body.beneficiary).not.toHaveProperty('nationality');
    expectStatus(await partner.post(`/referrals/${referralId}/transitions`, { to: 'in_progress' }), 200);
    const done = await partner.post(`/referrals/${referralId}/transitions`, {
      to: 'completed',
      outcome: 'service_delivered',
      note: 'Eight group sessions attended',
    });
    expectStatus(done, 200);
    expectStatus(await partner.get(`/referrals/${referralId}/shared`), 404);
  });

  it('should show the caseworker the outcome on the case, and notify them of the answers', async () => {
    const onCase = await caseworker.get(`/cases/${caseId}/referrals`);
    expectStatus(onCase, 200);
    expect(onCase.body.items).toEqual([
      expect.objectContaining({ id: referralId, status: 'completed', outcome: 'service_delivered' }),
    ]);
    const notifications = await allItems(caseworker, '/notifications');
    const answered = notifications.filter(
      (n: { kind: string; subjectId: string }) =>
        n.kind === 'referral_answered' && n.subjectId === referralId,
    );
    expect(answered.map((n: { data: { status: string } }) => n.data.status).sort()).toEqual([
      'accepted',
      'completed',
    ]);
  });
});
