import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth-user';
import { IS_PUBLIC_KEY } from '../decorators/public.decorator';
import { PERMISSIONS_KEY } from '../decorators/require-permissions.decorator';
import { Permission } from '../permissions';

/**
 * Second global guard, fail-closed: a route that declares neither `@Public()` nor
 * `@RequirePermissions()` is refused for everyone, so a forgotten declaration cannot open a route.
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  private readonly logger = new Logger(PermissionsGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(PERMISSIONS_KEY, targets);
    if (!required) {
      this.logger.error(
        `Route ${context.getClass().name}.${context.getHandler().name} declares no permission; refused`,
      );
      throw new ForbiddenError('This route is not available');
    }
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    const missing = required.filter((p) => !user?.permissions.has(p));
    if (missing.length)
      throw new ForbiddenError('You do not have the permission this action needs', { missing });
    return true;
  }
}
