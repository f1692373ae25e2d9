import { BadRequestException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import {
  BadRequestError,
  BusinessRuleError,
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthenticatedError,
} from './domain-error';
import { ErrorCode } from './error-codes';
import { ProblemFilter } from './problem.filter';

const REQUEST_ID = 'req-0123456789';

describe(ProblemFilter.name, () => {
  const filter = new ProblemFilter();
  const problemOf = (exception: unknown) => filter.toProblem(exception, REQUEST_ID);

  it.each<{ error: DomainError; statusCode: number; code: string }>([
    {
      error: new BadRequestError(ErrorCode.ValidationFailed, 'Invalid fields: name'),
      statusCode: 400,
      code: ErrorCode.ValidationFailed,
    },
    { error: new UnauthenticatedError(), statusCode: 401, code: ErrorCode.Unauthenticated },
    {
      error: new UnauthenticatedError(ErrorCode.InvalidCredentials, 'Wrong password'),
      statusCode: 401,
      code: ErrorCode.InvalidCredentials,
    },
    { error: new ForbiddenError(), statusCode: 403, code: ErrorCode.Forbidden },
    { error: new NotFoundError(), statusCode: 404, code: ErrorCode.NotFound },
    {
      error: new ConflictError(ErrorCode.Conflict, 'Already exists'),
      statusCode: 409,
      code: ErrorCode.Conflict,
    },
    {
      error: new BusinessRuleError('CASE_CLOSED', 'The case is closed'),
      statusCode: 422,
      code: 'CASE_CLOSED',
    },
    { error: new TooManyRequestsError(30), statusCode: 429, code: ErrorCode.TooManyRequests },
  ])('maps a $error.name to $statusCode $code', ({ error, statusCode, code }) => {
    expect(problemOf(error)).toEqual({
      statusCode,
      code,
      message: error.message,
      details: error.details,
      requestId: REQUEST_ID,
    });
  });

  it('passes a domain error’s details through', () => {
    const problem = problemOf(new ForbiddenError('Missing permission', { missing: ['case.read'] }));
    expect(problem.details).toEqual({ missing: ['case.read'] });
  });

  it('answers an unknown route (HttpException 404) with ROUTE_NOT_FOUND', () => {
    expect(problemOf(new NotFoundException('Cannot GET /api/v1/nothing'))).toEqual({
      statusCode: 404,
      code: ErrorCode.RouteNotFound,
      message: 'No such route',
      requestId: REQUEST_ID,
    });
  });

  it('keeps the code of an HttpException whose body carries one', () => {
    const exception = new HttpException(
      { code: 'CUSTOM', message: 'Custom', details: { a: 1 } },
      HttpStatus.CONFLICT,
    );
    expect(problemOf(exception)).toEqual({
      statusCode: 409,
      code: 'CUSTOM',
      message: 'Custom',
      details: { a: 1 },
      requestId: REQUEST_ID,
    });
  });

  it('answers a failed health check (HttpException 503) with SERVICE_UNAVAILABLE and only the per-dependency status', () => {
    const body = {
      status: 'error',
      info: { database: { status: 'up' } },
      error: { queue: { status: 'down', backend: 'redis', message: 'connect ECONNREFUSED 10.0.0.7:6379' } },
      details: {
        database: { status: 'up' },
        queue: { status: 'down', backend: 'redis', message: 'connect ECONNREFUSED 10.0.0.7:6379' },
      },
    };
    expect(problemOf(new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE))).toEqual({
      statusCode: 503,
      code: ErrorCode.ServiceUnavailable,
      message: 'A dependency is unavailable',
      details: {
        status: 'error',
        details: { database: { status: 'up' }, queue: { status: 'down', backend: 'redis' } },
      },
      requestId: REQUEST_ID,
    });
  });

  it('maps another HttpException by its status', () => {
    expect(problemOf(new BadRequestException('Bad'))).toMatchObject({
      statusCode: 400,
      code: ErrorCode.MalformedRequest,
    });
  });

  it('answers a body over the size limit with 413 PAYLOAD_TOO_LARGE', () => {
    const exception = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
      status: 413,
    });
    expect(problemOf(exception)).toMatchObject({
      statusCode: 413,
      code: ErrorCode.PayloadTooLarge,
      requestId: REQUEST_ID,
    });
  });

  it('answers a body that is not JSON with 400 MALFORMED_REQUEST', () => {
    const exception = Object.assign(new SyntaxError('Unexpected token } in JSON'), {
      type: 'entity.parse.failed',
      status: 400,
    });
    const problem = problemOf(exception);
    expect(problem).toMatchObject({
      statusCode: 400,
      code: ErrorCode.MalformedRequest,
      requestId: REQUEST_ID,
    });
    expect(problem.message).not.toContain('Unexpected token');
  });

  it('answers an unexpected error with 500 INTERNAL_ERROR and without its message', () => {
    const problem = problemOf(new Error('connect ECONNREFUSED postgres://sukom:hunter2@db/sukom'));
    expect(problem).toEqual({
      statusCode: 500,
      code: ErrorCode.InternalError,
      message: 'Internal server error',
      requestId: REQUEST_ID,
    });
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });

  it('answers a thrown non-error with 500 INTERNAL_ERROR', () => {
    expect(problemOf('a string')).toMatchObject({ statusCode: 500, code: ErrorCode.InternalError });
  });
});
