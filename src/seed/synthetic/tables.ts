import { CopyBuffer, CopyValue } from './copy-format';

/**
 * The rows the generator produces, one interface per table, and the batch of COPY buffers they are
 * encoded into. Columns are listed in the order the COPY statements name them; identity columns
 * (`case_status_changes.id`, `case_assignments.id`) are left to the database.
 */

export interface HouseholdRow {
  id: string;
  registeredUnitId: string;
  createdByUserId: string;
  notes: string | null;
  createdAt: string;
}

export interface BeneficiaryRow {
  id: string;
  registeredUnitId: string;
  registeredByUserId: string;
  givenName: string;
  familyName: string | null;
  fatherName: string | null;
  motherName: string | null;
  nameArabic: string | null;
  nameKeys: readonly string[];
  sex: string;
  dateOfBirth: string | null;
  birthDatePrecision: string | null;
  nationality: string | null;
  languages: readonly string[];
  phones: readonly string[];
  addressLine: string | null;
  neighbourhood: string | null;
  district: string | null;
  province: string | null;
  arrivalDate: string | null;
  legalStatus: string | null;
  vulnerabilities: readonly string[];
  notes: string | null;
  healthConditions: string | null;
  protectionConcerns: string | null;
  ethnicity: string | null;
  religion: string | null;
  createdAt: string;
}

export interface MembershipRow {
  id: string;
  householdId: string;
  beneficiaryId: string;
  relationship: string;
  startedOn: string;
  endedOn: string | null;
  exitReason: string | null;
  createdByUserId: string;
  endedByUserId: string | null;
  createdAt: string;
}

export interface DocumentRow {
  id: string;
  beneficiaryId: string;
  type: string;
  number: string;
  issuingCountry: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  createdByUserId: string;
  createdAt: string;
}

export interface ConsentRow {
  id: string;
  beneficiaryId: string;
  purpose: string;
  recipientOrganisationId: string | null;
  scope: readonly string[];
  decision: string;
  decidedOn: string;
  expiresOn: string | null;
  reference: string | null;
  recordedByUserId: string;
  recordedAt: string;
  withdrawnAt: string | null;
  withdrawnByUserId: string | null;
  withdrawalReason: string | null;
}

export interface CaseRow {
  id: string;
  beneficiaryId: string | null;
  householdId: string | null;
  type: string;
  unitId: string;
  assignedUserId: string | null;
  riskLevel: string;
  status: string;
  closureReason: string | null;
  summary: string | null;
  openedByUserId: string;
  openedAt: string;
  closedAt: string | null;
  updatedAt: string;
}

export interface StatusChangeRow {
  caseId: string;
  fromStatus: string | null;
  toStatus: string;
  closureReason: string | null;
  note: string | null;
  changedByUserId: string;
  changedAt: string;
}

export interface AssignmentRow {
  caseId: string;
  assignedUserId: string | null;
  assignedByUserId: string;
  note: string | null;
  assignedAt: string;
}

export interface NoteRow {
  id: string;
  caseId: string;
  body: string;
  isSensitive: boolean;
  authorUserId: string;
  createdAt: string;
}

export interface FollowUpRow {
  id: string;
  caseId: string;
  description: string;
  dueOn: string;
  assignedUserId: string | null;
  createdByUserId: string;
  createdAt: string;
  completedAt: string | null;
  completedByUserId: string | null;
  outcome: string | null;
}

export interface DeliveryRow {
  id: string;
  beneficiaryId: string;
  serviceTypeId: string;
  unitId: string;
  caseId: string | null;
  deliveredOn: string;
  deliveredByUserId: string;
  note: string | null;
  createdAt: string;
}

/** Where the generator puts its rows; the loader's batch implements it. */
export interface RowSink {
  household(row: HouseholdRow): void;
  beneficiary(row: BeneficiaryRow): void;
  membership(row: MembershipRow): void;
  document(row: DocumentRow): void;
  consent(row: ConsentRow): void;
  caseFile(row: CaseRow): void;
  statusChange(row: StatusChangeRow): void;
  assignment(row: AssignmentRow): void;
  note(row: NoteRow): void;
  followUp(row: FollowUpRow): void;
  delivery(row: DeliveryRow): void;
}

