import { Param, ParseUUIDPipe } from '@nestjs/common';
import { BadRequestError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';

/** A route's `:id` (or another named parameter), which must be a UUID: otherwise a 400 naming it. */
export const IdParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new BadRequestError(ErrorCode.ValidationFailed, `Invalid fields: ${name}`, { [name]: ['isUuid'] }),
    }),
  );
