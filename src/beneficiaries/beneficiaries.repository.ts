import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DocumentType } from './documents/document-type';
import { Beneficiary, SENSITIVE_BENEFICIARY_FIELDS } from './entities/beneficiary.entity';
import { IdentityDocument } from './entities/identity-document.entity';

/** What other modules need to know of a person to link a record to them and check its organisation. */
export interface BeneficiaryRef {
  id: string;
  organisationId: string;
  registeredUnitId: string;
}

/** A person's current household and its size (current members), or nulls. */
export interface HouseholdOfBeneficiary {
  householdId: string | null;
  householdSize: number | null;
}

/** The columns the lists show, beside the names. */
export interface DocumentRef {
  type: DocumentType;
  number: string;
}

export interface ProjectionExtras extends HouseholdOfBeneficiary {
  documents: DocumentRef[];
}

/** A document to insert, already normalised and checked. */
export type NewDocument = Pick<
  IdentityDocument,
  'type' | 'number' | 'issuingCountry' | 'issuedOn' | 'expiresOn'
>;

export type NewBeneficiary = Omit<Beneficiary, 'id' | 'createdAt' | 'updatedAt'>;

/** The fields an update may change. */
export type BeneficiaryPatch = Partial<
  Omit<
    Beneficiary,
    'id' | 'organisationId' | 'registeredUnitId' | 'registeredByUserId' | 'createdAt' | 'updatedAt'
  >
>;

const SENSITIVE_SELECTS = SENSITIVE_BENEFICIARY_FIELDS.map((f) => `b.${f}`);

/**
 * Reads and writes of people and their identity documents. Scope is checked by the callers
 * (AccessService); search queries live in beneficiary-search.ts.
 */
@Injectable()
export class BeneficiariesRepository {
  /** Without the sensitive columns unless asked for. */
  async find(em: EntityManager, id: string, opts: { sensitive?: boolean } = {}): Promise<Beneficiary | null> {
    const qb = em.createQueryBuilder(Beneficiary, 'b').where('b.id = :id', { id });
    if (opts.sensitive) qb.addSelect(SENSITIVE_SELECTS);
    return qb.getOne();
  }

  /** Locked until commit, with the sensitive columns when an update changes them. */
  findForUpdate(
    em: EntityManager,
    id: string,
    opts: { sensitive?: boolean } = {},
  ): Promise<Beneficiary | null> {
    const qb = em
      .createQueryBuilder(Beneficiary, 'b')
      .where('b.id = :id', { id })
      .setLock('pessimistic_write');
    if (opts.sensitive) qb.addSelect(SENSITIVE_SELECTS);
    return qb.getOne();
  }

