import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ServiceUnit } from '../../organisations/entities/service-unit.entity';
import { User } from './user.entity';

/**
 * A user's membership of a service unit. The organisation is part of both foreign keys, so the
 * database itself refuses a unit of another organisation.
 */
@Entity('user_units')
@Index('ix_user_units_unit', ['unitId'])
export class UserUnit {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid' })
  unitId!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'user_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_user_units_user' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  user?: User;

  @ManyToOne(() => ServiceUnit, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'unit_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_user_units_unit' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  unit?: ServiceUnit;
}
