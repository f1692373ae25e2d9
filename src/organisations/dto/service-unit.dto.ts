import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { QueryBoolean, Trim } from '../../common/validation/transforms';

export class CreateServiceUnitDto {
  @IsUUID()
  organisationId!: string;

  /** Unique within the organisation. */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;
}

export class UpdateServiceUnitDto {
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  /** False deactivates the unit: no new members; existing memberships stay until changed. */
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

export class ListServiceUnitsQuery extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  isActive?: boolean;
}

export class ServiceUnitResponseDto {
  id!: string;
  organisationId!: string;
  name!: string;
  isActive!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
}

export class ServiceUnitPageDto {
  items!: ServiceUnitResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
