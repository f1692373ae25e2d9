import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEntity } from '../audit/audit-action';
import { AuditChanges, AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access/access.service';
import { Resource } from '../auth/access/scope-rules';
import type { AuthUser } from '../auth/auth-user';
import { Permission, Role } from '../auth/permissions';
import { ConsentDecision, ConsentPurpose, ConsentScope } from '../beneficiaries/beneficiary-codes';
import { BeneficiariesRepository } from '../beneficiaries/beneficiaries.repository';
import { ConsentsService } from '../beneficiaries/consents/consents.service';
import { Consent } from '../beneficiaries/entities/consent.entity';
import {
  BadRequestError,
  BusinessRuleError,
  ForbiddenError,
  NotFoundError,
} from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { Page, toPage } from '../common/pagination/pagination';
import { utcToday } from '../common/validation/field-rules';
import { AppConfig } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganisationKind } from '../organisations/entities/organisation-kind';
import { ServiceDeliveriesService } from '../service-catalogue/service-deliveries.service';
import { parseIdCursor } from '../cases/case-cursor';
import {
  ConsentBasis,
  CreateReferralDto,
  ListReferralsQuery,
  ReferralResponseDto,
  ReferralSharedInformationDto,
  ReferralTransitionResponseDto,
  TransitionReferralDto,
} from './dto/referral.dto';
import { Referral } from './entities/referral.entity';
import { ReferralNotifications } from './referral-notifications.service';
import {
  CONSENT_SCOPE_OF_FIELD,
  ReferralOutcome,
  ReferralSharedField,
  ReferralSide,
  ReferralStatus,
  REFERRAL_ACCESS_STATUSES,
  SENSITIVE_SHARED_FIELDS,
} from './referral-codes';
import { allowedReferralTransitions, REFERRAL_TRANSITIONS, referralTransition } from './referral-status';
import { Names, OVERDUE, ReferralsRepository } from './referrals.repository';
import { SharedInformationReader } from './shared-information';

const HOUR_MS = 3_600_000;
const RECEIVER_ANSWERS: ReadonlySet<ReferralStatus> = new Set([
  ReferralStatus.Accepted,
  ReferralStatus.Rejected,
  ReferralStatus.Completed,
  ReferralStatus.Closed,
]);

const invalid = (field: string, rule: string, message = `Invalid fields: ${field}`) =>
  new BadRequestError(ErrorCode.ValidationFailed, message, { [field]: [rule] });
const notFound = (field: string, message: string) =>
  new BusinessRuleError(ErrorCode.ReferencedRecordNotFound, message, { [field]: ['notFound'] });

/**
 * Referrals: made from a case or for a person to a unit of the same or a partner organisation,
 * answered by the receiving unit along REFERRAL_TRANSITIONS, withdrawn by the sender. A referral to
 * another organisation rests on the person's current consent for that organisation, covering
 * every field it shares, unless someone with `referral.override_consent` writes why not.
 *
 * Every move locks the referral row and writes its append-only transition, its audit event and its
 * notifications in one transaction; e-mails are queued after the commit.
 */
