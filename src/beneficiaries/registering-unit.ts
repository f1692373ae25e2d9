import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { Role } from '../auth/permissions';
import { BusinessRuleError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import type { OrganisationsRepository } from '../organisations/organisations.repository';

/**
 * The unit a person or household is registered for, which decides which caseworkers see the
 * record: as asked, or the caller's only unit. A supervisor registers for any active unit of the
 * organisation; everyone else for one of their own.
 */
export async function registeringUnit(
  organisations: OrganisationsRepository,
  em: EntityManager,
  user: AuthUser,
  requested?: string,
): Promise<string> {
  let unitId = requested;
  if (unitId === undefined) {
    if (user.unitIds.length !== 1) {
      throw new BusinessRuleError(
        ErrorCode.RegisteredUnitRequired,
        'Name the registering unit: you belong to more than one unit, or to none',
        { registeredUnitId: ['required'] },
      );
    }
    unitId = user.unitIds[0];
  }
  if (user.role !== Role.Supervisor && !user.unitIds.includes(unitId)) {
    throw new BusinessRuleError(ErrorCode.NotMemberOfUnit, 'You may only register for your own units', {
      registeredUnitId: ['notMember'],
    });
  }
  const active = await organisations.activeUnitIdsOf(em, user.organisationId, [unitId]);
  if (!active.has(unitId)) {
    throw new BusinessRuleError(
      ErrorCode.ReferencedRecordNotFound,
      'The registering unit must be an active unit of your organisation',
      { registeredUnitId: ['notFound'] },
    );
  }
  return unitId;
}