/**
 * One batch of rows in COPY text, table by table, in an order that satisfies the foreign keys
 * when loaded in one transaction.
 */
export class CopyBatch implements RowSink {
  private readonly households = new CopyBuffer('households', [
    'id',
    'organisation_id',
    'registered_unit_id',
    'created_by_user_id',
    'notes',
    'created_at',
    'updated_at',
  ]);
  private readonly beneficiaries = new CopyBuffer('beneficiaries', [
    'id',
    'organisation_id',
    'registered_unit_id',
    'registered_by_user_id',
    'given_name',
    'family_name',
    'father_name',
    'mother_name',
    'name_arabic',
    'name_keys',
    'sex',
    'date_of_birth',
    'birth_date_precision',
    'nationality',
    'languages',
    'phones',
    'address_line',
    'neighbourhood',
    'district',
    'province',
    'arrival_date',
    'legal_status',
    'vulnerabilities',
    'notes',
    'health_conditions',
    'protection_concerns',
    'ethnicity',
    'religion',
    'created_at',
    'updated_at',
  ]);
  private readonly memberships = new CopyBuffer('household_memberships', [
    'id',
    'organisation_id',
    'household_id',
    'beneficiary_id',
    'relationship',
    'started_on',
    'ended_on',
    'exit_reason',
    'created_by_user_id',
    'ended_by_user_id',
    'created_at',
  ]);
  private readonly documents = new CopyBuffer('identity_documents', [
    'id',
    'organisation_id',
    'beneficiary_id',
    'type',
    'number',
    'issuing_country',
    'issued_on',
    'expires_on',
    'created_by_user_id',
    'created_at',
  ]);
  private readonly consents = new CopyBuffer('consents', [
    'id',
    'organisation_id',
    'beneficiary_id',
    'purpose',
    'recipient_organisation_id',
    'scope',
    'decision',
    'decided_on',
    'expires_on',
    'reference',
    'recorded_by_user_id',
    'recorded_at',
    'withdrawn_at',
    'withdrawn_by_user_id',
    'withdrawal_reason',
  ]);
  private readonly cases = new CopyBuffer('case_files', [
    'id',
    'organisation_id',
    'beneficiary_id',
    'household_id',
    'type',
    'unit_id',
    'assigned_user_id',
    'risk_level',
    'status',
    'closure_reason',
    'summary',
    'opened_by_user_id',
    'opened_at',
    'closed_at',
    'updated_at',
  ]);
  private readonly statusChanges = new CopyBuffer('case_status_changes', [
    'case_id',
    'from_status',
    'to_status',
    'closure_reason',
    'note',
    'changed_by_user_id',
    'changed_at',
  ]);
  private readonly assignments = new CopyBuffer('case_assignments', [
    'case_id',
    'assigned_user_id',
    'assigned_by_user_id',
    'note',
    'assigned_at',
  ]);
  private readonly notes = new CopyBuffer('case_notes', [
    'id',
    'case_id',
    'body',
    'is_sensitive',
    'author_user_id',
    'created_at',
  ]);
  private readonly followUps = new CopyBuffer('case_follow_ups', [
    'id',
    'case_id',
    'description',
    'due_on',
    'assigned_user_id',
    'created_by_user_id',
    'created_at',
    'completed_at',
    'completed_by_user_id',
    'outcome',
  ]);
  private readonly deliveries = new CopyBuffer('service_deliveries', [
    'id',
    'organisation_id',
    'beneficiary_id',
    'service_type_id',
    'unit_id',
    'case_id',
    'referral_id',
    'delivered_on',
    'delivered_by_user_id',
    'note',
    'created_at',
  ]);

  /** Foreign-key order: parents before children. */
  private readonly ordered: readonly CopyBuffer[] = [
    this.households,
    this.beneficiaries,
    this.memberships,
    this.documents,
    this.consents,
    this.cases,
    this.statusChanges,
    this.assignments,
    this.notes,
    this.followUps,
    this.deliveries,
  ];

  constructor(private readonly organisationId: string) {}

  /** The tables this batch type writes to, in load order. */
  get tables(): readonly string[] {
    return this.ordered.map((b) => b.table);
  }

  get beneficiaryCount(): number {
    return this.beneficiaries.size;
  }

