import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import { ChangePasswordDto } from '../users/dto/user.dto';
import type { User } from '../users/entities/user.entity';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser } from './decorators/current-user.decorator';
import { Public } from './decorators/public.decorator';
import { RequirePermissions } from './decorators/require-permissions.decorator';
import { LoginDto } from './dto/login.dto';
import { MeResponseDto } from './dto/me-response.dto';
import { RefreshDto } from './dto/refresh.dto';
import { TokenResponseDto } from './dto/token-response.dto';
import { LocalAuthGuard } from './guards/local-auth.guard';
import { requestOrigin } from './request-origin';

@ApiTags('Auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Logs in with username and password. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Wrong username or password' })
  @ApiTooManyRequestsResponse({
    type: ApiErrorDto,
    description: 'Too many failed logins for this username or from this address; see Retry-After',
  })
  login(@Body() _credentials: LoginDto, @Req() req: Request & { user: User }): Promise<TokenResponseDto> {
    return this.auth.login(req.user, requestOrigin(req));
  }

  /** Exchanges a refresh token for a new access token and a new refresh token. */
  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Invalid, expired or reused refresh token' })
  refreshToken(@Body() dto: RefreshDto, @Req() req: Request): Promise<TokenResponseDto> {
    return this.auth.refresh(dto.refreshToken, requestOrigin(req));
  }

  /** Ends the current session: its refresh token and access tokens stop working at once. */
  @Post('logout')
  @RequirePermissions()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Logged out' })
  logout(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logout(user);
  }

  /** Changes the caller's own password. Their other sessions end; this one stays. */
  @Post('password')
  @RequirePermissions()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiUnprocessableEntityResponse({ type: ApiErrorDto, description: 'The current password is wrong' })
  @ApiTooManyRequestsResponse({
    type: ApiErrorDto,
    description: 'Too many wrong passwords for this user or from this address; see Retry-After',
  })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(user, dto);
  }

  /** The logged-in user, their organisation, units and permissions. */
  @Get('me')
  @RequirePermissions()
  getMe(@CurrentUser() user: AuthUser): Promise<MeResponseDto> {
    return this.auth.me(user);
  }
}
