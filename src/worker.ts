import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { exitOnConfigError } from './bootstrap/exit-on-config-error';
import { installShutdown } from './bootstrap/shutdown';
import { loadServerConfig } from './config/app-config';
import { WorkerModule } from './worker.module';

/** Server mode, worker process: runs the queue processors and the job schedulers. No HTTP. */
async function bootstrap(): Promise<void> {
  const config = exitOnConfigError(() => loadServerConfig(process.env, { signsTokens: false }));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  const logger = new Logger('Bootstrap');
  installShutdown({ app, timeoutMs: config.shutdownTimeoutMs, log: (m) => logger.log(m) });
  logger.log(
    `Worker started (queue backend: ${config.queue.backend}, concurrency: ${config.queue.concurrency})`,
  );
}

void bootstrap();
