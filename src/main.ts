import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { exitOnConfigError } from './bootstrap/exit-on-config-error';
import { configureHttpApp } from './bootstrap/http-app';
import { installShutdown } from './bootstrap/shutdown';
import { loadServerConfig } from './config/app-config';

/** Server mode, API process: `DATABASE_URL` (and `REDIS_URL`) point at real servers. */
async function bootstrap(): Promise<void> {
  const config = exitOnConfigError(() => loadServerConfig());
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  configureHttpApp(app, config);
  const logger = new Logger('Bootstrap');
  installShutdown({ app, timeoutMs: config.shutdownTimeoutMs, log: (m) => logger.log(m) });
  await app.listen(config.http.port, config.http.host);
  logger.log(
    `API listening on http://${config.http.host}:${config.http.port} (queue backend: ${config.queue.backend})`,
  );
}

void bootstrap();
