import { randomBytes } from 'node:crypto';
import { DocumentType } from '../../src/beneficiaries/documents/document-type';
import { randomDocumentNumber } from '../../src/beneficiaries/documents/document-number';
import { API } from './admin';
import type { TestApp } from './test-app';
import { daysFromToday } from './dates';

/** The kinds of record a route's `{id}` can name in the authorization matrix. */
export type RecordKind =
  | 'organisation'
  | 'unit'
  | 'user'
  | 'beneficiary'
  | 'document'
  | 'household'
  | 'membership'
  | 'consent'
  | 'case'
  | 'follow_up'
  | 'goal'
  | 'service_type'
  | 'delivery'
  | 'referral'
  | 'accepted_referral'
  | 'notification'
  | 'aid_item'
  | 'round'
  | 'distribution'
  | 'flag';

/** Kinds the host's administrators and data protection officers reach in every organisation. */
export const SYSTEM_WIDE_KINDS: ReadonlySet<RecordKind> = new Set([
  'organisation',
  'unit',
  'user',
  'service_type',
  'aid_item',
  'round',
]);

export type OrgKey = 'host' | 'partner' | 'other';

/** Who creates an organisation's records, and in which unit. */
export interface OrgWriter {
  organisationId: string;
  unitId: string;
  /** A target user of the organisation, to be read and changed. */
  userId: string;
  /** A supervisor of `unitId`: registers people, opens cases, delivers services. */
  token: string;
}

/**
 * Records of every kind in each organisation, made through the API as its own staff would. The
 * first record of a kind is shared by the rows that only read it; routes that use a record up
 * (delete, end, withdraw, complete) ask for a fresh one per call.
 */
export class MatrixRecords {
  private readonly shared = new Map<string, Promise<string>>();
  private counter = 0;
  private readonly run = randomBytes(3).toString('hex');

  constructor(
    private readonly t: TestApp,
    /** The host administrator's current token (the matrix changes passwords, which ends other sessions). */
    private readonly adminToken: () => string,
    readonly orgs: Record<OrgKey, OrgWriter>,
  ) {}

  /** The shared record of a kind in an organisation, created on first use. */
  get(org: OrgKey, kind: RecordKind): Promise<string> {
    const key = `${org}:${kind}`;
    let id = this.shared.get(key);
    if (!id) {
      id = this.create(org, kind);
      this.shared.set(key, id);
    }
    return id;
  }

