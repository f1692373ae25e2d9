import { Injectable } from '@nestjs/common';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AccessService } from '../../auth/access/access.service';
import { Resource } from '../../auth/access/scope-rules';
import type { AuthUser } from '../../auth/auth-user';
import { utcToday } from '../../common/validation/field-rules';
import { BirthDatePrecision, LegalStatus, Sex, Vulnerability } from '../beneficiary-codes';
import type { ListBeneficiariesQuery } from '../dto/list-beneficiaries-query.dto';
import { Beneficiary } from '../entities/beneficiary.entity';
import { keyStrength, strongestKey } from '../names/name-matching';
import { birthDateBounds, type Candidate, nextDay, type SearchPlan } from './search-plan';

/**
 * How many people a `q` search ranks at most. The SQL keeps this many, best tiers first, and
 * TypeScript then ranks them precisely. Enough for any search a person pages through.
 */
export const CANDIDATE_CAP = 200;

/** How a candidate was found; see BeneficiarySearch.tiers. */
type Tier = 'document' | 'phone' | 'exact' | 'family' | 'any';

/** A person as lists show them: the summary columns, never the sensitive ones. */
export interface SearchRow extends Candidate {
  sex: Sex;
  dateOfBirth: string | null;
  birthDatePrecision: BirthDatePrecision | null;
  nationality: string | null;
  district: string | null;
  legalStatus: LegalStatus | null;
  vulnerabilities: Vulnerability[];
  registeredUnitId: string;
  createdAt: Date;
  /** `created_at` to the microsecond, for the keyset cursor (a Date keeps milliseconds only). */
  createdAtKey: string;
}

/** Timestamps in the cursor of lists without `q`, exactly as `createdAtKey` writes them. */
export const CREATED_AT_KEY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z$/;

/**
 * The SQL of `GET /beneficiaries`. Every query carries the caller's scope (the same predicate as
 * single-record checks) and the filters in its WHERE clause, so that the database applies them to
 * the rows an index found, before any LIMIT.
 *
 * - Without `q`: newest registered first, keyset-paged by (created_at, id), which follows the
 *   index ix_beneficiaries_organisation_created.
 * - With `q`: a UNION ALL of one small query per way of matching (document number, phone,
 *   exact spellings, spelling families, any key), each stopped at the cap without sorting, under
 *   one LIMIT, so PostgreSQL runs the later ways only while the earlier ones leave room. Every
 *   way is an index condition (see `tiers`); the database reads about as many rows as the cap,
 *   not every person called Mohammed, and the summary columns are read for the kept ids only.
 */
@Injectable()
export class BeneficiarySearch {
  constructor(private readonly access: AccessService) {}

  /** A page (`limit + 1` rows) of the newest registered people after the cursor's position. */
  newest(
    em: EntityManager,
    user: AuthUser,
    query: ListBeneficiariesQuery,
    after: readonly [string, string] | undefined,
  ): Promise<SearchRow[]> {
    const qb = this.base(em, user, query)
      .addSelect('false', 'documentHit')
      .addSelect('false', 'phoneHit')
      .orderBy('b.created_at', 'DESC')
      .addOrderBy('b.id', 'DESC')
      .limit(query.limit + 1);
    if (after) {
      qb.andWhere('(b.created_at, b.id) < (:afterCreatedAt::timestamptz, :afterId::uuid)', {
        afterCreatedAt: after[0],
        afterId: after[1],
      });
    }
    return qb.getRawMany<SearchRow>();
  }

