import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Role } from '../../auth/permissions';
import { PageQueryDto } from '../../common/pagination/pagination';
import { QueryBoolean, Trim, TrimLower } from '../../common/validation/transforms';

/** The password rule itself (12 to 128 characters, not a common password) answers WEAK_PASSWORD. */
const PASSWORD_INPUT_MAX = 1024;
const MAX_UNITS = 50;

export class CreateUserDto {
  @IsUUID()
  organisationId!: string;

  /** 3 to 64 of a-z, 0-9, `.`, `_`, `-`, starting with a letter or digit; stored lower-case. */
  @TrimLower()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/)
  username!: string;

  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName!: string;

  @IsEnum(Role)
  role!: Role;

  /** Where notifications are copied by e-mail; stored lower-case. Without it, in-app only. */
  @IsOptional()
  @TrimLower()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  /**
   * Active units of the user's organisation. At least one for caseworkers, supervisors,
   * distribution officers and partner staff, whose record scope follows their units.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_UNITS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  unitIds: string[] = [];

  /** 12 to 128 characters, not a common password, not containing the username. */
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  password!: string;
}

export class UpdateUserDto {
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  /** Takes effect on the user's next request. */
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  /** Where notifications are copied by e-mail; stored lower-case. `null` removes it. */
  @IsOptional()
  @TrimLower()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  /** Replaces the user's units. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_UNITS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  unitIds?: string[];

  /** False deactivates the account and ends its sessions at once. */
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

export class SetPasswordDto {
  /** 12 to 128 characters, not a common password, not containing the username. */
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  password!: string;
}

export class ChangePasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_INPUT_MAX)
  currentPassword!: string;

  /** 12 to 128 characters, not a common password, not containing the username. */
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  newPassword!: string;
}

export class ListUsersQuery extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @IsUUID()
  unitId?: string;

  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  isActive?: boolean;
}

export class UserResponseDto {
  id!: string;
  organisationId!: string;
  username!: string;
  displayName!: string;
  /** Where notifications are copied by e-mail; null for in-app only. */
  email!: string | null;
  role!: Role;
  unitIds!: string[];
  isActive!: boolean;
  lastLoginAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export class UserPageDto {
  items!: UserResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}
