import { SnakeNamingStrategy } from './snake-naming.strategy';

describe(SnakeNamingStrategy.name, () => {
  const naming = new SnakeNamingStrategy();

  it.each([
    ['organisationId', 'organisation_id'],
    ['isActive', 'is_active'],
    ['lastLoginAt', 'last_login_at'],
    ['id', 'id'],
    ['documentURL', 'document_url'],
    ['HTTPStatus', 'http_status'],
    ['address2Line', 'address2_line'],
    ['already_snake', 'already_snake'],
  ])('maps property %p to column %p', (property, column) => {
    expect(naming.columnName(property, undefined, [])).toBe(column);
  });

  it('prefers the custom name, in snake_case too', () => {
    expect(naming.columnName('organisationId', 'ownerOrganisationId', [])).toBe('owner_organisation_id');
  });

  it('prefixes columns of embedded entities', () => {
    expect(naming.columnName('postCode', undefined, ['homeAddress'])).toBe('home_address_post_code');
  });

  it('names relations in snake_case', () => {
    expect(naming.relationName('serviceUnit')).toBe('service_unit');
  });

  it('names join columns after the relation and the referenced column', () => {
    expect(naming.joinColumnName('organisation', 'id')).toBe('organisation_id');
    expect(naming.joinColumnName('assignedCaseworker', 'id')).toBe('assigned_caseworker_id');
  });

  it('names join table columns after the table and the column', () => {
    expect(naming.joinTableColumnName('users', 'id')).toBe('users_id');
    expect(naming.joinTableColumnName('service_units', 'id', 'unitId')).toBe('service_units_unit_id');
  });
});
