import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { ServiceUnit } from '../../organisations/entities/service-unit.entity';
import { User } from '../../users/entities/user.entity';
import { BirthDatePrecision, LegalStatus, Sex, Vulnerability } from '../beneficiary-codes';

/**
 * One person, registered once for the whole organisation. Names are stored as entered, in any
 * script; `nameKeys` holds the normalised spelling keys that search uses (see names/). The four
 * sensitive columns are never loaded unless a query asks for them by name.
 */
@Entity('beneficiaries')
// Target of the composite foreign keys that keep documents, memberships, cases and deliveries in
// the beneficiary's own organisation.
@Unique('uq_beneficiaries_id_organisation', ['id', 'organisationId'])
@Index('ix_beneficiaries_organisation_created', ['organisationId', 'createdAt', 'id'])
@Index('ix_beneficiaries_registered_unit', ['registeredUnitId'])
@Index('ix_beneficiaries_organisation_district', ['organisationId', 'district'])
@Index('ix_beneficiaries_name_keys', ['nameKeys'], { type: 'gin' })
@Index('ix_beneficiaries_phones', ['phones'], { type: 'gin' })
@Index('ix_beneficiaries_vulnerabilities', ['vulnerabilities'], { type: 'gin' })
@Check('ck_beneficiaries_birth_precision', `("date_of_birth" IS NULL) = ("birth_date_precision" IS NULL)`)
export class Beneficiary {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_beneficiaries_organisation' })
  organisation?: Organisation;

  /** The unit whose staff registered the person; caseworkers of that unit see the record. */
  @Column({ type: 'uuid' })
  registeredUnitId!: string;

  @ManyToOne(() => ServiceUnit, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'registered_unit_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_beneficiaries_unit',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  registeredUnit?: ServiceUnit;

  @Column({ type: 'uuid' })
  registeredByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'registered_by_user_id', foreignKeyConstraintName: 'fk_beneficiaries_registered_by' })
  registeredBy?: User;

  @Column({ type: 'varchar', length: 100 })
  givenName!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  familyName!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  fatherName!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  motherName!: string | null;

  /** The full name in Arabic script, where known. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  nameArabic!: string | null;

  /** Search keys of every name part; derived on every write, never sent by clients. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  nameKeys!: string[];

  @Column({ type: 'varchar', length: 16 })
  sex!: Sex;

  /** For a year-only or estimated date, 1 January or the estimate; `birthDatePrecision` says which. */
  @Column({ type: 'date', nullable: true })
  dateOfBirth!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  birthDatePrecision!: BirthDatePrecision | null;

  /** ISO 3166-1 alpha-2, or XX for stateless or unknown. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  nationality!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages!: string[];

  /** E.164. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  phones!: string[];

  @Column({ type: 'varchar', length: 300, nullable: true })
  addressLine!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  neighbourhood!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  district!: string | null;

  /** Province (il) or city. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  province!: string | null;

  @Column({ type: 'date', nullable: true })
  arrivalDate!: string | null;

  @Column({ type: 'varchar', length: 48, nullable: true })
  legalStatus!: LegalStatus | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  vulnerabilities!: Vulnerability[];

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  // Sensitive: returned only with beneficiary.read_sensitive, on request, and audited.
  @Column({ type: 'text', nullable: true, select: false })
  healthConditions!: string | null;

  @Column({ type: 'text', nullable: true, select: false })
  protectionConcerns!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true, select: false })
  ethnicity!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true, select: false })
  religion!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** The sensitive columns, which `select: false` keeps out of every query that does not name them. */
export const SENSITIVE_BENEFICIARY_FIELDS = [
  'healthConditions',
  'protectionConcerns',
  'ethnicity',
  'religion',
] as const;
export type SensitiveBeneficiaryField = (typeof SENSITIVE_BENEFICIARY_FIELDS)[number];
