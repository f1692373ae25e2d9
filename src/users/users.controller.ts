import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../auth/decorators/require-permissions.decorator';
import { Permission } from '../auth/permissions';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import { IdParam } from '../common/validation/id-param';
import {
  CreateUserDto,
  ListUsersQuery,
  SetPasswordDto,
  UpdateUserDto,
  UserPageDto,
  UserResponseDto,
} from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('Users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Staff accounts in the caller's scope, by username. */
  @Get()
  @RequirePermissions(Permission.UserManage)
  @ApiOkResponse({ type: UserPageDto })
  listUsers(@CurrentUser() user: AuthUser, @Query() query: ListUsersQuery): Promise<UserPageDto> {
    return this.users.list(user, query);
  }

  /** Creates a staff account in an organisation in the caller's scope, with its units and first password. */
  @Post()
  @RequirePermissions(Permission.UserManage)
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'Username taken' })
  createUser(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return this.users.create(user, dto);
  }

  /** One staff account, if it is in the caller's scope. */
  @Get(':id')
  @RequirePermissions(Permission.UserManage)
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  getUser(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<UserResponseDto> {
    return this.users.get(user, id);
  }

  /**
   * Changes the display name, role or units, or deactivates (`isActive: false`) or reactivates
   * the account. A role change or deactivation applies from the user's next request.
   */
  @Patch(':id')
  @RequirePermissions(Permission.UserManage)
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  updateUser(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponseDto> {
    return this.users.update(user, id, dto);
  }

  /** Sets a new password for another user and ends all of their sessions. */
  @Put(':id/password')
  @RequirePermissions(Permission.UserManage)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password set; the user is logged out everywhere' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  setUserPassword(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: SetPasswordDto,
  ): Promise<void> {
    return this.users.setPassword(user, id, dto);
  }
}
