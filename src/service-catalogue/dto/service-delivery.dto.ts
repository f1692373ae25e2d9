import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsCalendarDate, IsNotFutureDate } from '../../common/validation/field-rules';
import { Trim } from '../../common/validation/transforms';

export class CreateServiceDeliveryDto {
  /** A person the caller may see. */
  @IsUUID()
  beneficiaryId!: string;

  /**
   * An active service type of the caller's organisation, of a unit the caller belongs to; the
   * delivery is recorded in that unit.
   */
  @IsUUID()
  serviceTypeId!: string;

  /** The day the service was delivered (`YYYY-MM-DD`), not in the future. */
  @IsNotFutureDate()
  deliveredOn!: string;

  /**
   * A case the caller may see, not closed, of the same person or of a household the person
   * belongs to now.
   */
  @IsOptional()
  @IsUUID()
  caseId?: string | null;

  /**
   * The referral the service answers: accepted or in progress, about this person, addressed to
   * one of the caller's units (otherwise 422 REFERENCED_RECORD_NOT_FOUND naming `referralId`).
   * To complete the referral with the service, use POST /referrals/{id}/transitions with
   * `serviceDelivery` instead: it records both at once.
   */
  @IsOptional()
  @IsUUID()
  referralId?: string | null;

  /** What was done, without sensitive detail (that belongs in a sensitive case note). */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string | null;
}

export class ListServiceDeliveriesQuery extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  beneficiaryId?: string;

  @IsOptional()
  @IsUUID()
  caseId?: string;

  @IsOptional()
  @IsUUID()
  unitId?: string;

  @IsOptional()
  @IsUUID()
  serviceTypeId?: string;

  /** Delivered on or after this day (`YYYY-MM-DD`). */
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  /** Delivered on or before this day (`YYYY-MM-DD`); not before `from`. */
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class ServiceDeliveryResponseDto {
  id!: string;
  organisationId!: string;
  beneficiaryId!: string;
  serviceTypeId!: string;
  /** The service type's name, for lists. */
  serviceTypeName!: string;
  /** The service type's unit at the time of delivery. */
  unitId!: string;
  /** Null when there is no case, and when the case is one the caller may not see. */
  caseId!: string | null;
  referralId!: string | null;
  /** `YYYY-MM-DD`. */
  deliveredOn!: string;
  deliveredByUserId!: string;
  note!: string | null;
  createdAt!: Date;
}

export class ServiceDeliveryPageDto {
  items!: ServiceDeliveryResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