  /**
   * At most CANDIDATE_CAP people for the plan, best tiers first, and whether the cap cut any. A
   * person found several ways comes once, with every way flagged.
   */
  async candidates(
    em: EntityManager,
    user: AuthUser,
    query: ListBeneficiariesQuery,
    plan: SearchPlan,
  ): Promise<{ rows: SearchRow[]; capped: boolean }> {
    const tiers = this.tiers(em, user, query, plan);
    if (!tiers.length) return { rows: [], capped: false };
    const union = tiers.map((qb) => `(${qb.getQuery()})`).join(' UNION ALL ');
    const parameters = Object.assign({}, ...tiers.map((qb) => qb.getParameters())) as Record<string, unknown>;
    const run = (tx: EntityManager) =>
      this.summaryColumns(
        tx
          .createQueryBuilder()
          .from(`(SELECT u.id, u.tier FROM (${union}) u LIMIT ${CANDIDATE_CAP + 1})`, 'c')
          .innerJoin(Beneficiary, 'b', 'b.id = c.id'),
      )
        .addSelect('c.tier', 'tier')
        .setParameters(parameters)
        .getRawMany<SearchRow & { tier: Tier }>();
    // Document numbers and phones find a handful of people: no plan settings needed, and no
    // transaction to pay for. Name tiers may stop at the cap without sorting, so the rows they keep
    // are the first in scan order. Without parallel workers, and with bitmap scans over the
    // indexes instead of a sequential scan (which would also evaluate the scope predicate on every
    // row it passes), that order is the same on every call: the pages of one search agree.
    const raw = plan.name
      ? await em.transaction(async (tx) => {
          await tx.query(
            `SELECT set_config('max_parallel_workers_per_gather', '0', true),
                    set_config('enable_seqscan', 'off', true)`,
          );
          return run(tx);
        })
      : await run(em);
    const byId = new Map<string, SearchRow>();
    for (const { tier, ...row } of raw) {
      const seen = byId.get(row.id) ?? { ...row, documentHit: false, phoneHit: false };
      seen.documentHit ||= tier === 'document';
      seen.phoneHit ||= tier === 'phone';
      byId.set(row.id, seen);
    }
    return { rows: [...byId.values()].slice(0, CANDIDATE_CAP), capped: raw.length > CANDIDATE_CAP };
  }

  /**
   * The ways the plan can find people, best first, each a query of at most CANDIDATE_CAP + 1
   * ids with its own index condition, and the filters and scope:
   * - `document`: holders of the document number (ix_identity_documents_number, then the key);
   * - `phone`: `phones @>` (GIN ix_beneficiaries_phones);
   * - `exact`: every name token in its exact spelling (`name_keys @>`, GIN ix_beneficiaries_name_keys);
   * - `family`: every token at least in its spelling family, and not `exact`;
   * - `any`: every token by any of its keys (`name_keys && keys`, ANDed), and not `family`.
   * So the cap keeps exact spellings before family variants before mere skeleton matches
   * (Mahmoud for Mohammed), and the database reads only about as many rows as the cap.
   */
  private tiers(
    em: EntityManager,
    user: AuthUser,
    query: ListBeneficiariesQuery,
    plan: SearchPlan,
  ): SelectQueryBuilder<Beneficiary>[] {
    const tiers: SelectQueryBuilder<Beneficiary>[] = [];
    const tier = (name: Tier, condition: string, params: Record<string, unknown>) => {
      const qb = em
        .createQueryBuilder(Beneficiary, 'b')
        .select('b.id', 'id')
        .addSelect(`'${name}'`, 'tier')
        .where(condition, params);
      this.applyFilters(qb, query);
      tiers.push(this.access.applyScope(qb, user, Resource.Beneficiary, 'b').limit(CANDIDATE_CAP + 1));
    };
    if (plan.documentNumbers.length) {
      tier(
        'document',
        `b.id = ANY(ARRAY(SELECT d.beneficiary_id FROM identity_documents d
                           WHERE d.number = ANY(:documentNumbers::text[])))`,
        { documentNumbers: plan.documentNumbers },
      );
    }
    if (plan.phone) tier('phone', 'b.phones @> ARRAY[:phone::text]', { phone: plan.phone });
    const tokens = plan.name?.tokens ?? [];
    if (!tokens.length) return tiers;

    const params: Record<string, unknown> = {
      exactKeys: tokens.map((t) => strongestKey(t)),
    };
    tokens.forEach((t, i) => {
      params[`familyKeys${i}`] = t.keys.filter((k) => keyStrength(k) >= 2);
      params[`anyKeys${i}`] = t.keys;
    });
    const exact = 'b.name_keys @> :exactKeys::text[]';
    const family = tokens.map((_t, i) => `b.name_keys && :familyKeys${i}::text[]`).join(' AND ');
    const any = tokens.map((_t, i) => `b.name_keys && :anyKeys${i}::text[]`).join(' AND ');
    const hasFamilies = tokens.some((t) => t.keys.some((k) => keyStrength(k) === 2));
    const hasSkeletons = tokens.some((t) => t.keys.some((k) => keyStrength(k) === 1));
    tier('exact', exact, params);
    if (hasFamilies) tier('family', `${family} AND NOT ${exact}`, params);
    if (hasSkeletons) tier('any', `${any} AND NOT (${hasFamilies ? family : exact})`, params);
    return tiers;
  }