  get rowCount(): number {
    return this.ordered.reduce((sum, b) => sum + b.size, 0);
  }

  /** Per table: the COPY statement and its payload; empties the batch. Tables without rows are left out. */
  take(): { table: string; statement: string; payload: string; rows: number }[] {
    return this.ordered
      .filter((b) => b.size > 0)
      .map((b) => ({ table: b.table, statement: b.statement(), rows: b.size, payload: b.take() }));
  }

  household(r: HouseholdRow): void {
    this.households.add([
      r.id,
      this.organisationId,
      r.registeredUnitId,
      r.createdByUserId,
      r.notes,
      r.createdAt,
      r.createdAt,
    ]);
  }

  beneficiary(r: BeneficiaryRow): void {
    const values: CopyValue[] = [
      r.id,
      this.organisationId,
      r.registeredUnitId,
      r.registeredByUserId,
      r.givenName,
      r.familyName,
      r.fatherName,
      r.motherName,
      r.nameArabic,
      r.nameKeys,
      r.sex,
      r.dateOfBirth,
      r.birthDatePrecision,
      r.nationality,
      r.languages,
      r.phones,
      r.addressLine,
      r.neighbourhood,
      r.district,
      r.province,
      r.arrivalDate,
      r.legalStatus,
      r.vulnerabilities,
      r.notes,
      r.healthConditions,
      r.protectionConcerns,
      r.ethnicity,
      r.religion,
      r.createdAt,
      r.createdAt,
    ];
    this.beneficiaries.add(values);
  }

  membership(r: MembershipRow): void {
    this.memberships.add([
      r.id,
      this.organisationId,
      r.householdId,
      r.beneficiaryId,
      r.relationship,
      r.startedOn,
      r.endedOn,
      r.exitReason,
      r.createdByUserId,
      r.endedByUserId,
      r.createdAt,
    ]);
  }

  document(r: DocumentRow): void {
    this.documents.add([
      r.id,
      this.organisationId,
      r.beneficiaryId,
      r.type,
      r.number,
      r.issuingCountry,
      r.issuedOn,
      r.expiresOn,
      r.createdByUserId,
      r.createdAt,
    ]);
  }

  consent(r: ConsentRow): void {
    this.consents.add([
      r.id,
      this.organisationId,
      r.beneficiaryId,
      r.purpose,
      r.recipientOrganisationId,
      r.scope,
      r.decision,
      r.decidedOn,
      r.expiresOn,
      r.reference,
      r.recordedByUserId,
      r.recordedAt,
      r.withdrawnAt,
      r.withdrawnByUserId,
      r.withdrawalReason,
    ]);
  }

  caseFile(r: CaseRow): void {
    this.cases.add([
      r.id,
      this.organisationId,
      r.beneficiaryId,
      r.householdId,
      r.type,
      r.unitId,
      r.assignedUserId,
      r.riskLevel,
      r.status,
      r.closureReason,
      r.summary,
      r.openedByUserId,
      r.openedAt,
      r.closedAt,
      r.updatedAt,
    ]);
  }

  statusChange(r: StatusChangeRow): void {
    this.statusChanges.add([
      r.caseId,
      r.fromStatus,
      r.toStatus,
      r.closureReason,
      r.note,
      r.changedByUserId,
      r.changedAt,
    ]);
  }

  assignment(r: AssignmentRow): void {
    this.assignments.add([r.caseId, r.assignedUserId, r.assignedByUserId, r.note, r.assignedAt]);
  }

  note(r: NoteRow): void {
    this.notes.add([r.id, r.caseId, r.body, r.isSensitive, r.authorUserId, r.createdAt]);
  }

  followUp(r: FollowUpRow): void {
    this.followUps.add([
      r.id,
      r.caseId,
      r.description,
      r.dueOn,
      r.assignedUserId,
      r.createdByUserId,
      r.createdAt,
      r.completedAt,
      r.completedByUserId,
      r.outcome,
    ]);
  }

  delivery(r: DeliveryRow): void {
    this.deliveries.add([
      r.id,
      this.organisationId,
      r.beneficiaryId,
      r.serviceTypeId,
      r.unitId,
      r.caseId,
      null,
      r.deliveredOn,
      r.deliveredByUserId,
      r.note,
      r.createdAt,
    ]);
  }
}
