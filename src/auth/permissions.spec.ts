import { Permission, permissionsOf, Role, ROLE_PERMISSIONS, ROLES } from './permissions';

const KNOWN_PERMISSIONS = new Set<string>(Object.values(Permission));

describe(permissionsOf.name, () => {
  it('covers every role', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });

  it.each(ROLES)('gives %s only known permissions, each once', (role) => {
    const listed = ROLE_PERMISSIONS[role];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((p) => !KNOWN_PERMISSIONS.has(p))).toEqual([]);
    expect(permissionsOf(role).size).toBe(listed.length);
  });

  it('does not let a partner read sensitive case content or record distributions', () => {
    const partner = permissionsOf(Role.Partner);
    expect(partner.has(Permission.CaseReadSensitive)).toBe(false);
    expect(partner.has(Permission.DistributionRecord)).toBe(false);
  });

  it('does not let a distribution officer read cases or sensitive beneficiary data', () => {
    const officer = permissionsOf(Role.DistributionOfficer);
    expect(officer.has(Permission.CaseRead)).toBe(false);
    expect(officer.has(Permission.BeneficiaryReadSensitive)).toBe(false);
    expect(officer.has(Permission.BeneficiaryRead)).toBe(false);
    expect(officer.has(Permission.BeneficiaryLookup)).toBe(true);
  });

  it('lets every role that reads beneficiaries also look them up', () => {
    for (const role of ROLES) {
      if (permissionsOf(role).has(Permission.BeneficiaryRead)) {
        expect(permissionsOf(role).has(Permission.BeneficiaryLookup)).toBe(true);
      }
    }
  });

  it('lets a distribution officer record distributions', () => {
    expect(permissionsOf(Role.DistributionOfficer).has(Permission.DistributionRecord)).toBe(true);
  });

  it('does not let an admin read sensitive case content', () => {
    expect(permissionsOf(Role.Admin).has(Permission.CaseReadSensitive)).toBe(false);
  });

  it('keeps the audit trail for the data protection officer', () => {
    expect(permissionsOf(Role.DataProtectionOfficer).has(Permission.AuditRead)).toBe(true);
    expect(permissionsOf(Role.Admin).has(Permission.AuditRead)).toBe(false);
  });
});
