import {
  randomDocumentNumber,
  turkishIdCheckDigits,
} from '../../src/beneficiaries/documents/document-number';
import { DocumentType } from '../../src/beneficiaries/documents/document-type';
import type { Api } from '../utils/admin';
import type { TestApp } from '../utils/test-app';

/** A valid Turkish foreigner identity number (99..., correct check digits), random. */
export function foreignerId(): string {
  return randomDocumentNumber(DocumentType.TrForeignerId, Math.random);
}

/** A foreigner identity number whose 11th digit is wrong (the first ten are right). */
export function foreignerIdWithWrongLastDigit(): string {
  const valid = foreignerId();
  return valid.slice(0, 10) + String((Number(valid[10]) + 1) % 10);
}

/** A foreigner identity number whose 10th digit is wrong, the 11th consistent with it. */
export function foreignerIdWithWrongTenthDigit(): string {
  const firstNine = foreignerId().slice(0, 9);
  const d10 = (Number(turkishIdCheckDigits(firstNine)[0]) + 1) % 10;
  const d11 = [...(firstNine + d10)].reduce((s, d) => s + Number(d), 0) % 10;
  return `${firstNine}${d10}${d11}`;
}

/** A Turkish mobile number in E.164 form, random. */
export function turkishMobile(): string {
  return `+90532${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
}

/** A registration body with synthetic values; `overrides` replace or (with undefined) drop fields. */
export function beneficiaryBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    givenName: 'Amina',
    familyName: 'Testperson',
    sex: 'female',
    dateOfBirth: '1990',
    nationality: 'SY',
    languages: ['ar', 'tr'],
    phones: [turkishMobile()],
    district: 'Sultanbeyli',
    legalStatus: 'temporary_protection',
    documents: [{ type: DocumentType.TrForeignerId, number: foreignerId() }],
    ...overrides,
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

/** Registers a person through the API and returns the created record (fails the test otherwise). */
export async function registerBeneficiary(api: Api, overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await api.post('/beneficiaries', beneficiaryBody(overrides));
  if (res.status !== 201) {
    throw new Error(`beneficiary not registered: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/** Puts a person in a (new) household with `others` already there, straight in the tables. */
export async function insertHousehold(
  t: TestApp,
  head: string,
  others: string[],
  opts: { endedMembers?: string[] } = {},
): Promise<string> {
  const [{ id: householdId }]: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO households (organisation_id, registered_unit_id, created_by_user_id)
     SELECT b.organisation_id, b.registered_unit_id, b.registered_by_user_id FROM beneficiaries b WHERE b.id = $1
     RETURNING id`,
    [head],
  );
  const member = (beneficiaryId: string, relationship: string, ended: boolean) =>
    t.dataSource.query(
      `INSERT INTO household_memberships (organisation_id, household_id, beneficiary_id, relationship,
                                          started_on, ended_on, exit_reason, created_by_user_id)
       SELECT b.organisation_id, $1, b.id, $3, '2020-01-01',
              CASE WHEN $4 THEN '2021-01-01'::date END, CASE WHEN $4 THEN 'moved_away' END,
              b.registered_by_user_id
         FROM beneficiaries b WHERE b.id = $2`,
      [householdId, beneficiaryId, relationship, ended],
    );
  await member(head, 'head', false);
  for (const other of others) await member(other, 'child', false);
  for (const ended of opts.endedMembers ?? []) await member(ended, 'other_relative', true);
  return householdId;
}

/** The audit events about a record, oldest first. */
export function auditEventsOf(
  t: TestApp,
  entityId: string,
): Promise<Array<{ action: string; fields_read: string[] | null; changes: any; actor_user_id: string }>> {
  return t.dataSource.query(
    `SELECT action, fields_read, changes, actor_user_id FROM audit_events WHERE entity_id = $1 ORDER BY id`,
    [entityId],
  );
}
