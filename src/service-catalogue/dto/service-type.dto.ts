import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { QueryBoolean, Trim } from '../../common/validation/transforms';

/** Optional in a partial update, but not nullable: `null` is refused by the field's own rules. */
const IfSent = () => ValidateIf((_: object, value: unknown) => value !== undefined);

export class CreateServiceTypeDto {
  /** An active unit the caller manages; the service type belongs to its organisation. */
  @IsUUID()
  unitId!: string;

  /** Unique within the unit, e.g. "Legal advice session". */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  description?: string | null;
}

export class UpdateServiceTypeDto {
  @IfSent()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  /** `null` removes the description. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  description?: string | null;

  /** False retires the service type: no new deliveries; past ones stay. */
  @IfSent()
  @IsBoolean()
  isActive?: boolean;
}

export class ListServiceTypesQuery extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  isActive?: boolean;
}

export class ServiceTypeResponseDto {
  id!: string;
  organisationId!: string;
  unitId!: string;
  name!: string;
  description!: string | null;
  isActive!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
}

export class ServiceTypePageDto {
  items!: ServiceTypeResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