  /** The summary columns, the filters and the caller's scope. */
  private base(
    em: EntityManager,
    user: AuthUser,
    query: ListBeneficiariesQuery,
  ): SelectQueryBuilder<Beneficiary> {
    const qb = this.summaryColumns(em.createQueryBuilder(Beneficiary, 'b'));
    this.applyFilters(qb, query);
    return this.access.applyScope(qb, user, Resource.Beneficiary, 'b');
  }

  /** The columns of a SearchRow, from the beneficiary `b`. */
  private summaryColumns<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return qb
      .select('b.id', 'id')
      .addSelect('b.given_name', 'givenName')
      .addSelect('b.family_name', 'familyName')
      .addSelect('b.father_name', 'fatherName')
      .addSelect('b.mother_name', 'motherName')
      .addSelect('b.name_arabic', 'nameArabic')
      .addSelect('b.sex', 'sex')
      .addSelect('b.date_of_birth::text', 'dateOfBirth')
      .addSelect('b.birth_date_precision', 'birthDatePrecision')
      .addSelect('b.nationality', 'nationality')
      .addSelect('b.district', 'district')
      .addSelect('b.legal_status', 'legalStatus')
      .addSelect('b.vulnerabilities', 'vulnerabilities')
      .addSelect('b.registered_unit_id', 'registeredUnitId')
      .addSelect('b.created_at', 'createdAt')
      .addSelect(`to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'createdAtKey');
  }

  /** Each filter compares a column with a constant: no function per row. */
  private applyFilters(qb: SelectQueryBuilder<Beneficiary>, query: ListBeneficiariesQuery): void {
    if (query.district !== undefined) qb.andWhere('b.district = :district', { district: query.district });
    if (query.nationality !== undefined) {
      qb.andWhere('b.nationality = :nationality', { nationality: query.nationality });
    }
    if (query.sex !== undefined) qb.andWhere('b.sex = :sex', { sex: query.sex });
    if (query.legalStatus !== undefined) {
      qb.andWhere('b.legal_status = :legalStatus', { legalStatus: query.legalStatus });
    }
    if (query.vulnerability?.length) {
      qb.andWhere('b.vulnerabilities @> :vulnerabilities::text[]', { vulnerabilities: query.vulnerability });
    }
    const { bornOnOrBefore, bornAfter } = birthDateBounds(query.ageMin, query.ageMax, utcToday());
    if (bornOnOrBefore) qb.andWhere('b.date_of_birth <= :bornOnOrBefore::date', { bornOnOrBefore });
    if (bornAfter) qb.andWhere('b.date_of_birth > :bornAfter::date', { bornAfter });
    if (query.registeredFrom) {
      qb.andWhere('b.created_at >= :registeredFrom::timestamptz', {
        registeredFrom: `${query.registeredFrom}T00:00:00Z`,
      });
    }
    if (query.registeredTo) {
      qb.andWhere('b.created_at < :registeredBefore::timestamptz', {
        registeredBefore: `${nextDay(query.registeredTo)}T00:00:00Z`,
      });
    }
  }
}