  /** For other modules: the organisation and registering unit of each of `ids` that exists. */
  async refsOf(em: EntityManager, ids: readonly string[]): Promise<Map<string, BeneficiaryRef>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await em
      .createQueryBuilder(Beneficiary, 'b')
      .select('b.id', 'id')
      .addSelect('b.organisationId', 'organisationId')
      .addSelect('b.registeredUnitId', 'registeredUnitId')
      .where('b.id IN (:...ids)', { ids: unique })
      .getRawMany<BeneficiaryRef>();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Inserts the person and returns the generated id and timestamps. */
  async insert(
    em: EntityManager,
    values: NewBeneficiary,
  ): Promise<{ id: string; createdAt: Date; updatedAt: Date }> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(Beneficiary)
      .values(values)
      .returning('id, created_at, updated_at')
      .execute();
    const row = (result.raw as Array<{ id: string; created_at: Date; updated_at: Date }>)[0];
    return { id: row.id, createdAt: row.created_at, updatedAt: row.updated_at };
  }

  /** Applies the patch and returns the new `updatedAt`. */
  async update(em: EntityManager, id: string, patch: BeneficiaryPatch): Promise<Date> {
    const result = await em
      .createQueryBuilder()
      .update(Beneficiary)
      .set(patch)
      .where('id = :id', { id })
      .returning('updated_at')
      .execute();
    return (result.raw as Array<{ updated_at: Date }>)[0].updated_at;
  }

  /**
   * Inserts the documents that no one in the organisation holds yet. The unique index
   * uq_identity_documents_number decides: a document whose type and number are taken, even by a
   * transaction that commits while this one waits, is skipped, and its index in `documents` is
   * returned in `taken`.
   */
  async insertDocuments(
    em: EntityManager,
    owner: { beneficiaryId: string; organisationId: string; createdByUserId: string },
    documents: readonly NewDocument[],
  ): Promise<{ inserted: IdentityDocument[]; taken: number[] }> {
    if (!documents.length) return { inserted: [], taken: [] };
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(IdentityDocument)
      .values(documents.map((d) => ({ ...d, ...owner })))
      .orIgnore()
      .returning('id, type, number, created_at')
      .execute();
    const rows = result.raw as Array<{ id: string; type: DocumentType; number: string; created_at: Date }>;
    const inserted: IdentityDocument[] = [];
    const taken: number[] = [];
    documents.forEach((d, i) => {
      const row = rows.find((r) => r.type === d.type && r.number === d.number);
      if (!row) {
        taken.push(i);
        return;
      }
      inserted.push(
        Object.assign(new IdentityDocument(), {
          ...d,
          ...owner,
          id: row.id,
          createdAt: row.created_at,
        }),
      );
    });
    return { inserted, taken };
  }

  /** Who holds a document number of a type in the organisation, committed. */
  async documentHolder(
    em: EntityManager,
    organisationId: string,
    type: DocumentType,
    number: string,
  ): Promise<string | null> {
    const row = await em
      .createQueryBuilder(IdentityDocument, 'd')
      .select('d.beneficiaryId', 'beneficiaryId')
      .where('d.organisationId = :organisationId AND d.type = :type AND d.number = :number', {
        organisationId,
        type,
        number,
      })
      .getRawOne<{ beneficiaryId: string }>();
    return row?.beneficiaryId ?? null;
  }

  /** A person's documents, oldest first. */
  documentsOf(em: EntityManager, beneficiaryId: string): Promise<IdentityDocument[]> {
    return em
      .createQueryBuilder(IdentityDocument, 'd')
      .where('d.beneficiaryId = :beneficiaryId', { beneficiaryId })
      .orderBy('d.createdAt', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .getMany();
  }

  /** The document, locked until commit so that it is deleted once. */
  findDocumentForUpdate(em: EntityManager, id: string): Promise<IdentityDocument | null> {
    return em.findOne(IdentityDocument, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The person a document belongs to, without locking: for the scope check. */
  async documentOwner(em: EntityManager, id: string): Promise<string | null> {
    const row = await em
      .createQueryBuilder(IdentityDocument, 'd')
      .select('d.beneficiaryId', 'beneficiaryId')
      .where('d.id = :id', { id })
      .getRawOne<{ beneficiaryId: string }>();
    return row?.beneficiaryId ?? null;
  }

  async deleteDocument(em: EntityManager, id: string): Promise<void> {
    await em.delete(IdentityDocument, { id });
  }

  /** The person's current household and the number of its current members. */
  async householdOf(em: EntityManager, beneficiaryId: string): Promise<HouseholdOfBeneficiary> {
    const rows: Array<{ household_id: string; household_size: number }> = await em.query(
      `SELECT m.household_id,
              (SELECT count(*)::int FROM household_memberships x
                WHERE x.household_id = m.household_id AND x.ended_on IS NULL) AS household_size
         FROM household_memberships m
        WHERE m.beneficiary_id = $1 AND m.ended_on IS NULL`,
      [beneficiaryId],
    );
    const row = rows[0];
    return row
      ? { householdId: row.household_id, householdSize: row.household_size }
      : { householdId: null, householdSize: null };
  }

  /**
   * For a page of people, in one query: each one's documents (type and number, oldest first) and
   * current household with its size.
   */
  async projectionExtrasOf(
    em: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, ProjectionExtras>> {
    if (!ids.length) return new Map();
    const rows: Array<{
      id: string;
      documents: DocumentRef[];
      household_id: string | null;
      household_size: number | null;
    }> = await em.query(
      `SELECT p.id,
              coalesce((SELECT json_agg(json_build_object('type', d.type, 'number', d.number)
                                        ORDER BY d.created_at, d.id)
                          FROM identity_documents d WHERE d.beneficiary_id = p.id), '[]') AS documents,
              m.household_id,
              CASE WHEN m.household_id IS NULL THEN NULL ELSE
                (SELECT count(*)::int FROM household_memberships x
                  WHERE x.household_id = m.household_id AND x.ended_on IS NULL) END AS household_size
         FROM unnest($1::uuid[]) AS p(id)
         LEFT JOIN household_memberships m ON m.beneficiary_id = p.id AND m.ended_on IS NULL`,
      [ids],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { documents: r.documents, householdId: r.household_id, householdSize: r.household_size },
      ]),
    );
  }
}
