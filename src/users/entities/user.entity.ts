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
import { Role } from '../../auth/permissions';
import { Organisation } from '../../organisations/entities/organisation.entity';

/** A staff account. Belongs to one organisation and one or more of its units. */
@Entity('users')
// Target of user_units' composite foreign key: a user's units are units of the user's organisation.
@Unique('uq_users_id_organisation', ['id', 'organisationId'])
@Check('ck_users_username_lower', `"username" = lower("username")`)
@Check(
  'ck_users_role',
  `"role" IN ('admin', 'supervisor', 'caseworker', 'distribution_officer', 'partner', 'data_protection_officer')`,
)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  /** Stored lower-case; logins compare lower-case. */
  @Index('uq_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 200 })
  displayName!: string;

  /** argon2id PHC string; never leaves the server. */
  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash!: string;

  /** Where notifications are copied by e-mail; none when null. Stored lower-case. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @Column({ type: 'boolean', default: true })
  isActive!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
