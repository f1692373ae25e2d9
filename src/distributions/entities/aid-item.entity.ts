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
import { AidCategory, AidKind } from '../distribution-codes';

/** An item of an organisation's aid catalogue: what is handed out, in what unit, worth how much. */
@Entity('aid_items')
@Unique('uq_aid_items_id_organisation', ['id', 'organisationId'])
@Index('uq_aid_items_organisation_name', ['organisationId', 'name'], { unique: true })
@Check('ck_aid_items_value', `("unit_value" IS NULL) = ("currency" IS NULL)`)
@Check('ck_aid_items_unit_value', `"unit_value" IS NULL OR "unit_value" >= 0`)
export class AidItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_aid_items_organisation' })
  organisation?: Organisation;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  category!: AidCategory;

  @Column({ type: 'varchar', length: 16 })
  kind!: AidKind;

  /** What one counts: `parcel`, `kit`, `piece`, or for cash the currency's unit. */
  @Column({ type: 'varchar', length: 32 })
  unit!: string;

  /** The value of one unit, for reports; with `currency`, or neither. */
  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  unitValue!: string | null;

  /** ISO 4217. */
  @Column({ type: 'char', length: 3, nullable: true })
  currency!: string | null;

  @Column({ type: 'boolean', default: true })
  isActive!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
