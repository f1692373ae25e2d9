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
import { Beneficiary } from '../../beneficiaries/entities/beneficiary.entity';
import { Household } from '../../beneficiaries/entities/household.entity';
import { ServiceUnit } from '../../organisations/entities/service-unit.entity';
import { User } from '../../users/entities/user.entity';
import { CaseStatus, CaseType, ClosureReason, RiskLevel } from '../case-codes';

/**
 * The organisation's work with one beneficiary or one household (table `case_files`: `case` is a
 * reserved word). Status and assignment change only through the service, which writes their
 * append-only history. At most one case of a type is open per person or household.
 */
@Entity('case_files')
@Unique('uq_case_files_id_organisation', ['id', 'organisationId'])
@Index('uq_case_files_open_beneficiary_type', ['organisationId', 'beneficiaryId', 'type'], {
  unique: true,
  where: `"status" <> 'closed' AND "beneficiary_id" IS NOT NULL`,
})
@Index('uq_case_files_open_household_type', ['organisationId', 'householdId', 'type'], {
  unique: true,
  where: `"status" <> 'closed' AND "household_id" IS NOT NULL`,
})
@Index('ix_case_files_unit_status', ['unitId', 'status'])
@Index('ix_case_files_assigned_user', ['assignedUserId', 'status'])
@Index('ix_case_files_beneficiary', ['beneficiaryId'])
@Index('ix_case_files_household', ['householdId'])
@Index('ix_case_files_organisation_opened', ['organisationId', 'openedAt', 'id'])
@Check('ck_case_files_subject', `num_nonnulls("beneficiary_id", "household_id") = 1`)
@Check('ck_case_files_closure', `("status" = 'closed') = ("closure_reason" IS NOT NULL)`)
export class CaseFile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'uuid', nullable: true })
  beneficiaryId!: string | null;

  @ManyToOne(() => Beneficiary, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'beneficiary_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_case_files_beneficiary',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  beneficiary?: Beneficiary;

  @Column({ type: 'uuid', nullable: true })
  householdId!: string | null;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'household_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_case_files_household' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  household?: Household;

  @Column({ type: 'varchar', length: 32 })
  type!: CaseType;

  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => ServiceUnit, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'unit_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_case_files_unit' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  unit?: ServiceUnit;

  @Column({ type: 'uuid', nullable: true })
  assignedUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'assigned_user_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_case_files_assigned_user',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  assignedUser?: User;

  @Column({ type: 'varchar', length: 16 })
  riskLevel!: RiskLevel;

  @Column({ type: 'varchar', length: 16 })
  status!: CaseStatus;

  @Column({ type: 'varchar', length: 32, nullable: true })
  closureReason!: ClosureReason | null;

  /** What the case is about, in a few lines; not for sensitive detail, which goes in sensitive notes. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  summary!: string | null;

  @Column({ type: 'uuid' })
  openedByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opened_by_user_id', foreignKeyConstraintName: 'fk_case_files_opened_by' })
  openedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
