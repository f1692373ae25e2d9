import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEntity } from '../../audit/audit-action';
import { AuditService } from '../../audit/audit.service';
import { AccessService } from '../../auth/access/access.service';
import { Resource } from '../../auth/access/scope-rules';
import type { AuthUser } from '../../auth/auth-user';
import {
  BadRequestError,
  BusinessRuleError,
  ConflictError,
  NotFoundError,
} from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Page, parseCursor, toPage } from '../../common/pagination/pagination';
import { utcToday } from '../../common/validation/field-rules';
import { CONSENT_PURPOSES_WITH_RECIPIENT, ConsentDecision, ConsentPurpose } from '../beneficiary-codes';
import { Consent } from '../entities/consent.entity';
import { ConsentsRepository } from './consents.repository';
import {
  ConsentResponseDto,
  ListConsentsQuery,
  RecordConsentDto,
  WithdrawConsentDto,
} from './dto/consent.dto';

/**
 * A beneficiary's consents: decisions given or refused, per purpose and (for referral and data
 * sharing) recipient organisation. Scope follows the beneficiary. Referrals ask `currentConsent`.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consents: ConsentsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The given consent that holds for the purpose and recipient on `onDate` (`YYYY-MM-DD`), or
   * null: the latest decision made by then governs; it holds if it is `given`, has not expired and
   * was not withdrawn by then. A withdrawn consent never lets an older one count again: the person
   * withdrew, and a new consent must be recorded. `recipientOrganisationId` is null for purposes without a recipient.
   */
  currentConsent(
    em: EntityManager,
    beneficiaryId: string,
    purpose: ConsentPurpose,
    recipientOrganisationId: string | null,
    onDate: string,
  ): Promise<Consent | null> {
    return this.consents
      .currentQuery(em, beneficiaryId, onDate, { purpose, recipientOrganisationId })
      .getOne();
  }

  /**
   * The latest decision made by `onDate` for the purpose and recipient, whether it holds or not:
   * to tell someone why `currentConsent` found none (refused, withdrawn, expired, or none at all).
   */
  latestDecision(
    em: EntityManager,
    beneficiaryId: string,
    purpose: ConsentPurpose,
    recipientOrganisationId: string | null,
    onDate: string,
  ): Promise<Consent | null> {
    return this.consents.latestDecision(em, beneficiaryId, onDate, { purpose, recipientOrganisationId });
  }

  async record(user: AuthUser, beneficiaryId: string, dto: RecordConsentDto): Promise<ConsentResponseDto> {
    await this.access.requireAccess(user, Resource.Beneficiary, beneficiaryId, 'write');
    const recipientOrganisationId = checkRecipient(dto);
    return this.dataSource.transaction(async (em) => {
      if (recipientOrganisationId && !(await this.consents.organisationExists(em, recipientOrganisationId))) {
        throw new BusinessRuleError(ErrorCode.ReferencedRecordNotFound, 'No such organisation', {
          recipientOrganisationId: ['notFound'],
        });
      }
      // Only staff of the beneficiary's organisation may change the record (the scope rule), and
      // the composite foreign key keeps the consent in that organisation.
      const consent = await this.consents.insert(em, {
        organisationId: user.organisationId,
        beneficiaryId,
        purpose: dto.purpose,
        recipientOrganisationId,
        scope: [...dto.scope].sort(),
        decision: dto.decision,
        decidedOn: dto.decidedOn,
        expiresOn: dto.expiresOn ?? null,
        reference: dto.reference ?? null,
        recordedByUserId: user.id,
      });
      await this.audit.record(em, user, {
        action: AuditAction.ConsentRecorded,
        entityType: AuditEntity.Consent,
        entityId: consent.id,
        organisationId: consent.organisationId,
        changes: {
          beneficiaryId: { to: beneficiaryId },
          purpose: { to: consent.purpose },
          ...(recipientOrganisationId ? { recipientOrganisationId: { to: recipientOrganisationId } } : {}),
          scope: { to: consent.scope },
          decision: { to: consent.decision },
          ...(consent.reference ? { reference: {} } : {}),
        },
      });
      return toConsentResponse(consent);
    });
  }

  async list(
    user: AuthUser,
    beneficiaryId: string,
    query: ListConsentsQuery,
  ): Promise<Page<ConsentResponseDto>> {
    const afterId = parseConsentCursor(query.cursor);
    if (query.current && afterId) {
      throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: cursor', {
        cursor: ['notWithCurrent'],
      });
    }
    await this.access.requireAccess(user, Resource.Beneficiary, beneficiaryId, 'read');
    const em = this.dataSource.manager;
    if (query.current) {
      const rows = await this.consents.currentQuery(em, beneficiaryId, utcToday(), query).getMany();
      return { items: rows.map(toConsentResponse) };
    }
    const rows = await this.consents.listQuery(em, beneficiaryId, query, afterId).getMany();
    return toPage(rows, query.limit, (c) => [c.id], toConsentResponse);
  }

  async withdraw(user: AuthUser, id: string, dto: WithdrawConsentDto): Promise<ConsentResponseDto> {
    const beneficiaryId = await this.consents.beneficiaryIdOf(this.dataSource.manager, id);
    if (!beneficiaryId) throw new NotFoundError();
    await this.access.requireAccess(user, Resource.Beneficiary, beneficiaryId, 'write');
    return this.dataSource.transaction(async (em) => {
      const consent = await this.consents.getForUpdate(em, id);
      if (consent.decision === ConsentDecision.Refused) {
        throw new BusinessRuleError(
          ErrorCode.RefusalNotWithdrawable,
          'A refusal cannot be withdrawn; record the new decision instead',
          { id: ['refusal'] },
        );
      }
      if (consent.withdrawnAt) {
        throw new ConflictError(ErrorCode.ConsentWithdrawn, 'The consent has already been withdrawn', {
          id: ['withdrawn'],
        });
      }
      const withdrawn = await this.consents.withdraw(em, id, user.id, dto.reason);
      await this.audit.record(em, user, {
        action: AuditAction.ConsentWithdrawn,
        entityType: AuditEntity.Consent,
        entityId: id,
        organisationId: consent.organisationId,
        changes: { withdrawalReason: {} },
      });
      return toConsentResponse(withdrawn);
    });
  }
}

