import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { BadRequestError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { flattenValidationErrors } from '../../common/validation/validation.pipe';
import { LoginDto } from '../dto/login.dto';

/**
 * Runs the local (username and password) strategy. Guards run before pipes, so the body is
 * validated here first: a malformed login is a 400 naming the field, not a failed login.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest<{ body: unknown }>().body;
    const errors = await validate(plainToInstance(LoginDto, body ?? {}), {
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    if (errors.length) {
      const details = flattenValidationErrors(errors);
      throw new BadRequestError(
        ErrorCode.ValidationFailed,
        `Invalid fields: ${Object.keys(details).join(', ')}`,
        details,
      );
    }
    return (await super.canActivate(context)) as boolean;
  }
}
