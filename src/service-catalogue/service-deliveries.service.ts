import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEntity } from '../audit/audit-action';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access/access.service';
import { Resource } from '../auth/access/scope-rules';
import type { AuthUser } from '../auth/auth-user';
import { Permission } from '../auth/permissions';
import { CaseStatus } from '../cases/case-codes';
import { BadRequestError, BusinessRuleError, ConflictError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { Page, parseCursor, toPage } from '../common/pagination/pagination';
import { isIsoCalendarDate } from '../common/validation/field-rules';
import {
  CreateServiceDeliveryDto,
  ListServiceDeliveriesQuery,
  ServiceDeliveryResponseDto,
} from './dto/service-delivery.dto';
import { ServiceDelivery } from './entities/service-delivery.entity';
import { DeliveryKey, ServiceDeliveriesRepository } from './service-deliveries.repository';
import { ServiceTypesRepository } from './service-types.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A timestamp exactly as `Date.toISOString()` writes it, the form cursors carry. */
function isIsoInstant(value: string): boolean {
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

/**
 * Services delivered to people. A caseworker records what their own unit delivered; who may read
 * a delivery follows the delivery's own scope (its unit, who delivered it, its case).
 */
@Injectable()
export class ServiceDeliveriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: ServiceDeliveriesRepository,
    private readonly serviceTypes: ServiceTypesRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, query: ListServiceDeliveriesQuery): Promise<Page<ServiceDeliveryResponseDto>> {
    if (query.from && query.to && query.to < query.from) {
      throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: to', { to: ['notBeforeFrom'] });
    }
    const after = parseDeliveryCursor(query.cursor);
    const em = this.dataSource.manager;
    const qb = this.deliveries.listQuery(em, query, after);
    const rows = await this.access.applyScope(qb, user, Resource.ServiceDelivery, 'sd').getMany();
    const cases = await this.readableCases(
      em,
      user,
      rows.slice(0, query.limit).map((d) => d.caseId),
    );
    return toPage(
      rows,
      query.limit,
      (d) => [d.deliveredOn, d.createdAt.toISOString(), d.id],
      (d) => toDeliveryResponse(d, cases),
    );
  }

  async get(user: AuthUser, id: string): Promise<ServiceDeliveryResponseDto> {
    await this.access.requireAccess(user, Resource.ServiceDelivery, id, 'read');
    const em = this.dataSource.manager;
    const delivery = await this.deliveries.get(em, id);
    return toDeliveryResponse(delivery, await this.readableCases(em, user, [delivery.caseId]));
  }

  async record(user: AuthUser, dto: CreateServiceDeliveryDto): Promise<ServiceDeliveryResponseDto> {
    return this.dataSource.transaction(async (em) => {
      const people = await this.access.allowedIds(
        user,
        Resource.Beneficiary,
        [dto.beneficiaryId],
        'read',
        em,
      );
      if (!people.has(dto.beneficiaryId)) throw referenceNotFound('beneficiaryId', 'No such person');
      if (dto.referralId && !(await this.deliveries.isOpenReferralOfMyUnits(em, user, dto))) {
        throw referenceNotFound('referralId', 'No accepted referral to your unit for this person');
      }
      return this.insert(em, user, dto);
    });
  }

  /**
   * For ReferralsService, completing a referral with the service delivered, in its transaction.
   * The accepted referral is what lets the receiving unit serve the person, so the person need not
   * be otherwise in the caller's scope; the rest is checked as for any delivery.
   */
  async recordForReferral(
    em: EntityManager,
    user: AuthUser,
    dto: Omit<CreateServiceDeliveryDto, 'caseId'> & { referralId: string },
  ): Promise<ServiceDeliveryResponseDto> {
    return this.insert(em, user, dto);
  }

  private async insert(
    em: EntityManager,
    user: AuthUser,
    dto: CreateServiceDeliveryDto,
  ): Promise<ServiceDeliveryResponseDto> {
    // The catalogue is the organisation's own: another organisation's type is unknown here.
    const serviceType = await this.serviceTypes.findForShare(em, dto.serviceTypeId);
    if (!serviceType || serviceType.organisationId !== user.organisationId) {
      throw referenceNotFound('serviceTypeId', 'No such service type');
    }
    if (!serviceType.isActive) {
      throw new BusinessRuleError(ErrorCode.ServiceTypeInactive, 'The service type is retired', {
        serviceTypeId: ['inactive'],
      });
    }
    // Supervisors too: a delivery is a unit's work, recorded by a member of that unit.
    if (!user.unitIds.includes(serviceType.unitId)) {
      throw new BusinessRuleError(
        ErrorCode.NotMemberOfUnit,
        "You record only the services of your own units; the unit's staff record theirs",
        { serviceTypeId: ['notYourUnit'] },
      );
    }
    if (dto.caseId) await this.checkCase(em, user, dto.caseId, dto.beneficiaryId);
    const delivery = await em.save(
      em.create(ServiceDelivery, {
        organisationId: serviceType.organisationId,
        beneficiaryId: dto.beneficiaryId,
        serviceTypeId: serviceType.id,
        unitId: serviceType.unitId,
        caseId: dto.caseId ?? null,
        referralId: dto.referralId ?? null,
        deliveredOn: dto.deliveredOn,
        deliveredByUserId: user.id,
        note: dto.note ?? null,
      }),
    );
    await this.audit.record(em, user, {
      action: AuditAction.ServiceDelivered,
      entityType: AuditEntity.ServiceDelivery,
      entityId: delivery.id,
      organisationId: delivery.organisationId,
      changes: {
        beneficiaryId: { to: delivery.beneficiaryId },
        serviceTypeId: { to: delivery.serviceTypeId },
        unitId: { to: delivery.unitId },
        caseId: { to: delivery.caseId },
        ...(delivery.referralId ? { referralId: { to: delivery.referralId } } : {}),
        deliveredOn: { to: delivery.deliveredOn },
        ...(delivery.note !== null ? { note: {} } : {}),
      },
    });
    // The caller has just been found to see the case, if there is one.
    return toDeliveryResponse(
      { ...delivery, serviceType },
      new Set(delivery.caseId ? [delivery.caseId] : []),
    );
  }

  /**
   * The case must be one the caller may see, about the same person (or a household the person
   * belongs to now), and not closed. It is locked until commit, so a concurrent closure waits.
   */
  private async checkCase(em: EntityManager, user: AuthUser, caseId: string, beneficiaryId: string) {
    const visible = await this.access.allowedIds(user, Resource.Case, [caseId], 'read', em);
    const found = visible.has(caseId) ? await this.deliveries.findCaseForShare(em, caseId) : null;
    if (!found) throw referenceNotFound('caseId', 'No such case');
    const aboutThePerson =
      found.beneficiaryId === beneficiaryId ||
      (found.householdId !== null &&
        (await this.deliveries.isCurrentHouseholdMember(em, beneficiaryId, found.householdId)));
    if (!aboutThePerson) {
      throw new BusinessRuleError(
        ErrorCode.CaseNotOfBeneficiary,
        'The case is about another person, or a household the person does not belong to',
        { caseId: ['otherBeneficiary'] },
      );
    }
    // A conflict with the case's state, as everywhere a closed case refuses more work.
    if (found.status === CaseStatus.Closed) {
      throw new ConflictError(ErrorCode.CaseClosed, 'The case is closed; a supervisor may reopen it', {
        caseId: ['closed'],
      });
    }
  }

  /** Of the cases deliveries name, those the caller may read; the others are not shown. */
  private async readableCases(
    em: EntityManager,
    user: AuthUser,
    caseIds: ReadonlyArray<string | null>,
  ): Promise<Set<string>> {
    const ids = caseIds.filter((id): id is string => id !== null);
    if (!ids.length || !user.permissions.has(Permission.CaseRead)) return new Set();
    return this.access.allowedIds(user, Resource.Case, ids, 'read', em);
  }
}

