import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { safeError } from './safe-error';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Accepts a well-formed X-Request-Id from a proxy, otherwise makes one. */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * Structured JSON logs. A request logs its method, route path (never the query string, which can
 * hold names or document numbers), status and timing, with the request id on every line. No
 * bodies, no headers: tokens and personal data stay out of the logs. Errors are logged without
 * the values a failed query carried (see safe-error.ts).
 */
export const LoggerModule = PinoLoggerModule.forRootAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req, res) => {
        const id = requestIdOf(req);
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customProps: () => ({ service: 'sukom' }),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: safeError,
      },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      quietReqLogger: true,
      redact: { paths: ['req.headers', 'res.headers'], remove: true },
    },
    renameContext: 'component',
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  }),
});
