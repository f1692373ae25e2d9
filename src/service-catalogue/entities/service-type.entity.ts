import {
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
import { ServiceUnit } from '../../organisations/entities/service-unit.entity';

/** A service a unit offers (legal advice session, psychosocial group, Turkish course A1, ...). */
@Entity('service_types')
@Index('uq_service_types_unit_name', ['unitId', 'name'], { unique: true })
@Unique('uq_service_types_id_organisation', ['id', 'organisationId'])
export class ServiceType {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => ServiceUnit, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'unit_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_service_types_unit' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  unit?: ServiceUnit;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description!: string | null;

  @Column({ type: 'boolean', default: true })
  isActive!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