/** Referral and data sharing name the receiving organisation; the other purposes must not. */
function checkRecipient(dto: RecordConsentDto): string | null {
  const needed = CONSENT_PURPOSES_WITH_RECIPIENT.has(dto.purpose);
  const given = dto.recipientOrganisationId ?? null;
  if (needed && !given) {
    throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: recipientOrganisationId', {
      recipientOrganisationId: ['requiredForPurpose'],
    });
  }
  if (!needed && given) {
    throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: recipientOrganisationId', {
      recipientOrganisationId: ['notAllowedForPurpose'],
    });
  }
  return given;
}

/** The list's cursor is the id of the previous page's last consent. */
function parseConsentCursor(cursor: string | undefined): string | undefined {
  const after = parseCursor(cursor, ['string']);
  if (after && !isUUID(after[0])) {
    throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: cursor', { cursor: ['invalid'] });
  }
  return after?.[0] as string | undefined;
}

function toConsentResponse(c: Consent): ConsentResponseDto {
  return {
    id: c.id,
    beneficiaryId: c.beneficiaryId,
    purpose: c.purpose,
    recipientOrganisationId: c.recipientOrganisationId,
    scope: c.scope,
    decision: c.decision,
    decidedOn: c.decidedOn,
    expiresOn: c.expiresOn,
    reference: c.reference,
    recordedByUserId: c.recordedByUserId,
    recordedAt: c.recordedAt,
    withdrawnAt: c.withdrawnAt,
    withdrawnByUserId: c.withdrawnByUserId,
    withdrawalReason: c.withdrawalReason,
  };
}