function referenceNotFound(field: string, message: string): BusinessRuleError {
  return new BusinessRuleError(ErrorCode.ReferencedRecordNotFound, message, { [field]: ['notFound'] });
}

function parseDeliveryCursor(cursor: string | undefined): DeliveryKey | undefined {
  const key = parseCursor(cursor, ['string', 'string', 'string']) as DeliveryKey | undefined;
  if (key && !(isIsoCalendarDate(key[0]) && isIsoInstant(key[1]) && UUID.test(key[2]))) {
    throw new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: cursor', { cursor: ['invalid'] });
  }
  return key;
}

function toDeliveryResponse(
  d: ServiceDelivery,
  readableCases: ReadonlySet<string>,
): ServiceDeliveryResponseDto {
  return {
    id: d.id,
    organisationId: d.organisationId,
    beneficiaryId: d.beneficiaryId,
    serviceTypeId: d.serviceTypeId,
    serviceTypeName: d.serviceType!.name,
    unitId: d.unitId,
    caseId: d.caseId !== null && readableCases.has(d.caseId) ? d.caseId : null,
    referralId: d.referralId,
    deliveredOn: d.deliveredOn,
    deliveredByUserId: d.deliveredByUserId,
    note: d.note,
    createdAt: d.createdAt,
  };
}