@Injectable()
export class ReferralsService {
  private readonly logger = new Logger(ReferralsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly referrals: ReferralsRepository,
    private readonly access: AccessService,
    private readonly consents: ConsentsService,
    private readonly beneficiaries: BeneficiariesRepository,
    private readonly deliveries: ServiceDeliveriesService,
    private readonly shared: SharedInformationReader,
    private readonly notifications: NotificationsService,
    private readonly referralNotifications: ReferralNotifications,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async create(user: AuthUser, dto: CreateReferralDto): Promise<ReferralResponseDto> {
    // Partner staff see no registry: they refer people in by who they are (`subject`).
    const inbound = user.role === Role.Partner;
    this.checkShape(user, dto, inbound);
    const { referral, notified } = await this.dataSource.transaction(async (em) => {
      const unit = await this.referrals.receivingUnit(em, dto.toUnitId);
      if (!unit || !unit.active) throw notFound('toUnitId', 'No such active unit');
      if (inbound && unit.organisationKind !== OrganisationKind.Host) {
        throw new BusinessRuleError(
          ErrorCode.ReferencedRecordNotFound,
          'Partner organisations refer people to the host organisation',
          { toUnitId: ['notHostUnit'] },
        );
      }
      const serviceType = await this.referrals.serviceType(em, dto.serviceTypeId);
      if (!serviceType || serviceType.unitId !== unit.id) {
        throw notFound('serviceTypeId', 'No such service type in the receiving unit');
      }
      if (!serviceType.isActive) {
        throw new BusinessRuleError(ErrorCode.ServiceTypeInactive, 'The service type is retired', {
          serviceTypeId: ['inactive'],
        });
      }
      const fromUnitId = await this.senderUnit(em, user, dto);
      const external = unit.organisationId !== user.organisationId;
      const sharedFields = [...new Set(dto.sharedFields ?? [])].sort();
      let consent: Consent | null = null;
      if (!inbound) {
        await this.checkPerson(em, user, dto);
        if (external) consent = await this.consentFor(em, user, dto, unit.organisationId, sharedFields);
      }
      if (!external && dto.consentOverrideReason !== undefined) {
        throw invalid(
          'consentOverrideReason',
          'notNeeded',
          'Within one organisation no consent override is needed',
        );
      }
      const now = Date.now();
      const created = await this.referrals.insert(em, {
        senderOrganisationId: user.organisationId,
        senderUnitId: fromUnitId,
        createdByUserId: user.id,
        receiverOrganisationId: unit.organisationId,
        receiverUnitId: unit.id,
        serviceTypeId: serviceType.id,
        beneficiaryId: dto.beneficiaryId ?? null,
        subject: dto.subject ? { ...dto.subject } : null,
        caseId: dto.caseId ?? null,
        reason: dto.reason,
        urgency: dto.urgency,
        sharedFields,
        shareCaseSummary: dto.shareCaseSummary ?? false,
        consentId: consent?.id ?? null,
        consentReference: dto.consentReference ?? null,
        consentOverrideReason: external && !consent ? (dto.consentOverrideReason ?? null) : null,
        status: ReferralStatus.Pending,
        outcome: null,
        responseDueAt: new Date(now + this.config.referrals.responseHours[dto.urgency] * HOUR_MS),
        completionDueAt: null,
        acceptedAt: null,
        finishedAt: null,
        responseOverdueAt: null,
        completionOverdueAt: null,
      });
      await this.referrals.addTransition(em, {
        referralId: created.id,
        fromStatus: null,
        toStatus: ReferralStatus.Pending,
        reason: null,
        outcome: null,
        note: null,
        linkedBeneficiaryId: null,
        serviceDeliveryId: null,
        changedByUserId: user.id,
      });
      const changes: AuditChanges = {
        receiverUnitId: { to: created.receiverUnitId },
        serviceTypeId: { to: created.serviceTypeId },
        urgency: { to: created.urgency },
        sharedFields: { to: created.sharedFields },
        shareCaseSummary: { to: created.shareCaseSummary },
        reason: {},
      };
      if (created.beneficiaryId) changes.beneficiaryId = { to: created.beneficiaryId };
      if (created.caseId) changes.caseId = { to: created.caseId };
      if (created.consentId) changes.consentId = { to: created.consentId };
      if (created.subject) changes.subject = {};
      await this.audit.record(em, user, {
        action: AuditAction.ReferralCreated,
        entityType: AuditEntity.Referral,
        entityId: created.id,
        organisationId: created.senderOrganisationId,
        changes,
      });
      if (created.consentOverrideReason !== null) {
        await this.audit.record(em, user, {
          action: AuditAction.ReferralConsentOverridden,
          entityType: AuditEntity.Referral,
          entityId: created.id,
          organisationId: created.senderOrganisationId,
          changes: {
            receiverOrganisationId: { to: created.receiverOrganisationId },
            consentOverrideReason: {},
          },
        });
      }
      const ids = await this.referralNotifications.received(em, created);
      return { referral: created, notified: ids };
    });
    await this.notifications.sendEmails(notified);
    return this.response(this.dataSource.manager, user, referral);
  }

  async list(user: AuthUser, query: ListReferralsQuery): Promise<Page<ReferralResponseDto>> {
    const afterId = parseIdCursor(query.cursor);
    const em = this.dataSource.manager;
    const qb = this.referrals.listQuery(
      em,
      query,
      {
        organisationId: user.organisationId,
        unitIds: user.unitIds,
        organisationWide: organisationWide(user),
      },
      afterId,
    );
    const rows = await this.access.applyScope(qb, user, Resource.Referral, 'r').getMany();
    const page = rows.slice(0, query.limit);
    const names = await this.referrals.namesFor(em, page);
    const overdue = await this.overdueOf(em, page);
    return toPage(
      rows,
      query.limit,
      (r) => [r.id],
      (r) => this.toResponse(user, r, names, overdue.has(r.id)),
    );
  }

  /** Referrals made from a case: the case's caseworkers follow them there. */
  async listForCase(
    user: AuthUser,
    caseId: string,
    query: ListReferralsQuery,
  ): Promise<Page<ReferralResponseDto>> {
    await this.access.requireAccess(user, Resource.Case, caseId, 'read');
    return this.list(user, { ...query, caseId });
  }

  async get(user: AuthUser, id: string): Promise<ReferralResponseDto> {
    await this.access.requireAccess(user, Resource.Referral, id, 'read');
    const em = this.dataSource.manager;
    const referral = await this.referrals.find(em, id);
    if (!referral) throw new NotFoundError();
    return this.response(em, user, referral);
  }

  async history(user: AuthUser, id: string): Promise<ReferralTransitionResponseDto[]> {
    await this.access.requireAccess(user, Resource.Referral, id, 'read');
    const rows = await this.referrals.transitionsOf(this.dataSource.manager, id);
    return rows.map((t) => ({
      id: t.id,
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      reason: t.reason,
      outcome: t.outcome,
      note: t.note,
      linkedBeneficiaryId: t.linkedBeneficiaryId,
      serviceDeliveryId: t.serviceDeliveryId,
      changedByUserId: t.changedByUserId,
      changedByName: t.changedByName,
      changedByOrganisationId: t.changedByOrganisationId,
      changedAt: t.changedAt,
    }));
  }

  /**
   * Moves the referral along REFERRAL_TRANSITIONS. The row is locked first, so of two people
   * answering at once one wins and the other finds the new status and gets a 409.
   */
  async transition(user: AuthUser, id: string, dto: TransitionReferralDto): Promise<ReferralResponseDto> {
    await this.access.requireAccess(user, Resource.Referral, id, 'write');
    const { referral, notified } = await this.dataSource.transaction(async (em) => {
      const referral = await this.referrals.findLocked(em, id);
      if (!referral) throw new NotFoundError();
      const from = referral.status;
      const rule = referralTransition(from, dto.to);
      if (!sidesOf(user, referral).has(rule.by)) {
        throw new BusinessRuleError(
          ErrorCode.NotYourSideOfReferral,
          rule.by === ReferralSide.Receiver
            ? `Only the receiving unit may move a referral to ${dto.to}`
            : `Only the sender may move a referral to ${dto.to}`,
          { to: [rule.by === ReferralSide.Receiver ? 'receiverOnly' : 'senderOnly'] },
        );
      }
      this.checkTransitionFields(dto, rule.requires);
      const now = new Date();
      let linked: string | null = null;
      if (dto.to === ReferralStatus.Accepted) {
        linked = await this.linkOnAccept(em, user, referral, dto.beneficiaryId);
        referral.acceptedAt = now;
        referral.completionDueAt = new Date(
          now.getTime() + this.config.referrals.completionHours[referral.urgency] * HOUR_MS,
        );
      } else if (dto.beneficiaryId !== undefined) {
        throw invalid('beneficiaryId', 'onlyWhenAccepting');
      }
      let deliveryId: string | null = null;
      if (dto.serviceDelivery) deliveryId = await this.recordDelivery(em, user, referral, dto);
      referral.status = dto.to;
      referral.outcome = dto.to === ReferralStatus.Completed ? dto.outcome! : null;
      if (!allowedReferralTransitions(dto.to).length) referral.finishedAt = now;
      const saved = await this.referrals.save(em, referral);
      const transitionId = await this.referrals.addTransition(em, {
        referralId: id,
        fromStatus: from,
        toStatus: dto.to,
        reason: dto.reason ?? null,
        outcome: saved.outcome,
        note: dto.note ?? null,
        linkedBeneficiaryId: linked,
        serviceDeliveryId: deliveryId,
        changedByUserId: user.id,
      });
      const changes: AuditChanges = { status: { from, to: dto.to } };
      if (saved.outcome) changes.outcome = { to: saved.outcome };
      if (linked) changes.beneficiaryId = { to: linked };
      if (deliveryId) changes.serviceDeliveryId = { to: deliveryId };
      if (dto.reason !== undefined) changes.reason = {};
      if (dto.note !== undefined) changes.note = {};
      await this.audit.record(em, user, {
        action: AuditAction.ReferralStatusChanged,
        entityType: AuditEntity.Referral,
        entityId: id,
        organisationId: saved.senderOrganisationId,
        changes,
      });
      const ids = RECEIVER_ANSWERS.has(dto.to)
        ? await this.referralNotifications.answered(em, saved, transitionId)
        : [];
      return { referral: saved, notified: ids };
    });
    await this.notifications.sendEmails(notified);
    return this.response(this.dataSource.manager, user, referral);
  }

  /**
   * What the referral shares about the person, for the receiving unit while the referral is
   * accepted or in progress; a 404 otherwise, from the next request after it ends. A referral to
   * another organisation also stops sharing when the consent it rests on is withdrawn or expires.
   * Every read is audited: it is one organisation reading another's record.
   */
  async sharedInformation(user: AuthUser, id: string): Promise<ReferralSharedInformationDto> {
    await this.access.requireAccess(user, Resource.Referral, id, 'read');
    return this.dataSource.transaction(async (em) => {
      const referral = await this.referrals.find(em, id);
      if (
        !referral ||
        !referral.beneficiaryId ||
        !REFERRAL_ACCESS_STATUSES.includes(referral.status) ||
        !sidesOf(user, referral).has(ReferralSide.Receiver)
      ) {
        throw new NotFoundError();
      }
      if (referral.consentId) await this.requireConsentStillHolds(em, referral);
      const sensitive = referral.sharedFields.filter((f) => SENSITIVE_SHARED_FIELDS.has(f));
      if (sensitive.length && !user.permissions.has(Permission.BeneficiaryReadSensitive)) {
        throw new ForbiddenError('Sensitive shared fields need beneficiary.read_sensitive');
      }
      const beneficiary = await this.shared.beneficiary(em, referral.beneficiaryId, referral.sharedFields);
      if (!beneficiary) throw new NotFoundError();
      const caseSummary =
        referral.shareCaseSummary && referral.caseId
          ? await this.shared.caseSummary(em, referral.caseId)
          : null;
      await this.audit.record(em, user, {
        action: AuditAction.ReferralSharedInformationRead,
        entityType: AuditEntity.Referral,
        entityId: referral.id,
        organisationId: referral.senderOrganisationId,
        fieldsRead: [...referral.sharedFields, ...(caseSummary ? ['case_summary'] : [])],
      });
      return { referralId: referral.id, sharedFields: referral.sharedFields, beneficiary, caseSummary };
    });
  }

  // --- making a referral ---------------------------------------------------------------------

  /** Rules on which fields go together, before anything is read. */
  private checkShape(user: AuthUser, dto: CreateReferralDto, inbound: boolean): void {
    if (inbound) {
      // Partner staff see nothing of the host's registry: they say who the person is.
      if (dto.beneficiaryId !== undefined) throw invalid('beneficiaryId', 'partnersGiveSubject');
      if (dto.caseId !== undefined) throw invalid('caseId', 'partnersGiveSubject');
      if (!dto.subject) throw invalid('subject', 'required');
      if (dto.consentReference === undefined) throw invalid('consentReference', 'required');
      if (dto.sharedFields?.length) throw invalid('sharedFields', 'partnersShareSubject');
      if (dto.shareCaseSummary) throw invalid('shareCaseSummary', 'partnersShareSubject');
      if (dto.consentOverrideReason !== undefined) throw invalid('consentOverrideReason', 'notForPartners');
      return;
    }
    if (dto.subject !== undefined) throw invalid('subject', 'onlyForPartners');
    if (dto.consentReference !== undefined) throw invalid('consentReference', 'onlyForPartners');
    if (!dto.beneficiaryId) throw invalid('beneficiaryId', 'required');
    if (dto.shareCaseSummary && !dto.caseId) throw invalid('shareCaseSummary', 'needsCaseId');
    if (
      dto.consentOverrideReason !== undefined &&
      !user.permissions.has(Permission.ReferralOverrideConsent)
    ) {
      throw new ForbiddenError('Overriding consent needs referral.override_consent', {
        consentOverrideReason: ['needsReferralOverrideConsent'],
      });
    }
  }

  /** The person must be one the caller may read; the case, one they may read, about that person. */
  private async checkPerson(em: EntityManager, user: AuthUser, dto: CreateReferralDto): Promise<void> {
    const people = await this.access.allowedIds(user, Resource.Beneficiary, [dto.beneficiaryId!], 'read', em);
    if (!people.has(dto.beneficiaryId!)) throw notFound('beneficiaryId', 'No such person');
    if (!dto.caseId) return;
    const cases = await this.access.allowedIds(user, Resource.Case, [dto.caseId], 'read', em);
    const caseFile = cases.has(dto.caseId) ? await this.referrals.caseOf(em, dto.caseId) : null;
    if (!caseFile) throw notFound('caseId', 'No such case');
    const about =
      caseFile.beneficiaryId === dto.beneficiaryId ||
      (caseFile.householdId !== null &&
        (await this.beneficiaries.householdOf(em, dto.beneficiaryId!)).householdId === caseFile.householdId);
    if (!about) {
      throw new BusinessRuleError(ErrorCode.CaseNotOfBeneficiary, 'The case is about someone else', {
        caseId: ['notAboutBeneficiary'],
      });
    }
  }

  /** The sending unit: the one given (the caller's own), else the case's if theirs, else their only one. */
  private async senderUnit(
    em: EntityManager,
    user: AuthUser,
    dto: CreateReferralDto,
  ): Promise<string | null> {
    if (dto.fromUnitId !== undefined) {
      if (!user.unitIds.includes(dto.fromUnitId)) throw notFound('fromUnitId', 'Not one of your units');
      return dto.fromUnitId;
    }
    if (dto.caseId) {
      const caseFile = await this.referrals.caseOf(em, dto.caseId);
      if (caseFile && user.unitIds.includes(caseFile.unitId)) return caseFile.unitId;
    }
    if (user.unitIds.length > 1) {
      throw invalid('fromUnitId', 'required', 'You belong to several units: say which one refers');
    }
    return user.unitIds[0] ?? null;
  }

  /**
   * The current referral consent for the receiving organisation that covers every shared field,
   * or null when the caller overrides its absence with a reason; otherwise 422 CONSENT_REQUIRED
   * saying what is wrong (none, refused, withdrawn, expired, or fields it does not cover).
   */
  private async consentFor(
    em: EntityManager,
    user: AuthUser,
    dto: CreateReferralDto,
    receiverOrganisationId: string,
    sharedFields: ReferralSharedField[],
  ): Promise<Consent | null> {
    const today = utcToday();
    const args = [em, dto.beneficiaryId!, ConsentPurpose.Referral, receiverOrganisationId, today] as const;
    const consent = await this.consents.currentConsent(...args);
    const needed = new Set<ConsentScope>(sharedFields.map((f) => CONSENT_SCOPE_OF_FIELD[f]));
    if (dto.shareCaseSummary) needed.add(ConsentScope.CaseSummary);
    const uncovered = consent ? [...needed].filter((s) => !consent.scope.includes(s)).sort() : [];
    if (consent && !uncovered.length) {
      if (dto.consentOverrideReason !== undefined) {
        throw invalid(
          'consentOverrideReason',
          'notNeeded',
          'The person has consented: no override is needed',
        );
      }
      return consent;
    }
    if (dto.consentOverrideReason !== undefined) return null;
    if (consent) {
      throw new BusinessRuleError(
        ErrorCode.ConsentRequired,
        `The person's consent to this referral does not cover: ${uncovered.join(', ')}`,
        { consent: ['scopeNotCovered'], notCovered: uncovered },
      );
    }
    const latest = await this.consents.latestDecision(...args);
    const why = !latest
      ? 'missing'
      : latest.decision !== ConsentDecision.Given
        ? 'refused'
        : latest.withdrawnAt
          ? 'withdrawn'
          : 'expired';
    throw new BusinessRuleError(
      ErrorCode.ConsentRequired,
      `A referral to another organisation needs the person's current consent to be referred to it (${why}); record the consent, or ask someone with referral.override_consent`,
      { consent: [why] },
    );
  }

  // --- answering -----------------------------------------------------------------------------

  private checkTransitionFields(
    dto: TransitionReferralDto,
    requires: 'reason' | 'outcome' | undefined,
  ): void {
    if (requires === 'reason' && dto.reason === undefined) throw invalid('reason', 'required');
    if (requires !== 'reason' && dto.reason !== undefined) throw invalid('reason', 'notForThisTransition');
    if (requires === 'outcome' && dto.outcome === undefined) throw invalid('outcome', 'required');
    if (requires !== 'outcome' && dto.outcome !== undefined) throw invalid('outcome', 'onlyWhenCompleting');
    if (dto.serviceDelivery && dto.outcome !== ReferralOutcome.ServiceDelivered) {
      throw invalid('serviceDelivery', 'onlyWithServiceDelivered');
    }
  }

  /** Accepting an inbound referral links it to a registered person the accepting caseworker can see. */
  private async linkOnAccept(
    em: EntityManager,
    user: AuthUser,
    referral: Referral,
    beneficiaryId: string | undefined,
  ): Promise<string | null> {
    if (referral.beneficiaryId) {
      if (beneficiaryId !== undefined && beneficiaryId !== referral.beneficiaryId) {
        throw invalid('beneficiaryId', 'alreadyLinked');
      }
      return null;
    }
    if (beneficiaryId === undefined) {
      throw new BusinessRuleError(
        ErrorCode.BeneficiaryLinkRequired,
        'Accepting a referral from a partner links it to the person in the registry: find them, or register them, and give beneficiaryId',
        { beneficiaryId: ['required'] },
      );
    }
    const people = await this.access.allowedIds(user, Resource.Beneficiary, [beneficiaryId], 'read', em);
    if (!people.has(beneficiaryId)) throw notFound('beneficiaryId', 'No such person');
    referral.beneficiaryId = beneficiaryId;
    return beneficiaryId;
  }

  /**
   * Completing with a service delivered records the delivery too, linked to the referral, when the
   * receiver holds the person's record (a referral within the organisation, or one received from
   * a partner and linked); a partner receiver records only the outcome.
   */
  private async recordDelivery(
    em: EntityManager,
    user: AuthUser,
    referral: Referral,
    dto: TransitionReferralDto,
  ): Promise<string> {
    const holder = referral.beneficiaryId
      ? await this.referrals.organisationOfBeneficiary(em, referral.beneficiaryId)
      : null;
    if (holder !== referral.receiverOrganisationId) {
      throw new BusinessRuleError(
        ErrorCode.ReferencedRecordNotFound,
        'The person is registered with another organisation: complete with the outcome only',
        { serviceDelivery: ['personNotInYourRegistry'] },
      );
    }
    const delivery = await this.deliveries.recordForReferral(em, user, {
      beneficiaryId: referral.beneficiaryId!,
      serviceTypeId: dto.serviceDelivery!.serviceTypeId ?? referral.serviceTypeId,
      deliveredOn: dto.serviceDelivery!.deliveredOn,
      note: dto.serviceDelivery!.note,
      referralId: referral.id,
    });
    return delivery.id;
  }

  private async requireConsentStillHolds(em: EntityManager, referral: Referral): Promise<void> {
    const consent = await this.consents.currentConsent(
      em,
      referral.beneficiaryId!,
      ConsentPurpose.Referral,
      referral.receiverOrganisationId,
      utcToday(),
    );
    if (consent?.id === referral.consentId) return;
    throw new BusinessRuleError(
      ErrorCode.ConsentWithdrawn,
      'The consent this referral rests on no longer holds (withdrawn, replaced or expired): nothing is shared until the sender records a new one',
    );
  }

  // --- responses -----------------------------------------------------------------------------

  private async response(
    em: EntityManager,
    user: AuthUser,
    referral: Referral,
  ): Promise<ReferralResponseDto> {
    const names = await this.referrals.namesFor(em, [referral]);
    const overdue = await this.overdueOf(em, [referral]);
    return this.toResponse(user, referral, names, overdue.has(referral.id));
  }

  /** Overdue is judged by the database clock, like the overdue job and the `overdue` filter. */
  private async overdueOf(em: EntityManager, referrals: readonly Referral[]): Promise<Set<string>> {
    if (!referrals.length) return new Set();
    const rows: Array<{ id: string }> = await em.query(
      `SELECT r.id FROM referrals r WHERE r.id = ANY($1::uuid[]) AND ${OVERDUE('r')}`,
      [referrals.map((r) => r.id)],
    );
    return new Set(rows.map((r) => r.id));
  }

  private toResponse(user: AuthUser, r: Referral, names: Names, overdue: boolean): ReferralResponseDto {
    const sending = user.organisationId === r.senderOrganisationId;
    const sides = sidesOf(user, r);
    const allowed = Object.entries(REFERRAL_TRANSITIONS[r.status])
      .filter(([, rule]) => sides.has(rule.by))
      .map(([to]) => to as ReferralStatus);
    return {
      id: r.id,
      status: r.status,
      allowedTransitions: allowed,
      urgency: r.urgency,
      reason: r.reason,
      sender: {
        organisationId: r.senderOrganisationId,
        organisationName: names.organisations.get(r.senderOrganisationId) ?? '',
        unitId: r.senderUnitId,
        unitName: r.senderUnitId ? (names.units.get(r.senderUnitId) ?? null) : null,
      },
      createdByUserId: r.createdByUserId,
      receiver: {
        organisationId: r.receiverOrganisationId,
        organisationName: names.organisations.get(r.receiverOrganisationId) ?? '',
        unitId: r.receiverUnitId,
        unitName: names.units.get(r.receiverUnitId) ?? null,
      },
      serviceType: { id: r.serviceTypeId, name: names.serviceTypes.get(r.serviceTypeId) ?? '' },
      beneficiaryId: r.beneficiaryId,
      subject: r.subject,
      caseId: sending ? r.caseId : null,
      sharedFields: r.sharedFields,
      shareCaseSummary: r.shareCaseSummary,
      consent: {
        basis: consentBasis(r),
        consentId: r.consentId,
        reference: r.consentReference,
        ...(sending ? { overrideReason: r.consentOverrideReason } : {}),
      },
      outcome: r.outcome,
      responseDueAt: r.responseDueAt,
      completionDueAt: r.completionDueAt,
      overdue,
      acceptedAt: r.acceptedAt,
      finishedAt: r.finishedAt,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  }
}

/**
 * Supervisors, and partner staff, work with all of their organisation's referrals: a partner NGO
 * answers the referrals addressed to it (DOMAIN.md), whichever of its units they name.
 */
function organisationWide(user: AuthUser): boolean {
  return user.role === Role.Supervisor || user.role === Role.Partner;
}

/**
 * The sides the caller acts for. The receiving unit's members (and, organisation-wide,
 * supervisors and partner staff) answer; the sender (who made it, the sending unit's members,
 * organisation-wide supervisors and partner staff) withdraws.
 */
export function sidesOf(user: AuthUser, r: Referral): Set<ReferralSide> {
  const sides = new Set<ReferralSide>();
  const wide = organisationWide(user);
  if (user.organisationId === r.receiverOrganisationId && (wide || user.unitIds.includes(r.receiverUnitId))) {
    sides.add(ReferralSide.Receiver);
  }
  if (
    user.organisationId === r.senderOrganisationId &&
    (wide ||
      r.createdByUserId === user.id ||
      (r.senderUnitId !== null && user.unitIds.includes(r.senderUnitId)))
  ) {
    sides.add(ReferralSide.Sender);
  }
  return sides;
}

function consentBasis(r: Referral): ConsentBasis {
  if (r.consentId) return ConsentBasis.RecordedConsent;
  if (r.consentReference) return ConsentBasis.PartnerReference;
  if (r.consentOverrideReason) return ConsentBasis.Override;
  return ConsentBasis.SameOrganisation;
}
