import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BeneficiariesRepository } from '../../beneficiaries/beneficiaries.repository';
import { BeneficiariesService } from '../../beneficiaries/beneficiaries.service';
import { BeneficiaryMinimalDto } from '../../beneficiaries/dto/beneficiary-response.dto';
import { ListBeneficiariesQuery } from '../../beneficiaries/dto/list-beneficiaries-query.dto';
import { HouseholdsRepository } from '../../beneficiaries/households/households.repository';
import { AccessService } from '../../auth/access/access.service';
import { Resource } from '../../auth/access/scope-rules';
import type { AuthUser } from '../../auth/auth-user';
import { BadRequestError, BusinessRuleError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { utcToday } from '../../common/validation/field-rules';
import { EntitlementService } from '../records/entitlement.service';
import { DistributionRecordsRepository } from '../records/distribution-records.repository';
import { RoundItemWithRule, RoundsRepository } from '../rounds/rounds.repository';
import { DistributionPointRepository } from './distribution-point.repository';
import {
  ConflictingReceiptDto,
  DistributionPointLookupDto,
  DistributionPointLookupQuery,
  DistributionPointPersonDto,
} from './dto/distribution-point.dto';

/** A lookup answers for at most this many people: a distribution point looks for one person or family. */
export const LOOKUP_LIMIT = 20;

/**
 * The distribution point's lookup: people found by document, phone, name or household, in the
 * minimal projection, each with "entitled now" or "not before DATE because RULE" for a round and
 * item. Reads only: the answer is advice, POST /distributions decides under its locks.
 */
@Injectable()
export class DistributionPointService {
  constructor(
    private readonly dataSource: DataSource,
    readonly point: DistributionPointRepository,
    readonly rounds: RoundsRepository,
    readonly records: DistributionRecordsRepository,
    private readonly beneficiaries: BeneficiariesService,
    private readonly beneficiaryRecords: BeneficiariesRepository,
    private readonly households: HouseholdsRepository,
    private readonly entitlement: EntitlementService,
    private readonly access: AccessService,
  ) {}

  async lookup(user: AuthUser, query: DistributionPointLookupQuery): Promise<DistributionPointLookupDto> {
    if ((query.q === undefined) === (query.householdId === undefined)) {
      const problem = query.q === undefined ? 'qOrHouseholdIdRequired' : 'notWithHouseholdId';
      throw new BadRequestError(ErrorCode.ValidationFailed, 'Give either q or householdId', {
        q: [problem],
        householdId: [problem],
      });
    }
    const em = this.dataSource.manager;
    await roundItemOf(this, em, user, query.roundId, query.aidItemId);
    const on = query.on ?? utcToday();
    const { people, more } =
      query.q !== undefined
        ? await this.search(user, query.q)
        : await this.householdMembers(em, user, query.householdId!);

    // One person after the other: each answer is a few indexed reads, and a lookup should not
    // take more than its share of the connection pool.
    const answers = [];
    for (const person of people) {
      const answer = await this.entitlement.evaluate(em, {
        beneficiaryId: person.id,
        roundId: query.roundId,
        aidItemId: query.aidItemId,
        on,
      });
      answers.push({ person, answer });
    }
    const visible = await this.visibleReceipts(
      em,
      user,
      answers.flatMap(({ answer }) => answer?.refusals.flatMap((r) => r.conflictingRecordIds) ?? []),
    );
    const items: DistributionPointPersonDto[] = answers
      .filter(({ answer }) => answer !== null)
      .map(({ person, answer }) => {
        return {
          ...person,
          entitlement: {
            eligible: answer!.eligible,
            eligibilityProblems: answer!.eligibilityProblems,
            entitled: answer!.entitled,
            entitledFrom: answer!.entitled ? null : answer!.entitledFrom,
            refusals: answer!.refusals.map((r) => ({
              rule: r.rule,
              entitledFrom: r.entitledFrom,
              conflictingRecords: r.conflictingRecordIds
                .map((id) => visible.get(id))
                .filter((c): c is ConflictingReceiptDto => c !== undefined),
            })),
          },
        };
      });
    return { roundId: query.roundId, aidItemId: query.aidItemId, on, items, more };
  }

  /** The best matches of a search, as GET /beneficiaries?q= finds them in the caller's scope. */
  private async search(user: AuthUser, q: string): Promise<People> {
    const page = await this.beneficiaries.list(
      user,
      Object.assign(new ListBeneficiariesQuery(), { q, limit: LOOKUP_LIMIT }),
    );
    return { people: page.items.map(minimal), more: page.nextCursor !== undefined };
  }

  /** A household's current members the caller may see; a household out of scope is not found. */
  private async householdMembers(em: EntityManager, user: AuthUser, householdId: string): Promise<People> {
    await this.access.requireAccess(user, Resource.Household, householdId, 'read', em);
    const qb = this.households.currentMembersQuery(em, householdId).limit(LOOKUP_LIMIT + 1);
    const members = await this.access.applyScope(qb, user, Resource.Beneficiary, 'b').getMany();
    const ids = members.slice(0, LOOKUP_LIMIT).map((m) => m.beneficiaryId);
    const [names, extras] = await Promise.all([
      this.point.namesOf(em, ids),
      this.beneficiaryRecords.projectionExtrasOf(em, ids),
    ]);
    return {
      people: names.map((n) => minimal({ ...n, ...extras.get(n.id)! })),
      more: members.length > LOOKUP_LIMIT,
    };
  }

  /** The receipts among `ids` the caller may read, by id. */
  private async visibleReceipts(
    em: EntityManager,
    user: AuthUser,
    ids: readonly string[],
  ): Promise<Map<string, ConflictingReceiptDto>> {
    const allowed = await this.access.allowedIds(user, Resource.DistributionRecord, ids, 'read', em);
    const rows = await this.point.conflictingRecords(em, [...allowed]);
    return new Map(rows.map((r) => [r.id, r]));
  }
}

interface People {
  people: BeneficiaryMinimalDto[];
  more: boolean;
}

/** Only the minimal projection, whatever else the caller could read. */
function minimal(p: BeneficiaryMinimalDto): BeneficiaryMinimalDto {
  return {
    id: p.id,
    givenName: p.givenName,
    familyName: p.familyName,
    fatherName: p.fatherName,
    motherName: p.motherName,
    nameArabic: p.nameArabic,
    documents: p.documents.map((d) => ({ type: d.type, number: d.number })),
    householdId: p.householdId,
    householdSize: p.householdSize,
  };
}

/**
 * The round item a request names. The round and the item come from the caller's own catalogue,
 * so a round or item of another organisation is answered like one that does not exist: a 422
 * naming the field.
 */
export async function roundItemOf(
  repos: {
    point: DistributionPointRepository;
    rounds: RoundsRepository;
    records: DistributionRecordsRepository;
  },
  em: EntityManager,
  user: AuthUser,
  roundId: string,
  aidItemId: string,
  unknownRound: () => Error = () =>
    new BusinessRuleError(ErrorCode.ReferencedRecordNotFound, 'No such distribution round', {
      roundId: ['notFound'],
    }),
): Promise<RoundItemWithRule> {
  const item = await repos.rounds.findRoundItem(em, roundId, aidItemId);
  if (item && item.organisationId === user.organisationId) return item;
  if ((await repos.records.roundOrganisation(em, roundId)) !== user.organisationId) throw unknownRound();
  const exists = await repos.point.aidItemExists(em, user.organisationId, aidItemId);
  throw new BusinessRuleError(
    ErrorCode.ReferencedRecordNotFound,
    exists ? 'The aid item is not an item of the round' : 'No such aid item',
    { aidItemId: [exists ? 'notInRound' : 'notFound'] },
  );
}
