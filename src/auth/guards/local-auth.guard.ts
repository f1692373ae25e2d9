import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { validateDto } from '../../common/validation/validation.pipe';
import { LoginDto } from '../dto/login.dto';

/**
 * Runs the local (username and password) strategy. Guards run before pipes, so the body is
 * validated here first: a malformed login is a 400 naming the field, not a failed login.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await validateDto(LoginDto, context.switchToHttp().getRequest<{ body: unknown }>().body);
    return (await super.canActivate(context)) as boolean;
  }
}
