import { Permission, Role } from '../permissions';

export class MeOrganisationDto {
  id!: string;
  name!: string;
  kind!: string;
}

export class MeUnitDto {
  id!: string;
  name!: string;
}

export class MeResponseDto {
  id!: string;
  username!: string;
  displayName!: string;
  role!: Role;
  organisation!: MeOrganisationDto;
  units!: MeUnitDto[];
  permissions!: Permission[];
}
