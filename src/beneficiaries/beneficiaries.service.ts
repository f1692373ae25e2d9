import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEntity } from '../audit/audit-action';
import { AuditService, diffForAudit } from '../audit/audit.service';
import { AccessService } from '../auth/access/access.service';
import { Resource } from '../auth/access/scope-rules';
import type { AuthUser } from '../auth/auth-user';
import { Permission } from '../auth/permissions';
import { BadRequestError, ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { parseCursor, toPage } from '../common/pagination/pagination';
import { definedFields } from '../common/defined';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import {
  type BeneficiaryPatch,
  BeneficiariesRepository,
  type HouseholdOfBeneficiary,
  type NewBeneficiary,
  type ProjectionExtras,
} from './beneficiaries.repository';
import { BirthDatePrecision } from './beneficiary-codes';
import { isYearOnly, storedBirthDate } from './dto/beneficiary-field-rules';
import {
  BeneficiaryFieldsDto,
  CreateBeneficiaryDto,
  UpdateBeneficiaryDto,
} from './dto/beneficiary-input.dto';
import {
  BeneficiaryListItemDto,
  BeneficiaryMinimalDto,
  BeneficiaryMinimalListItemDto,
  BeneficiaryPageDto,
  BeneficiaryResponseDto,
  BeneficiarySummaryDto,
  SearchMatchDto,
} from './dto/beneficiary-response.dto';
import { GetBeneficiaryQuery, ListBeneficiariesQuery } from './dto/list-beneficiaries-query.dto';
import { Beneficiary, SENSITIVE_BENEFICIARY_FIELDS } from './entities/beneficiary.entity';
import { IdentityDocument } from './entities/identity-document.entity';
import {
  addProblem,
  documentAddedEntries,
  IdentityDocumentsService,
  InputProblems,
  noProblems,
  normaliseDocuments,
  throwIfProblems,
  toIdentityDocumentResponse,
} from './identity-documents.service';
import { nameKeysOf } from './names/name-matching';
import { BeneficiarySearch, CREATED_AT_KEY, type SearchRow } from './search/beneficiary-search';
import { isEmptyPlan, planSearch, rankCandidates, rankedAfter } from './search/search-plan';
import { registeringUnit } from './registering-unit';

/**
 * Fields whose values never enter the audit log (only that they changed): names, contact and
 * address, dates that identify a person, free text and the sensitive fields. Codes (sex,
 * nationality, legal status, vulnerabilities, languages) keep their values.
 */
const PERSONAL_FIELDS = [
  'givenName',
  'familyName',
  'fatherName',
  'motherName',
  'nameArabic',
  'dateOfBirth',
  'phones',
  'addressLine',
  'neighbourhood',
  'district',
  'province',
  'arrivalDate',
  'notes',
  ...SENSITIVE_BENEFICIARY_FIELDS,
] as const;

const NAME_FIELDS = ['givenName', 'familyName', 'fatherName', 'motherName', 'nameArabic'] as const;

/** Optional fields that are lists: `null` in an update clears them to an empty list. */
const LIST_FIELDS = ['languages', 'phones', 'vulnerabilities'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** People: registration, reading in the caller's projection, update and search. */
@Injectable()
export class BeneficiariesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly beneficiaries: BeneficiariesRepository,
    private readonly search: BeneficiarySearch,
    private readonly organisations: OrganisationsRepository,
    private readonly documents: IdentityDocumentsService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(user: AuthUser, dto: CreateBeneficiaryDto): Promise<BeneficiaryResponseDto> {
    requireSensitivePermissionToWrite(user, dto);
    const problems = noProblems();
    const birth = birthDateOf(dto.dateOfBirth, dto.birthDatePrecision, undefined, problems);
    checkArrival(dto.arrivalDate ?? null, birth, problems);
    const documents = normaliseDocuments(dto.documents ?? [], (i) => `documents.${i}.`, problems);
    throwIfProblems(problems);

    return this.dataSource.transaction(async (em) => {
      const registeredUnitId = await registeringUnit(this.organisations, em, user, dto.registeredUnitId);
      const values: NewBeneficiary = {
        organisationId: user.organisationId,
        registeredUnitId,
        registeredByUserId: user.id,
        givenName: dto.givenName,
        familyName: dto.familyName ?? null,
        fatherName: dto.fatherName ?? null,
        motherName: dto.motherName ?? null,
        nameArabic: dto.nameArabic ?? null,
        nameKeys: [],
        sex: dto.sex,
        dateOfBirth: birth.dateOfBirth ?? null,
        birthDatePrecision: birth.birthDatePrecision ?? null,
        nationality: dto.nationality ?? null,
        languages: dto.languages ?? [],
        phones: dto.phones ?? [],
        addressLine: dto.addressLine ?? null,
        neighbourhood: dto.neighbourhood ?? null,
        district: dto.district ?? null,
        province: dto.province ?? null,
        arrivalDate: dto.arrivalDate ?? null,
        legalStatus: dto.legalStatus ?? null,
        vulnerabilities: dto.vulnerabilities ?? [],
        notes: dto.notes ?? null,
        healthConditions: dto.healthConditions ?? null,
        protectionConcerns: dto.protectionConcerns ?? null,
        ethnicity: dto.ethnicity ?? null,
        religion: dto.religion ?? null,
      };
      values.nameKeys = nameKeysOf(values);
      const generated = await this.beneficiaries.insert(em, values);
      const beneficiary = Object.assign(new Beneficiary(), values, generated);
      const inserted = await this.documents.register(
        em,
        user,
        { beneficiaryId: beneficiary.id, organisationId: beneficiary.organisationId },
        documents,
        (i) => `documents.${i}.`,
      );
      const recorded = Object.fromEntries(
        Object.entries(values).filter(
          ([key, v]) =>
            v !== null &&
            !(Array.isArray(v) && !v.length) &&
            !['organisationId', 'registeredByUserId', 'nameKeys'].includes(key),
        ),
      );
      await this.audit.recordMany(em, user, [
        {
          action: AuditAction.BeneficiaryCreated,
          entityType: AuditEntity.Beneficiary,
          entityId: beneficiary.id,
          organisationId: beneficiary.organisationId,
          changes: {
            ...diffForAudit<Record<string, unknown>>({}, recorded, PERSONAL_FIELDS),
            ...(inserted.length ? { documents: { to: inserted.map((d) => d.type) } } : {}),
          },
        },
        ...documentAddedEntries(inserted),
      ]);
      return toFullResponse(beneficiary, inserted, { householdId: null, householdSize: null });
    });
  }

  /**
   * One person in the caller's projection. With `includeSensitive`, the sensitive fields too:
   * that read and its audit event share one transaction, so an unaudited read cannot happen.
   */
  async get(
    user: AuthUser,
    id: string,
    query: GetBeneficiaryQuery,
  ): Promise<BeneficiaryResponseDto | BeneficiaryMinimalDto> {
    if (query.includeSensitive) {
      if (!user.permissions.has(Permission.BeneficiaryReadSensitive)) {
        throw new ForbiddenError('Reading the sensitive fields needs beneficiary.read_sensitive', {
          includeSensitive: ['beneficiary.read_sensitive'],
        });
      }
      return this.dataSource.transaction(async (em) => {
        await this.access.requireAccess(user, Resource.Beneficiary, id, 'read', em);
        const beneficiary = await this.beneficiaries.find(em, id, { sensitive: true });
        if (!beneficiary) throw new NotFoundError();
        await this.audit.record(em, user, {
          action: AuditAction.BeneficiarySensitiveRead,
          entityType: AuditEntity.Beneficiary,
          entityId: id,
          organisationId: beneficiary.organisationId,
          fieldsRead: SENSITIVE_BENEFICIARY_FIELDS,
        });
        return this.fullResponse(em, beneficiary, { sensitive: true });
      });
    }
    const em = this.dataSource.manager;
    await this.access.requireAccess(user, Resource.Beneficiary, id, 'read', em);
    const beneficiary = await this.beneficiaries.find(em, id);
    if (!beneficiary) throw new NotFoundError();
    if (!mayReadRecords(user)) {
      const extras = await this.beneficiaries.projectionExtrasOf(em, [id]);
      return toMinimal(beneficiary, extras.get(id)!);
    }
    return this.fullResponse(em, beneficiary);
  }

  async update(user: AuthUser, id: string, dto: UpdateBeneficiaryDto): Promise<BeneficiaryResponseDto> {
    requireSensitivePermissionToWrite(user, dto);
    const sent = definedFields(dto);
    const touchesSensitive = SENSITIVE_BENEFICIARY_FIELDS.some((f) => sent[f] !== undefined);
    return this.dataSource.transaction(async (em) => {
      await this.access.requireAccess(user, Resource.Beneficiary, id, 'write', em);
      const current = await this.beneficiaries.findForUpdate(em, id, { sensitive: touchesSensitive });
      if (!current) throw new NotFoundError();

      const problems = noProblems();
      const birth = birthDateOf(sent.dateOfBirth, sent.birthDatePrecision, current, problems);
      checkArrival(
        sent.arrivalDate !== undefined ? sent.arrivalDate : current.arrivalDate,
        {
          dateOfBirth: birth.dateOfBirth !== undefined ? birth.dateOfBirth : current.dateOfBirth,
          birthDatePrecision:
            birth.birthDatePrecision !== undefined ? birth.birthDatePrecision : current.birthDatePrecision,
        },
        problems,
      );
      throwIfProblems(problems);

      const patch: BeneficiaryPatch = { ...(sent as BeneficiaryPatch), ...definedFields(birth) };
      for (const field of LIST_FIELDS) {
        if (sent[field] === null) patch[field] = [] as never;
      }
      const after = Object.assign(new Beneficiary(), current, patch);
      if (NAME_FIELDS.some((f) => sent[f] !== undefined)) patch.nameKeys = nameKeysOf(after);

      const changes = diffForAudit<Record<string, unknown>>(
        { ...current },
        Object.fromEntries(Object.entries(patch).filter(([key]) => key !== 'nameKeys')),
        PERSONAL_FIELDS,
      );
      if (Object.keys(changes).length) {
        after.updatedAt = await this.beneficiaries.update(em, id, patch);
        await this.audit.record(em, user, {
          action: AuditAction.BeneficiaryUpdated,
          entityType: AuditEntity.Beneficiary,
          entityId: id,
          organisationId: current.organisationId,
          changes,
        });
      }
      return this.fullResponse(em, after);
    });
  }

  /**
   * Lists or searches people in the caller's scope. Without `q`, newest registered first. With
   * `q`, the best matches first over a capped candidate set (see BeneficiarySearch), with the
   * number of ranked matches as `total`.
   */
  async list(user: AuthUser, query: ListBeneficiariesQuery): Promise<BeneficiaryPageDto> {
    checkRanges(query);
    const em = this.dataSource.manager;
    const minimal = !mayReadRecords(user);
    if (query.q === undefined) {
      const after = parseNewestCursor(query.cursor);
      const rows = await this.search.newest(em, user, query, after);
      const extras = await this.beneficiaries.projectionExtrasOf(
        em,
        rows.slice(0, query.limit).map((r) => r.id),
      );
      return toPage(
        rows,
        query.limit,
        (r) => [r.createdAtKey, r.id],
        (r) => toListItem(r, extras.get(r.id)!, minimal),
      );
    }

    const after = parseRankCursor(query.cursor);
    const plan = planSearch(query.q);
    if (isEmptyPlan(plan)) return { items: [], total: 0, totalCapped: false };
    const { rows, capped } = await this.search.candidates(em, user, query, plan);
    const ranked = rankCandidates(plan, rows);
    const window = rankedAfter(ranked, after).slice(0, query.limit + 1);
    const extras = await this.beneficiaries.projectionExtrasOf(
      em,
      window.slice(0, query.limit).map((r) => r.row.id),
    );
    const page = toPage(
      [...window],
      query.limit,
      (r) => [r.score, r.row.id],
      (r) => ({
        ...toListItem(r.row, extras.get(r.row.id)!, minimal),
        match: { score: r.score, reasons: r.reasons } satisfies SearchMatchDto,
      }),
    );
    return { ...page, total: ranked.length, totalCapped: capped };
  }

  private async fullResponse(
    em: EntityManager,
    beneficiary: Beneficiary,
    opts: { sensitive?: boolean } = {},
  ): Promise<BeneficiaryResponseDto> {
    const [documents, household] = await Promise.all([
      this.beneficiaries.documentsOf(em, beneficiary.id),
      this.beneficiaries.householdOf(em, beneficiary.id),
    ]);
    return toFullResponse(beneficiary, documents, household, opts);
  }
}

function mayReadRecords(user: AuthUser): boolean {
  return user.permissions.has(Permission.BeneficiaryRead);
}

function requireSensitivePermissionToWrite(user: AuthUser, dto: BeneficiaryFieldsDto): void {
  const fields = SENSITIVE_BENEFICIARY_FIELDS.filter((f) => dto[f] !== undefined);
  if (fields.length && !user.permissions.has(Permission.BeneficiaryReadSensitive)) {
    throw new ForbiddenError(
      'Setting the sensitive fields needs beneficiary.read_sensitive',
      Object.fromEntries(fields.map((f) => [f, ['beneficiary.read_sensitive']])),
    );
  }
}

/** The stored date of birth and precision an input means; undefined members are left unchanged. */
interface BirthDate {
  dateOfBirth?: string | null;
  birthDatePrecision?: BirthDatePrecision | null;
}

/**
 * Reads a date of birth and its precision. `YYYY` means a year-precision date, stored as 1
 * January; a full date defaults to `exact`; `year` needs 1 January. In an update, a precision
 * sent alone must suit the stored date, and clearing the date clears its precision.
 */
function birthDateOf(
  input: string | null | undefined,
  precision: BirthDatePrecision | null | undefined,
  current: Beneficiary | undefined,
  problems: InputProblems,
): BirthDate {
  if (input === undefined) {
    if (precision === undefined) return {};
    const stored = current?.dateOfBirth ?? null;
    if (stored === null) {
      addProblem(problems, 'birthDatePrecision', 'requiresDateOfBirth');
    } else if (precision === null) {
      addProblem(problems, 'birthDatePrecision', 'required');
    } else if (precision === BirthDatePrecision.Year && !stored.endsWith('-01-01')) {
      addProblem(
        problems,
        'birthDatePrecision',
        'consistentWithDateOfBirth',
        'year precision needs 1 January',
      );
    }
    return { birthDatePrecision: precision };
  }
  if (input === null) {
    if (precision) addProblem(problems, 'birthDatePrecision', 'requiresDateOfBirth');
    return { dateOfBirth: null, birthDatePrecision: null };
  }
  const dateOfBirth = storedBirthDate(input);
  const yearOnly = isYearOnly(input);
  const resolved = precision ?? (yearOnly ? BirthDatePrecision.Year : BirthDatePrecision.Exact);
  if (yearOnly && resolved !== BirthDatePrecision.Year) {
    addProblem(
      problems,
      'birthDatePrecision',
      'consistentWithDateOfBirth',
      'a bare year (YYYY) is a year-precision date of birth',
    );
  } else if (resolved === BirthDatePrecision.Year && !dateOfBirth.endsWith('-01-01')) {
    addProblem(
      problems,
      'birthDatePrecision',
      'consistentWithDateOfBirth',
      'give a year-precision date of birth as YYYY or YYYY-01-01',
    );
  }
  return { dateOfBirth, birthDatePrecision: resolved };
}

/**
 * Nobody arrives before being born. With a year-only or estimated birth date only the year is
 * compared, since the day is not known.
 */
function checkArrival(arrivalDate: string | null, birth: BirthDate, problems: InputProblems): void {
  if (!arrivalDate || !birth.dateOfBirth) return;
  const earliest =
    birth.birthDatePrecision === BirthDatePrecision.Exact
      ? birth.dateOfBirth
      : `${birth.dateOfBirth.slice(0, 4)}-01-01`;
  if (arrivalDate < earliest) addProblem(problems, 'arrivalDate', 'notBeforeDateOfBirth');
}

function checkRanges(query: ListBeneficiariesQuery): void {
  const problems = noProblems();
  if (query.ageMin !== undefined && query.ageMax !== undefined && query.ageMin > query.ageMax) {
    addProblem(problems, 'ageMax', 'notLessThanAgeMin');
  }
  if (query.registeredFrom && query.registeredTo && query.registeredFrom > query.registeredTo) {
    addProblem(problems, 'registeredTo', 'notBeforeRegisteredFrom');
  }
  throwIfProblems(problems);
}

function invalidCursor(): never {
  throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: cursor', { cursor: ['invalid'] });
}

/** `[createdAt to the microsecond, id]` of the previous page's last item. */
function parseNewestCursor(cursor: string | undefined): [string, string] | undefined {
  const key = parseCursor(cursor, ['string', 'string']);
  if (!key) return undefined;
  const [createdAt, id] = key as [string, string];
  if (!CREATED_AT_KEY.test(createdAt) || !UUID.test(id)) invalidCursor();
  return [createdAt, id];
}

/** `[score, id]` of the previous page's last item in rank order. */
function parseRankCursor(cursor: string | undefined): [number, string] | undefined {
  const key = parseCursor(cursor, ['number', 'string']);
  if (!key) return undefined;
  const [score, id] = key as [number, string];
  if (!Number.isFinite(score) || !UUID.test(id)) invalidCursor();
  return [score, id];
}

function toMinimal(
  b: Pick<Beneficiary, 'id' | (typeof NAME_FIELDS)[number]>,
  extras: ProjectionExtras,
): BeneficiaryMinimalDto {
  return {
    id: b.id,
    givenName: b.givenName,
    familyName: b.familyName,
    fatherName: b.fatherName,
    motherName: b.motherName,
    nameArabic: b.nameArabic,
    documents: extras.documents,
    householdId: extras.householdId,
    householdSize: extras.householdSize,
  };
}

function toListItem(
  row: SearchRow,
  extras: ProjectionExtras,
  minimal: boolean,
): BeneficiaryListItemDto | BeneficiaryMinimalListItemDto {
  if (minimal) return toMinimal(row, extras);
  const summary: BeneficiarySummaryDto = {
    ...toMinimal(row, extras),
    sex: row.sex,
    dateOfBirth: row.dateOfBirth,
    birthDatePrecision: row.birthDatePrecision,
    nationality: row.nationality,
    district: row.district,
    legalStatus: row.legalStatus,
    vulnerabilities: row.vulnerabilities,
    registeredUnitId: row.registeredUnitId,
    createdAt: row.createdAt,
  };
  return summary;
}

function toFullResponse(
  b: Beneficiary,
  documents: readonly IdentityDocument[],
  household: HouseholdOfBeneficiary,
  opts: { sensitive?: boolean } = {},
): BeneficiaryResponseDto {
  return {
    id: b.id,
    givenName: b.givenName,
    familyName: b.familyName,
    fatherName: b.fatherName,
    motherName: b.motherName,
    nameArabic: b.nameArabic,
    householdId: household.householdId,
    householdSize: household.householdSize,
    sex: b.sex,
    dateOfBirth: b.dateOfBirth,
    birthDatePrecision: b.birthDatePrecision,
    nationality: b.nationality,
    district: b.district,
    legalStatus: b.legalStatus,
    vulnerabilities: b.vulnerabilities,
    registeredUnitId: b.registeredUnitId,
    createdAt: b.createdAt,
    documents: documents.map(toIdentityDocumentResponse),
    languages: b.languages,
    phones: b.phones,
    addressLine: b.addressLine,
    neighbourhood: b.neighbourhood,
    province: b.province,
    arrivalDate: b.arrivalDate,
    notes: b.notes,
    registeredByUserId: b.registeredByUserId,
    updatedAt: b.updatedAt,
    ...(opts.sensitive
      ? {
          healthConditions: b.healthConditions,
          protectionConcerns: b.protectionConcerns,
          ethnicity: b.ethnicity,
          religion: b.religion,
        }
      : {}),
  };
}
