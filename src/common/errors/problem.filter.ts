import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiErrorDto } from './api-error.dto';
import { DomainError, TooManyRequestsError } from './domain-error';
import { ErrorCode } from './error-codes';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.MalformedRequest,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.MethodNotAllowed,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.TooManyRequests,
  503: ErrorCode.ServiceUnavailable,
};

/** Errors raised by body-parser before any route runs carry `type` and `status`. */
interface BodyParserError {
  type: string;
  status: number;
}
function isBodyParserError(e: unknown): e is BodyParserError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as BodyParserError).type === 'string' &&
    typeof (e as BodyParserError).status === 'number'
  );
}

interface HealthResult {
  status: string;
  details: Record<string, { status: string; backend?: string }>;
}
function isHealthResult(r: unknown): r is HealthResult {
  return (
    typeof r === 'object' && r !== null && 'status' in r && typeof (r as HealthResult).details === 'object'
  );
}
function healthSummary(r: HealthResult): Record<string, unknown> {
  const pick = (d: { status: string; backend?: string }) =>
    d.backend ? { status: d.status, backend: d.backend } : { status: d.status };
  return {
    status: r.status,
    details: Object.fromEntries(Object.entries(r.details).map(([k, v]) => [k, pick(v)])),
  };
}

/**
 * Turns every error into `{ statusCode, code, message, details?, requestId }`. Unknown errors
 * become a 500 with a generic message; their detail goes to the log (with the request id), never
 * into the response.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const requestId = typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : '';
    const body = this.toProblem(exception, requestId);
    if (exception instanceof TooManyRequestsError)
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  toProblem(exception: unknown, requestId: string): ApiErrorDto {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        details: exception.details,
        requestId,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && 'code' in response) {
        const r = response as Partial<ApiErrorDto>;
        return {
          statusCode,
          code: String(r.code),
          message: String(r.message ?? exception.message),
          details: r.details,
          requestId,
        };
      }
      // Terminus answers 503 with a status per dependency. Only the statuses leave the server: the
      // error texts (a failed database login, say) are for the logs, not a public route.
      if (statusCode === Number(HttpStatus.SERVICE_UNAVAILABLE) && isHealthResult(response)) {
        return {
          statusCode,
          code: ErrorCode.ServiceUnavailable,
          message: 'A dependency is unavailable',
          details: healthSummary(response),
          requestId,
        };
      }
      if (statusCode === Number(HttpStatus.NOT_FOUND)) {
        return { statusCode, code: ErrorCode.RouteNotFound, message: 'No such route', requestId };
      }
      const code =
        CODE_BY_STATUS[statusCode] ??
        (statusCode >= 500 ? ErrorCode.InternalError : ErrorCode.MalformedRequest);
      const message = statusCode >= 500 ? 'Internal server error' : exception.message;
      return { statusCode, code, message, requestId };
    }
    if (isBodyParserError(exception) && exception.status >= 400 && exception.status < 500) {
      if (exception.type === 'entity.too.large') {
        return {
          statusCode: 413,
          code: ErrorCode.PayloadTooLarge,
          message: 'Request body exceeds the size limit',
          requestId,
        };
      }
      if (exception.type === 'entity.parse.failed') {
        return {
          statusCode: 400,
          code: ErrorCode.MalformedRequest,
          message: 'Request body is not valid JSON',
          requestId,
        };
      }
      const statusCode = exception.status;
      return {
        statusCode,
        code: CODE_BY_STATUS[statusCode] ?? ErrorCode.MalformedRequest,
        message: 'Malformed request',
        requestId,
      };
    }
    return { statusCode: 500, code: ErrorCode.InternalError, message: 'Internal server error', requestId };
  }
}