  async create(org: OrgKey, kind: RecordKind): Promise<string> {
    const o = this.orgs[org];
    switch (kind) {
      case 'organisation':
        return o.organisationId;
      case 'unit':
        return o.unitId;
      case 'user':
        return o.userId;
      case 'beneficiary':
        return this.post(o.token, '/beneficiaries', {
          givenName: 'Matrix',
          familyName: `Person ${this.unique()}`,
          sex: 'female',
          dateOfBirth: '1990',
          registeredUnitId: o.unitId,
          documents: [{ type: DocumentType.TrForeignerId, number: this.foreignerId() }],
        });
      case 'document':
        return this.post(o.token, `/beneficiaries/${await this.get(org, 'beneficiary')}/documents`, {
          type: DocumentType.TrForeignerId,
          number: this.foreignerId(),
        });
      case 'household':
        return this.post(o.token, '/households', {
          registeredUnitId: o.unitId,
          members: [{ beneficiaryId: await this.create(org, 'beneficiary'), relationship: 'head' }],
        });
      case 'membership': {
        const household = await this.get(org, 'household');
        const beneficiaryId = await this.create(org, 'beneficiary');
        await this.post(o.token, `/households/${household}/members`, {
          beneficiaryId,
          relationship: 'child',
        });
        const rows: { id: string }[] = await this.t.dataSource.query(
          `SELECT id FROM household_memberships WHERE beneficiary_id = $1 AND ended_on IS NULL`,
          [beneficiaryId],
        );
        return rows[0].id;
      }
      case 'consent':
        return this.post(o.token, `/beneficiaries/${await this.get(org, 'beneficiary')}/consents`, {
          purpose: 'assistance',
          scope: ['identity', 'contact'],
          decision: 'given',
          decidedOn: daysFromToday(),
        });
      case 'case':
        // A fresh person each time: only one case of a type may be open per person.
        return this.post(o.token, '/cases', {
          beneficiaryId: await this.create(org, 'beneficiary'),
          type: 'protection',
          unitId: o.unitId,
          riskLevel: 'medium',
        });
      case 'follow_up':
        return this.post(o.token, `/cases/${await this.get(org, 'case')}/follow-ups`, {
          description: 'Call back about the appointment',
          dueOn: daysFromToday(),
        });
      case 'goal':
        return this.post(o.token, `/cases/${await this.get(org, 'case')}/goals`, {
          description: 'Enrol the children in school',
        });
      case 'service_type':
        return this.post(this.adminToken(), '/service-types', {
          unitId: o.unitId,
          name: `Matrix service ${this.unique()}`,
        });
      case 'delivery':
        return this.post(o.token, '/service-deliveries', {
          beneficiaryId: await this.get(org, 'beneficiary'),
          serviceTypeId: await this.get(org, 'service_type'),
          deliveredOn: daysFromToday(),
        });
      case 'referral':
        // Within the organisation, unit to unit: its supervisor sends and receives.
        return this.post(o.token, '/referrals', {
          beneficiaryId: await this.get(org, 'beneficiary'),
          fromUnitId: o.unitId,
          toUnitId: o.unitId,
          serviceTypeId: await this.get(org, 'service_type'),
          reason: 'Needs counselling',
          urgency: 'normal',
          sharedFields: ['sex'],
        });
      case 'aid_item':
        return this.post(this.adminToken(), '/aid-items', {
          organisationId: o.organisationId,
          name: `Matrix parcel ${this.unique()}`,
          category: 'food_parcel',
          kind: 'in_kind',
          unit: 'parcel',
        });
      case 'round':
        return this.post(this.adminToken(), '/distribution-rounds', {
          organisationId: o.organisationId,
          name: `Matrix round ${this.unique()}`,
          startsOn: daysFromToday(-30),
          endsOn: daysFromToday(30),
          locations: ['Centre'],
          items: [
            { aidItemId: await this.get(org, 'aid_item'), countedPer: 'person', quantityPerReceipt: 1 },
          ],
        });
      case 'distribution':
        // A new person each time: no rule of the round refuses a first receipt.
        return this.post(
          o.token,
          '/distributions',
          {
            roundId: await this.get(org, 'round'),
            aidItemId: await this.get(org, 'aid_item'),
            beneficiaryId: await this.create(org, 'beneficiary'),
            location: 'Centre',
          },
          { 'Idempotency-Key': `matrix-${this.unique()}` },
        );
      case 'flag': {
        // Flags are raised by the duplicate-aid scan, never through the API: one on a record of the organisation.
        const recordId = await this.create(org, 'distribution');
        const rows: { id: string }[] = await this.t.dataSource.query(
          `INSERT INTO duplicate_aid_flags (conflict_key, rule, category, subject_type, amount, status)
           VALUES ($1, 'min_days_between', 'food_parcel', 'person', 1, 'open') RETURNING id`,
          [`matrix:${this.unique()}`],
        );
        await this.t.dataSource.query(
          `INSERT INTO duplicate_aid_flag_records (flag_id, record_id, organisation_id) VALUES ($1, $2, $3)`,
          [rows[0].id, recordId, o.organisationId],
        );
        return rows[0].id;
      }
      case 'notification':
        // Notifications are made by the system, never through the API: one for a user of the organisation.
        return this.notificationFor(o.userId);
      case 'accepted_referral': {
        const id = await this.create(org, 'referral');
        const res = await this.t
          .http()
          .post(`${API}/referrals/${id}/transitions`)
          .set('Authorization', `Bearer ${o.token}`)
          .send({ to: 'accepted' });
        if (res.status !== 200)
          throw new Error(`accepting a referral: ${res.status} ${JSON.stringify(res.body)}`);
        return id;
      }
    }
  }

  /** An unread notification of the user, about a referral that need not exist. */
  async notificationFor(userId: string): Promise<string> {
    const rows: { id: string }[] = await this.t.dataSource.query(
      `INSERT INTO notifications (user_id, kind, subject_type, subject_id, data, dedupe_key, email_status)
       VALUES ($1, 'referral_received', 'referral', gen_random_uuid(), '{}', $2, 'not_applicable')
       RETURNING id`,
      [userId, `matrix:${this.unique()}`],
    );
    return rows[0].id;
  }

  /** A case's current status, for bodies that must pick a valid transition. */
  async caseStatus(caseId: string): Promise<string> {
    const rows: { status: string }[] = await this.t.dataSource.query(
      `SELECT status FROM case_files WHERE id = $1`,
      [caseId],
    );
    return rows[0].status;
  }

  unique(): string {
    return `${this.run}-${++this.counter}`;
  }

  foreignerId(): string {
    return randomDocumentNumber(DocumentType.TrForeignerId, Math.random);
  }

  private async post(
    token: string,
    path: string,
    body: object,
    headers: Record<string, string> = {},
  ): Promise<string> {
    const res = await this.t
      .http()
      .post(`${API}${path}`)
      .set({ ...headers, Authorization: `Bearer ${token}` })
      .send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { id: string }).id;
  }
}
