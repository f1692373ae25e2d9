import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../auth/decorators/require-permissions.decorator';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import { IdParam } from '../common/validation/id-param';
import {
  ListNotificationsQuery,
  NotificationPageDto,
  NotificationResponseDto,
  NotificationsMarkedReadDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

/** Every signed-in user has their own notifications, and only those. */
@ApiTags('Notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** The caller's notifications, newest first; `unread=true` for the unread ones only. */
  @Get()
  @RequirePermissions()
  @ApiOkResponse({ type: NotificationPageDto })
  listNotifications(
    @CurrentUser() user: AuthUser,
    @Query() query: ListNotificationsQuery,
  ): Promise<NotificationPageDto> {
    return this.notifications.list(user, query);
  }

  /** Marks every unread notification of the caller read and says how many that was. */
  @Post('read-all')
  @HttpCode(200)
  @RequirePermissions()
  @ApiOkResponse({ type: NotificationsMarkedReadDto })
  markAllNotificationsRead(@CurrentUser() user: AuthUser): Promise<NotificationsMarkedReadDto> {
    return this.notifications.markAllRead(user);
  }

  /** Marks one of the caller's notifications read; again is harmless and keeps the first time. */
  @Post(':id/read')
  @HttpCode(200)
  @RequirePermissions()
  @ApiOkResponse({ type: NotificationResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such notification of the caller' })
  markNotificationRead(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
  ): Promise<NotificationResponseDto> {
    return this.notifications.markRead(user, id);
  }
}
