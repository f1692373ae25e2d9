import { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { Role } from '../auth/permissions';
import { AidCategory, AidKind, CountedPer } from '../distributions/distribution-codes';
import { AidItem } from '../distributions/entities/aid-item.entity';
import { DistributionRound } from '../distributions/entities/distribution-round.entity';
import { RoundItem } from '../distributions/entities/round-item.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { OrganisationKind } from '../organisations/entities/organisation-kind';
import { ServiceUnit } from '../organisations/entities/service-unit.entity';
import { ServiceType } from '../service-catalogue/entities/service-type.entity';
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

/** What each demo unit offers, as the Sultanbeyli association's units do. */
export const DEMO_SERVICE_TYPES: Readonly<
  Record<string, ReadonlyArray<{ name: string; description?: string }>>
> = {
  Protection: [
    { name: 'Protection screening interview', description: 'Identifies specific needs and risks' },
    { name: 'Home visit' },
    { name: 'Best interests assessment', description: 'For unaccompanied, separated and at-risk children' },
    { name: 'Interpretation support' },
  ],
  'Legal counselling': [
    { name: 'Legal advice session' },
    { name: 'Accompaniment to the migration office' },
    { name: 'Help with address registration' },
    { name: 'Legal information session (group)' },
  ],
  'Migration health centre': [
    { name: 'General practitioner consultation' },
    { name: 'Vaccination' },
    { name: 'Maternal and newborn health check' },
    { name: 'Health information session' },
  ],
  'Humanitarian aid': [
    { name: 'Household needs assessment' },
    {
      name: 'Emergency in-kind assistance',
      description: 'Food, hygiene and household items outside a distribution round',
    },
    { name: 'Winter support assessment' },
  ],
  "Women's solidarity centre": [
    { name: "Women's support group" },
    { name: 'Individual counselling session' },
    { name: 'Awareness session on gender-based violence' },
    { name: 'Handicraft workshop' },
  ],
  'Children and youth centre': [
    { name: 'Child-friendly space activity' },
    { name: 'Homework support' },
    { name: 'Youth club session' },
    { name: 'Psychosocial activity for children' },
  ],
  'Language courses': [
    { name: 'Turkish A1 course' },
    { name: 'Turkish A2 course' },
    { name: 'Turkish B1 course' },
    { name: 'Literacy course for adults' },
  ],
  'Work and vocational counselling': [
    { name: 'Job counselling session' },
    { name: 'CV preparation' },
    { name: 'Work permit application support' },
    { name: 'Vocational training placement' },
  ],
  'Psychosocial support': [
    { name: 'Individual psychological counselling' },
    { name: 'Psychosocial group session' },
    { name: 'Psychiatric assessment' },
  ],
  'Legal aid clinic': [
    { name: 'Legal consultation' },
    { name: 'Legal representation' },
    { name: 'Court accompaniment' },
  ],
};

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
 * organisation yet. Then gives every demo unit without service types its demo catalogue, so that
 * a database seeded before the catalogue existed gets one too, and a second run adds nothing.
 * A transaction-level advisory lock keeps two starting processes from seeding twice. Returns true
 * when it seeded the organisations.
 */
export async function seedDemoData(dataSource: DataSource): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return dataSource.transaction(async (em) => {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('sukom:demo-seed'))`);
    const empty = (await em.count(Organisation)) === 0;
    if (empty) await seedOrganisationsAndUsers(em, passwordHash);
    await seedDemoServiceTypes(em);
    await seedDemoAidCatalogue(em);
    return empty;
  });
}

async function seedOrganisationsAndUsers(em: EntityManager, passwordHash: string): Promise<void> {
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
}

/**
 * The demo catalogue, for the demo organisations' units (found by name) that have no service type
 * yet. A unit whose catalogue an administrator has started is left as it is.
 */
async function seedDemoServiceTypes(em: EntityManager): Promise<void> {
  const units: Array<{ id: string; organisation_id: string; name: string }> = await em.query(
    `SELECT su.id, su.organisation_id, su.name FROM service_units su
       JOIN organisations o ON o.id = su.organisation_id
      WHERE o.name = ANY($1::text[]) AND su.name = ANY($2::text[])
        AND NOT EXISTS (SELECT 1 FROM service_types st WHERE st.unit_id = su.id)`,
    [
      [DEMO_HOST, DEMO_PARTNER],
      [...HOST_UNITS, ...PARTNER_UNITS],
    ],
  );
  const rows = units.flatMap((unit) =>
    (DEMO_SERVICE_TYPES[unit.name] ?? []).map((t) => ({
      organisationId: unit.organisation_id,
      unitId: unit.id,
      name: t.name,
      description: t.description ?? null,
      isActive: true,
    })),
  );
  if (rows.length) await em.insert(ServiceType, rows);
}

/** The demo host's aid catalogue, with values in Turkish lira as a Sultanbeyli association would set them. */
export const DEMO_AID_ITEMS: ReadonlyArray<{
  name: string;
  category: AidCategory;
  kind: AidKind;
  unit: string;
  unitValue: string;
}> = [
  {
    name: 'Food parcel',
    category: AidCategory.FoodParcel,
    kind: AidKind.InKind,
    unit: 'parcel',
    unitValue: '1750.00',
  },
  {
    name: 'Food voucher',
    category: AidCategory.FoodVoucher,
    kind: AidKind.Voucher,
    unit: 'voucher',
    unitValue: '1500.00',
  },
  {
    name: 'Hygiene kit',
    category: AidCategory.HygieneKit,
    kind: AidKind.InKind,
    unit: 'kit',
    unitValue: '650.00',
  },
  {
    name: 'Blanket',
    category: AidCategory.Blanket,
    kind: AidKind.InKind,
    unit: 'piece',
    unitValue: '450.00',
  },
  { name: 'Heater', category: AidCategory.Heater, kind: AidKind.InKind, unit: 'piece', unitValue: '2800.00' },
  {
    name: 'Clothing voucher',
    category: AidCategory.ClothingVoucher,
    kind: AidKind.Voucher,
    unit: 'voucher',
    unitValue: '1200.00',
  },
  // Cash is counted in lira: one unit is worth one lira, the quantity is the amount.
  {
    name: 'Cash transfer',
    category: AidCategory.CashTransfer,
    kind: AidKind.Cash,
    unit: 'TRY',
    unitValue: '1.00',
  },
  {
    name: 'Rent support',
    category: AidCategory.RentSupport,
    kind: AidKind.Cash,
    unit: 'TRY',
    unitValue: '1.00',
  },
];

export const DEMO_ROUND_LOCATION = 'Sultanbeyli distribution centre';

/** "Winter support 2026": the round the demo distribution officer works in. */
export const demoRoundName = (today: Date = new Date()): string => `Winter support ${today.getUTCFullYear()}`;

/**
 * The demo host's aid catalogue and one winter round covering today ± 90 days, with the rules of
 * the walkthrough: a food parcel per household every 30 days at the earliest and not with a food
 * voucher; up to 2 hygiene kits per person in 90 days; one blanket per household a year. Only
 * when the host has no aid item yet: a catalogue an administrator has started is left alone.
 */
async function seedDemoAidCatalogue(em: EntityManager): Promise<void> {
  const hosts: Array<{ id: string; admin_id: string | null }> = await em.query(
    `SELECT o.id,
            (SELECT u.id FROM users u WHERE u.organisation_id = o.id AND u.role = $2
              ORDER BY (u.username = 'admin') DESC, u.created_at LIMIT 1) AS admin_id
       FROM organisations o
      WHERE o.name = $1 AND NOT EXISTS (SELECT 1 FROM aid_items ai WHERE ai.organisation_id = o.id)`,
    [DEMO_HOST, Role.Admin],
  );
  const host = hosts[0];
  if (!host) return;
  const items = await em.save(
    DEMO_AID_ITEMS.map((item) =>
      em.create(AidItem, { ...item, organisationId: host.id, currency: 'TRY', isActive: true }),
    ),
  );
  if (!host.admin_id) return;
  const id = (name: string) => items.find((i) => i.name === name)!.id;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const round = await em.save(
    em.create(DistributionRound, {
      organisationId: host.id,
      name: demoRoundName(),
      startsOn: day(-90),
      endsOn: day(90),
      locations: [DEMO_ROUND_LOCATION],
      eligibleVulnerabilities: [],
      minHouseholdSize: null,
      maxHouseholdSize: null,
      eligibleDistricts: [],
      eligibleLegalStatuses: [],
      createdByUserId: host.admin_id,
    }),
  );
  const rule = { roundId: round.id, organisationId: host.id, minDaysBetween: null, maxPerPeriod: null };
  await em.insert(RoundItem, [
    {
      ...rule,
      aidItemId: id('Food parcel'),
      countedPer: CountedPer.Household,
      quantityPerReceipt: '1.00',
      minDaysBetween: 30,
      periodDays: null,
      exclusiveWithItemIds: [id('Food voucher')],
    },
    {
      ...rule,
      aidItemId: id('Hygiene kit'),
      countedPer: CountedPer.Person,
      quantityPerReceipt: '1.00',
      maxPerPeriod: 2,
      periodDays: 90,
      exclusiveWithItemIds: [],
    },
    {
      ...rule,
      aidItemId: id('Blanket'),
      countedPer: CountedPer.Household,
      quantityPerReceipt: '1.00',
      maxPerPeriod: 1,
      periodDays: 365,
      exclusiveWithItemIds: [],
    },
  ]);
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
