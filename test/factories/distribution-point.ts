import { uniqueSuffix, type Api } from '../utils/admin';
import type { TestApp } from '../utils/test-app';
import { foreignerId, turkishMobile } from './beneficiaries';

/*
 * Factories for the distribution point: people registered through the API (so that search finds
 * them by document, phone and name), and earlier receipts inserted straight into the database (the
 * live rule check is tested in distributions.e2e-spec.ts; here only what the point reads matters).
 */

export interface PointPerson {
  id: string;
  givenName: string;
  familyName: string;
  fatherName: string;
  document: string;
  phone: string;
}

/** Made-up letters-only names, unique per call, so that a name search finds exactly this person. */
function syntheticName(prefix: string): string {
  const letters = 'bcdfghklmnprstvz';
  const vowels = 'aeiou';
  let name = prefix;
  for (const byte of uniqueSuffix()) {
    const n = parseInt(byte, 16);
    name += letters[n] + vowels[n % 5];
  }
  return name;
}

/** Registers a synthetic person through POST /beneficiaries, with a foreigner id and a phone. */
export async function registerPointPerson(
  registrar: Api,
  unitId: string,
  o: { district?: string; vulnerabilities?: string[]; legalStatus?: string } = {},
): Promise<PointPerson> {
  const person = {
    givenName: syntheticName('Za'),
    familyName: syntheticName('Qo'),
    fatherName: syntheticName('Mu'),
    document: foreignerId(),
    phone: turkishMobile(),
  };
  const res = await registrar.post('/beneficiaries', {
    givenName: person.givenName,
    familyName: person.familyName,
    fatherName: person.fatherName,
    sex: 'female',
    registeredUnitId: unitId,
    phones: [person.phone],
    district: o.district ?? 'Sultanbeyli',
    vulnerabilities: o.vulnerabilities ?? [],
    ...(o.legalStatus ? { legalStatus: o.legalStatus } : {}),
    documents: [{ type: 'tr_foreigner_id', number: person.document }],
  });
  if (res.status !== 201) throw new Error(`person not registered: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: (res.body as { id: string }).id, ...person };
}

export interface ReceiptRow {
  organisationId: string;
  roundId: string;
  aidItemId: string;
  beneficiaryId: string;
  distributedOn: string;
  recordedByUserId: string;
  location?: string;
}

/** An earlier receipt of a round item, inserted as it was recorded; returns its id. */
export async function insertReceipt(t: TestApp, r: ReceiptRow): Promise<string> {
  const rows: Array<{ id: string }> = await t.dataSource.query(
    `INSERT INTO distribution_records (organisation_id, round_id, round_item_id, aid_item_id, beneficiary_id,
                                       quantity, distributed_on, location, source, recorded_by_user_id)
     SELECT $1, $2, ri.id, $3, $4, ri.quantity_per_receipt, $5, $6, 'live', $7
       FROM distribution_round_items ri WHERE ri.round_id = $2 AND ri.aid_item_id = $3
     RETURNING id`,
    [
      r.organisationId,
      r.roundId,
      r.aidItemId,
      r.beneficiaryId,
      r.distributedOn,
      r.location ?? 'Centre',
      r.recordedByUserId,
    ],
  );
  if (!rows[0]) throw new Error('no such round item');
  return rows[0].id;
}

/** Voids a receipt: it no longer counts. */
export async function voidReceipt(t: TestApp, recordId: string, voidedByUserId: string): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO distribution_voids (record_id, reason, voided_by_user_id) VALUES ($1, 'Recorded twice', $2)`,
    [recordId, voidedByUserId],
  );
}

/** Parses CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CSV rows as objects keyed by the header line. */
export function csvRecords(text: string): { header: string[]; records: Array<Record<string, string>> } {
  const [header, ...rows] = parseCsv(text);
  return {
    header,
    records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))),
  };
}
