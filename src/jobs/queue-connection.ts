import { createPostgresBackend, setDefaultBackendFactory, type ConnectionOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config';

function redisOptionsFromUrl(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis; BullMQ requires unlimited retries for them.
    maxRetriesPerRequest: null,
  };
}

/**
 * The BullMQ connection for the configured backend. For PostgreSQL this also makes the PostgreSQL
 * backend the process-wide default, which must happen before any Queue or Worker is built; the
 * JobsModule calls this from its root factory, which every queue provider depends on.
 */
export function queueConnection(config: AppConfig): { connection: ConnectionOptions; prefix?: string } {
  if (config.queue.backend === 'postgres') {
    setDefaultBackendFactory(createPostgresBackend);
    // The schema is created by the migrate step (runMigrations), never implicitly by a replica.
    const connection = {
      connectionString: config.database.url,
      schema: config.queue.postgresSchema,
      max: 5,
      application_name: 'sukom-queue',
    };
    return { connection: connection };
  }
  setDefaultBackendFactory(undefined);
  return { connection: redisOptionsFromUrl(config.queue.redisUrl!), prefix: config.queue.prefix };
}
