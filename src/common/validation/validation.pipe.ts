import { ValidationError, ValidationPipe } from '@nestjs/common';
import { BadRequestError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';

/** `{ "address.district": ["isString"], "extra": ["whitelistValidation"] }`: field path to broken rules. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) out[path] = Object.keys(error.constraints);
    if (error.children?.length) Object.assign(out, flattenValidationErrors(error.children, path));
  }
  return out;
}

/**
 * Validates a plain object against a DTO class exactly as the global pipe does, for input that
 * does not pass through it: the login body (guards run before pipes) and the command line.
 * Returns the transformed instance, or throws the same 400 VALIDATION_FAILED.
 */
export async function validateDto<T extends object>(cls: new () => T, plain: unknown): Promise<T> {
  return (await createValidationPipe().transform(plain ?? {}, { type: 'body', metatype: cls })) as T;
}

/**
 * Unknown fields are refused rather than silently dropped, so a typo in a field name is an error
 * the client sees. Values never appear in the error: only field paths and rule names.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const fields = Object.keys(details);
      return new BadRequestError(ErrorCode.ValidationFailed, `Invalid fields: ${fields.join(', ')}`, details);
    },
  });
}
