import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { DocumentType } from '../documents/document-type';
import { Beneficiary } from './beneficiary.entity';

/**
 * An identity document of a beneficiary. Within an organisation a number of a type belongs to one
 * person only; the unique index decides races. Across organisations the same person may be
 * registered twice: that is the duplicate engine's business, and a conflict here must not reveal
 * another organisation's records.
 */
@Entity('identity_documents')
@Index('uq_identity_documents_number', ['organisationId', 'type', 'number'], { unique: true })
@Index('ix_identity_documents_number', ['number'])
@Index('ix_identity_documents_beneficiary', ['beneficiaryId'])
export class IdentityDocument {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'uuid' })
  beneficiaryId!: string;

  @ManyToOne(() => Beneficiary, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'beneficiary_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_identity_documents_beneficiary',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  beneficiary?: Beneficiary;

  @Column({ type: 'varchar', length: 32 })
  type!: DocumentType;

  /** Normalised (see documents/document-number.ts). */
  @Column({ type: 'varchar', length: 40 })
  number!: string;

  @Column({ type: 'varchar', length: 2, nullable: true })
  issuingCountry!: string | null;

  @Column({ type: 'date', nullable: true })
  issuedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  expiresOn!: string | null;

  @Column({ type: 'uuid' })
  createdByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_user_id', foreignKeyConstraintName: 'fk_identity_documents_created_by' })
  createdBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
