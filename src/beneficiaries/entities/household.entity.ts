import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { ServiceUnit } from '../../organisations/entities/service-unit.entity';
import { User } from '../../users/entities/user.entity';

/**
 * The people who live and receive aid together. Its members and their relationships are in
 * household_memberships; its size is always counted from them, never stored.
 */
@Entity('households')
@Unique('uq_households_id_organisation', ['id', 'organisationId'])
export class Household {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_households_organisation' })
  organisation?: Organisation;

  @Column({ type: 'uuid' })
  registeredUnitId!: string;

  @ManyToOne(() => ServiceUnit, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'registered_unit_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_households_unit',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  registeredUnit?: ServiceUnit;

  @Column({ type: 'uuid' })
  createdByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_user_id', foreignKeyConstraintName: 'fk_households_created_by' })
  createdBy?: User;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
