import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiErrorDto } from '../../common/errors/api-error.dto';
import { Permission } from '../permissions';

export const PERMISSIONS_KEY = 'sukom:permissions';

/**
 * The caller must be logged in and hold every listed permission. With no permission listed, any
 * logged-in user may call the route (for example `GET /auth/me`).
 */
export const RequirePermissions = (...permissions: Permission[]) =>
  applyDecorators(
    SetMetadata(PERMISSIONS_KEY, permissions),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      type: ApiErrorDto,
      description: 'Not logged in, or the token is invalid or expired',
    }),
    ApiForbiddenResponse({ type: ApiErrorDto, description: 'Missing permission' }),
  );
