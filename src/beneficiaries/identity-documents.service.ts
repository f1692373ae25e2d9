import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEntity } from '../audit/audit-action';
import { AuditEntry, AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access/access.service';
import { Resource } from '../auth/access/scope-rules';
import type { AuthUser } from '../auth/auth-user';
import { BadRequestError, ConflictError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { type NewDocument, BeneficiariesRepository } from './beneficiaries.repository';
import {
  documentNumberProblem,
  documentRuleMessage,
  normaliseDocumentNumber,
} from './documents/document-number';
import { CreateIdentityDocumentDto, IdentityDocumentResponseDto } from './dto/identity-document.dto';
import { IdentityDocument } from './entities/identity-document.entity';

/** The rule problems of some input, keyed by field path, with English hints for the message. */
export interface InputProblems {
  details: Record<string, string[]>;
  hints: string[];
}

export const noProblems = (): InputProblems => ({ details: {}, hints: [] });

export function addProblem(problems: InputProblems, field: string, rule: string, hint?: string): void {
  (problems.details[field] ??= []).push(rule);
  if (hint) problems.hints.push(`${field} ${rule}: ${hint}`);
}

/** One 400 naming every field and rule, with the hints (never the values) in the message. */
export function throwIfProblems(problems: InputProblems): void {
  const fields = Object.keys(problems.details);
  if (!fields.length) return;
  const hints = problems.hints.length ? ` (${problems.hints.join('; ')})` : '';
  throw new BadRequestError(
    ErrorCode.ValidationFailed,
    `Invalid fields: ${fields.join(', ')}${hints}`,
    problems.details,
  );
}

/**
 * Documents in their canonical spelling, with the rules each one breaks recorded under
 * `<prefix>number` (`documents.0.number: ['checkDigit11']`): wrong check digits, a document
 * given twice, an expiry before the issue date.
 */
export function normaliseDocuments(
  inputs: readonly CreateIdentityDocumentDto[],
  fieldOf: (index: number) => string,
  problems: InputProblems,
): NewDocument[] {
  const seen = new Set<string>();
  return inputs.map((input, i) => {
    const number = normaliseDocumentNumber(input.type, input.number);
    const rule = documentNumberProblem(input.type, number);
    if (rule) addProblem(problems, `${fieldOf(i)}number`, rule, documentRuleMessage(input.type, rule));
    const key = `${input.type}\u0000${number}`;
    if (!rule && seen.has(key)) addProblem(problems, `${fieldOf(i)}number`, 'duplicate');
    seen.add(key);
    if (input.issuedOn && input.expiresOn && input.expiresOn < input.issuedOn) {
      addProblem(problems, `${fieldOf(i)}expiresOn`, 'notBeforeIssuedOn');
    }
    return {
      type: input.type,
      number,
      issuingCountry: input.issuingCountry ?? null,
      issuedOn: input.issuedOn ?? null,
      expiresOn: input.expiresOn ?? null,
    };
  });
}

export function toIdentityDocumentResponse(d: IdentityDocument): IdentityDocumentResponseDto {
  return {
    id: d.id,
    beneficiaryId: d.beneficiaryId,
    type: d.type,
    number: d.number,
    issuingCountry: d.issuingCountry,
    issuedOn: d.issuedOn,
    expiresOn: d.expiresOn,
    createdAt: d.createdAt,
  };
}

/** Identity documents: registered with a person or added later, and removed. */
@Injectable()
export class IdentityDocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly beneficiaries: BeneficiariesRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async add(
    user: AuthUser,
    beneficiaryId: string,
    dto: CreateIdentityDocumentDto,
  ): Promise<IdentityDocumentResponseDto> {
    const problems = noProblems();
    const [document] = normaliseDocuments([dto], () => '', problems);
    throwIfProblems(problems);
    return this.dataSource.transaction(async (em) => {
      await this.access.requireAccess(user, Resource.Beneficiary, beneficiaryId, 'write', em);
      const owner = await this.beneficiaries.find(em, beneficiaryId);
      if (!owner) throw new NotFoundError();
      const [inserted] = await this.register(
        em,
        user,
        { beneficiaryId, organisationId: owner.organisationId },
        [document],
        () => '',
      );
      await this.audit.recordMany(em, user, documentAddedEntries([inserted]));
      return toIdentityDocumentResponse(inserted);
    });
  }

  async remove(user: AuthUser, documentId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      // The document is checked through its person: out of scope is 404, like a missing one.
      const beneficiaryId = await this.beneficiaries.documentOwner(em, documentId);
      if (!beneficiaryId) throw new NotFoundError();
      await this.access.requireAccess(user, Resource.Beneficiary, beneficiaryId, 'write', em);
      const document = await this.beneficiaries.findDocumentForUpdate(em, documentId);
      if (!document) throw new NotFoundError();
      await this.beneficiaries.deleteDocument(em, documentId);
      await this.audit.record(em, user, {
        action: AuditAction.DocumentRemoved,
        entityType: AuditEntity.IdentityDocument,
        entityId: document.id,
        organisationId: document.organisationId,
        changes: {
          beneficiaryId: { from: document.beneficiaryId },
          type: { from: document.type },
          number: {},
        },
      });
    });
  }

  /**
   * Inserts checked documents for a person, in the caller's transaction. A type and number that
   * someone in the organisation already holds is a 409 DOCUMENT_NUMBER_TAKEN, which carries the
   * holder's id only if the caller may read that record: otherwise it reveals nothing about it.
   */
  async register(
    em: EntityManager,
    user: AuthUser,
    owner: { beneficiaryId: string; organisationId: string },
    documents: readonly NewDocument[],
    fieldOf: (index: number) => string,
  ): Promise<IdentityDocument[]> {
    const { inserted, taken } = await this.beneficiaries.insertDocuments(
      em,
      { ...owner, createdByUserId: user.id },
      documents,
    );
    if (!taken.length) return inserted;
    const first = taken[0];
    const holder = await this.beneficiaries.documentHolder(
      em,
      owner.organisationId,
      documents[first].type,
      documents[first].number,
    );
    const visible = holder
      ? await this.access.allowedIds(user, Resource.Beneficiary, [holder], 'read', em)
      : new Set<string>();
    const details: Record<string, unknown> = Object.fromEntries(
      taken.map((i) => [`${fieldOf(i)}number`, ['taken']]),
    );
    if (holder && visible.has(holder)) details.existingBeneficiaryId = holder;
    throw new ConflictError(
      ErrorCode.DocumentNumberTaken,
      'A document of this type and number is already registered in the organisation',
      details,
    );
  }
}

/** Audit entries for added documents: the type is a code; the number is personal. */
export function documentAddedEntries(documents: readonly IdentityDocument[]): AuditEntry[] {
  return documents.map((d) => ({
    action: AuditAction.DocumentAdded,
    entityType: AuditEntity.IdentityDocument,
    entityId: d.id,
    organisationId: d.organisationId,
    changes: { beneficiaryId: { to: d.beneficiaryId }, type: { to: d.type }, number: {} },
  }));
}
