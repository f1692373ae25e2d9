import { AuditAction, AuditEntity } from '../audit-action';

export class AuditEventResponseDto {
  id!: string;
  occurredAt!: Date;
  actorUserId!: string | null;
  actorOrganisationId!: string | null;
  actorRole!: string | null;
  action!: AuditAction;
  entityType!: AuditEntity;
  entityId!: string | null;
  organisationId!: string | null;
  fieldsRead!: string[] | null;
  /** Changed fields; values only for codes and flags, never for personal data. */
  changes!: Record<string, unknown> | null;
  ip!: string | null;
  userAgent!: string | null;
  requestId!: string | null;
}

export class AuditEventPageDto {
  items!: AuditEventResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
