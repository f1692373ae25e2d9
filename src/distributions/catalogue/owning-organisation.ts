import { EntityManager } from 'typeorm';
import { AccessService } from '../../auth/access/access.service';
import { Resource } from '../../auth/access/scope-rules';
import type { AuthUser } from '../../auth/auth-user';
import { BusinessRuleError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Organisation } from '../../organisations/entities/organisation.entity';

/**
 * The organisation a new catalogue item or round belongs to: the caller's own, unless a host
 * administrator names another one. A named organisation the caller cannot see is a 422 naming
 * `organisationId`, as when creating a user. The row is held until commit so that it cannot be
 * deactivated meanwhile.
 */
export async function owningOrganisation(
  em: EntityManager,
  access: AccessService,
  user: AuthUser,
  organisationId: string | undefined,
): Promise<Organisation> {
  const id = organisationId ?? user.organisationId;
  const visible = await access.allowedIds(user, Resource.Organisation, [id], 'read', em);
  const organisation = visible.has(id)
    ? await em.findOne(Organisation, { where: { id }, lock: { mode: 'pessimistic_read' } })
    : null;
  if (!organisation) {
    throw new BusinessRuleError(ErrorCode.ReferencedRecordNotFound, 'No such organisation', {
      organisationId: ['notFound'],
    });
  }
  if (!organisation.isActive) {
    throw new BusinessRuleError(ErrorCode.OrganisationInactive, 'The organisation is deactivated', {
      organisationId: ['inactive'],
    });
  }
  return organisation;
}

/** A value and its currency: both or neither. Returns the 400 details, empty when they agree. */
export function moneyPairProblems(
  unitValue: number | null | undefined,
  currency: string | null | undefined,
): Record<string, string[]> {
  const sent = (v: unknown) => v !== undefined;
  const given = (v: unknown) => v !== undefined && v !== null;
  if (sent(unitValue) !== sent(currency) || given(unitValue) !== given(currency)) {
    return given(unitValue) || (sent(unitValue) && !sent(currency))
      ? { currency: ['bothOrNeither'] }
      : { unitValue: ['bothOrNeither'] };
  }
  return {};
}
