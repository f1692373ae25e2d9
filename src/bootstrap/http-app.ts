import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { setupOpenApi } from './openapi';

export const API_PREFIX = 'api/v1';

/**
 * Everything about the HTTP surface that is not a route: headers, CORS, body limits, the route
 * prefix and the docs. Shared by the API process, embedded mode and the tests, so that all three
 * serve exactly the same contract.
 */
export function configureHttpApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  if (config.http.trustProxyHops > 0) app.set('trust proxy', config.http.trustProxyHops);
  app.use(app.get(MetricsService).middleware());
  app.use(helmet());
  app.enableCors({
    origin: config.http.corsOrigins.length ? config.http.corsOrigins : false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.http.bodyLimit, extended: false });
  applyRoutePrefix(app);
  if (config.http.docsEnabled) setupOpenApi(app as INestApplication);
}

/**
 * The version prefix of every API route; probes stay at the root, where orchestrators and
 * Prometheus expect them. Separate so that the OpenAPI generator, which builds the app without
 * a database, documents the same paths.
 */
export function applyRoutePrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
}
