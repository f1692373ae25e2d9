import { IsBoolean, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { QueryBoolean, Trim } from '../../common/validation/transforms';
import { OrganisationKind } from '../entities/organisation-kind';

export class CreateOrganisationDto {
  /** Unique across the system. */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  /** `host` only once: the organisation that runs the system. */
  @IsEnum(OrganisationKind)
  kind!: OrganisationKind;
}

export class UpdateOrganisationDto {
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  /** Between `partner_ngo` and `public_body`; the host's kind is fixed. */
  @IsOptional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind;

  /** False deactivates the organisation: its users are refused from their next request. */
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

export class ListOrganisationsQuery extends PageQueryDto {
  @IsOptional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  isActive?: boolean;
}

export class OrganisationResponseDto {
  id!: string;
  name!: string;
  kind!: OrganisationKind;
  isActive!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
}

export class OrganisationPageDto {
  items!: OrganisationResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
