import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Server } from 'node:http';

export interface ShutdownOptions {
  app: INestApplicationContext;
  timeoutMs: number;
  log: (msg: string) => void;
  /** Runs after the app has closed (embedded mode: stop PostgreSQL). */
  after?: () => Promise<void>;
  /** Runs when the app did not close in time, before exiting (embedded mode: still stop PostgreSQL). */
  onTimeout?: () => Promise<void>;
}

/**
 * Orders shutdown on SIGTERM / SIGINT: stop accepting HTTP requests, let running jobs finish
 * (workers close before the database), close queues and database connections, then `after`.
 * If that takes longer than `timeoutMs`, the process exits non-zero; a job cut short is picked up
 * again by another worker (BullMQ's stalled-job check) since its transaction never committed.
 */
export function installShutdown(opts: ShutdownOptions): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    opts.log(`${signal} received: shutting down`);
    const timer = setTimeout(() => {
      opts.log(`shutdown took longer than ${opts.timeoutMs} ms: exiting`);
      void (opts.onTimeout?.() ?? Promise.resolve()).finally(() => process.exit(1));
    }, opts.timeoutMs);
    timer.unref();
    try {
      const http = (opts.app as Partial<INestApplication>).getHttpServer?.() as Server | undefined;
      if (http?.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      await opts.app.close();
      await opts.after?.();
      opts.log('shutdown complete');
      process.exitCode = 0;
    } catch (err) {
      opts.log(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    } finally {
      clearTimeout(timer);
      // Handles such as a pending DNS lookup must not keep a stopped service alive.
      setTimeout(() => process.exit(), 100).unref();
    }
  };
  // `on`, not `once`: under `npm start` a Ctrl-C arrives twice (from the terminal and from npm), and
  // a second signal with no listener left would kill node before the shutdown completes.
  process.on('SIGTERM', (s) => void stop(s));
  process.on('SIGINT', (s) => void stop(s));
}
