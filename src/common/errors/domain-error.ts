import { ErrorCode } from './error-codes';

/**
 * Errors thrown by services. They know nothing of HTTP: the problem filter maps each subclass to
 * a status, and job processors log them. `details` must never carry personal data.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: ErrorCode | string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends DomainError {
  readonly status = 400;
}
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  constructor(code: ErrorCode | string = ErrorCode.Unauthenticated, message = 'Authentication is required') {
    super(code, message);
  }
}
export class ForbiddenError extends DomainError {
  readonly status = 403;
  constructor(
    message = 'You do not have the permission this action needs',
    details?: Record<string, unknown>,
  ) {
    super(ErrorCode.Forbidden, message, details);
  }
}
/** Also answers for records out of the caller's scope, so that their existence does not leak. */
export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(code: ErrorCode | string = ErrorCode.NotFound, message = 'Not found') {
    super(code, message);
  }
}
export class ConflictError extends DomainError {
  readonly status = 409;
}
export class BusinessRuleError extends DomainError {
  readonly status = 422;
}
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many requests; try again later',
  ) {
    super(ErrorCode.TooManyRequests, message, { retryAfterSeconds });
  }
}
