import { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { Role } from '../auth/permissions';
import { Organisation } from '../organisations/entities/organisation.entity';
import { OrganisationKind } from '../organisations/entities/organisation-kind';
import { ServiceUnit } from '../organisations/entities/service-unit.entity';
import { UserUnit } from '../users/entities/user-unit.entity';
import { User } from '../users/entities/user.entity';

/** The one password of every demo account. Demo data only exists in embedded mode on loopback. */
export const DEMO_PASSWORD = 'sukom-demo-2026';

export const DEMO_HOST = 'Demo Refugee Association';
export const DEMO_PARTNER = 'Demo Partner NGO';

const HOST_UNITS = [
  'Protection',
  'Legal counselling',
  'Migration health centre',
  'Humanitarian aid',
  "Women's solidarity centre",
  'Children and youth centre',
  'Language courses',
  'Work and vocational counselling',
];
const PARTNER_UNITS = ['Psychosocial support', 'Legal aid clinic'];

export interface DemoLogin {
  username: string;
  role: Role;
  organisation: string;
}

export const DEMO_USERS: ReadonlyArray<DemoLogin & { displayName: string; units: string[] }> = [
  { username: 'admin', role: Role.Admin, organisation: DEMO_HOST, displayName: 'Demo Admin', units: [] },
  {
    username: 'supervisor',
    role: Role.Supervisor,
    organisation: DEMO_HOST,
    displayName: 'Demo Supervisor',
    units: ['Protection', 'Legal counselling'],
  },
  {
    username: 'caseworker',
    role: Role.Caseworker,
    organisation: DEMO_HOST,
    displayName: 'Demo Caseworker',
    units: ['Protection'],
  },
  {
    username: 'distribution',
    role: Role.DistributionOfficer,
    organisation: DEMO_HOST,
    displayName: 'Demo Distribution Officer',
    units: ['Humanitarian aid'],
  },
  {
    username: 'dpo',
    role: Role.DataProtectionOfficer,
    organisation: DEMO_HOST,
    displayName: 'Demo Data Protection Officer',
    units: [],
  },
  {
    username: 'partner',
    role: Role.Partner,
    organisation: DEMO_PARTNER,
    displayName: 'Demo Partner Caseworker',
    units: ['Psychosocial support'],
  },
];

/**
 * Seeds the demo organisations, units and one user per role, once: when the database has no
 * organisation yet. A transaction-level advisory lock keeps two starting processes from seeding
 * twice. Returns true when it seeded.
 */
export async function seedDemoData(dataSource: DataSource): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return dataSource.transaction(async (em) => {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('sukom:demo-seed'))`);
    if ((await em.count(Organisation)) > 0) return false;
    const host = await createOrganisation(em, DEMO_HOST, OrganisationKind.Host, HOST_UNITS);
    const partner = await createOrganisation(em, DEMO_PARTNER, OrganisationKind.PartnerNgo, PARTNER_UNITS);
    const orgs: Record<string, typeof host> = { [DEMO_HOST]: host, [DEMO_PARTNER]: partner };
    for (const u of DEMO_USERS) {
      const org = orgs[u.organisation];
      const user = await em.save(
        em.create(User, {
          organisationId: org.organisation.id,
          username: u.username,
          displayName: u.displayName,
          passwordHash,
          role: u.role,
          isActive: true,
          lastLoginAt: null,
        }),
      );
      if (u.units.length) {
        await em.insert(
          UserUnit,
          u.units.map((name) => ({
            userId: user.id,
            unitId: org.units.get(name)!.id,
            organisationId: org.organisation.id,
          })),
        );
      }
    }
    return true;
  });
}

async function createOrganisation(
  em: EntityManager,
  name: string,
  kind: OrganisationKind,
  unitNames: string[],
) {
  const organisation = await em.save(em.create(Organisation, { name, kind, isActive: true }));
  const units = new Map<string, ServiceUnit>();
  for (const unitName of unitNames) {
    units.set(
      unitName,
      await em.save(
        em.create(ServiceUnit, { organisationId: organisation.id, name: unitName, isActive: true }),
      ),
    );
  }
  return { organisation, units };
}
