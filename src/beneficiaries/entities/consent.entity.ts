import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from '../../organisations/entities/organisation.entity';
import { User } from '../../users/entities/user.entity';
import { ConsentDecision, ConsentPurpose, ConsentScope } from '../beneficiary-codes';
import { Beneficiary } from './beneficiary.entity';

/**
 * A beneficiary's decision, given or refused, for one purpose (and, for sharing and referral, one
 * recipient organisation). Never edited: a new decision is a new row and the latest one counts;
 * withdrawal stamps the row and ends it.
 */
@Entity('consents')
@Index('ix_consents_beneficiary_purpose', ['beneficiaryId', 'purpose', 'recipientOrganisationId'])
@Check('ck_consents_period', `"expires_on" IS NULL OR "expires_on" >= "decided_on"`)
@Check('ck_consents_withdrawal', `("withdrawn_at" IS NULL) = ("withdrawn_by_user_id" IS NULL)`)
export class Consent {
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
      foreignKeyConstraintName: 'fk_consents_beneficiary',
    },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  beneficiary?: Beneficiary;

  @Column({ type: 'varchar', length: 32 })
  purpose!: ConsentPurpose;

  @Column({ type: 'uuid', nullable: true })
  recipientOrganisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_organisation_id', foreignKeyConstraintName: 'fk_consents_recipient' })
  recipientOrganisation?: Organisation;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scope!: ConsentScope[];

  @Column({ type: 'varchar', length: 16 })
  decision!: ConsentDecision;

  @Column({ type: 'date' })
  decidedOn!: string;

  /** The last day the consent holds; null for no expiry. */
  @Column({ type: 'date', nullable: true })
  expiresOn!: string | null;

  /** Where the signed form or recording is kept, e.g. a form number. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  reference!: string | null;

  @Column({ type: 'uuid' })
  recordedByUserId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_user_id', foreignKeyConstraintName: 'fk_consents_recorded_by' })
  recordedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnByUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'withdrawn_by_user_id', foreignKeyConstraintName: 'fk_consents_withdrawn_by' })
  withdrawnBy?: User;

  @Column({ type: 'varchar', length: 500, nullable: true })
  withdrawalReason!: string | null;
}
