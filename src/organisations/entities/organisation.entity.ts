import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { OrganisationKind } from './organisation-kind';

/** The host organisation, a partner NGO or a public body. Data belongs to an organisation. */
@Entity('organisations')
@Check('ck_organisations_kind', `"kind" IN ('host', 'partner_ngo', 'public_body')`)
// There is one host organisation: the one that runs the system and whose admins manage the others.
@Index('uq_organisations_single_host', ['kind'], { unique: true, where: `"kind" = 'host'` })
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_organisations_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: OrganisationKind;

  @Column({ type: 'boolean', default: true })
  isActive!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
