import {
  EnvironmentVariables,
  validateEnv,
  ConfigError,
  parseUrgencyHours,
  UrgencyHours,
  MAIL_TRANSPORTS,
} from './env.validation';

export type QueueBackend = 'redis' | 'postgres';
export type MailTransportName = (typeof MAIL_TRANSPORTS)[number];
/** Embedded (`npm start`, tests) or server mode (`start:api`, `start:worker`): some defaults differ. */
export type RunMode = 'embedded' | 'server';

/**
 * The validated, typed configuration every part of the service reads. Built once per process
 * from the environment (or, in tests and embedded mode, from overrides) and provided globally.
 */
export class AppConfig {
  readonly env: EnvironmentVariables['NODE_ENV'];
  readonly http: {
    host: string;
    port: number;
    bodyLimit: string;
    corsOrigins: string[];
    trustProxyHops: number;
    docsEnabled: boolean;
  };
  readonly database: { url: string; poolSize: number };
  readonly queue: {
    backend: QueueBackend;
    redisUrl?: string;
    prefix: string;
    concurrency: number;
    postgresSchema: string;
  };
  readonly auth: {
    jwtSecret: string;
    /** Brute-force protection of POST /auth/login (see LoginThrottleService). */
    login: { maxFailuresPerUsername: number; maxFailuresPerIp: number; windowSeconds: number };
  };
  /** Due dates of referrals, in hours per urgency (see ReferralsService). */
  readonly referrals: { responseHours: UrgencyHours; completionHours: UrgencyHours };
  /** The e-mail copies of notifications (see NotificationsService and the mail transports). */
  readonly mail: {
    transport: MailTransportName;
    /** False for `none`: notifications are in-app only. */
    enabled: boolean;
    smtpUrl?: string;
    from: string;
    /** Without a trailing slash. */
    publicUrl: string;
  };
  readonly logLevel: EnvironmentVariables['LOG_LEVEL'];
  readonly shutdownTimeoutMs: number;

  constructor(
    vars: EnvironmentVariables,
    resolved: { databaseUrl: string; jwtSecret: string; mode?: RunMode },
  ) {
    this.env = vars.NODE_ENV;
    this.http = {
      host: vars.HOST,
      port: vars.PORT,
      bodyLimit: vars.BODY_LIMIT.toLowerCase(),
      corsOrigins: vars.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      trustProxyHops: vars.TRUST_PROXY_HOPS,
      docsEnabled: vars.API_DOCS_ENABLED,
    };
    this.database = { url: resolved.databaseUrl, poolSize: vars.DATABASE_POOL_SIZE };
    this.queue = {
      backend: vars.QUEUE_BACKEND ?? (vars.REDIS_URL ? 'redis' : 'postgres'),
      redisUrl: vars.REDIS_URL,
      prefix: vars.QUEUE_PREFIX,
      concurrency: vars.WORKER_CONCURRENCY,
      postgresSchema: 'bullmq',
    };
    this.auth = {
      jwtSecret: resolved.jwtSecret,
      login: {
        maxFailuresPerUsername: vars.LOGIN_MAX_FAILURES_PER_USERNAME,
        maxFailuresPerIp: vars.LOGIN_MAX_FAILURES_PER_IP,
        windowSeconds: vars.LOGIN_FAILURE_WINDOW_SECONDS,
      },
    };
    this.referrals = {
      responseHours: parseUrgencyHours(
        'REFERRAL_RESPONSE_HOURS',
        vars.REFERRAL_RESPONSE_HOURS,
      ) as UrgencyHours,
      completionHours: parseUrgencyHours(
        'REFERRAL_COMPLETION_HOURS',
        vars.REFERRAL_COMPLETION_HOURS,
      ) as UrgencyHours,
    };
    const transport = vars.MAIL_TRANSPORT ?? defaultMailTransport(resolved.mode ?? 'embedded', vars);
    const host = vars.HOST === '0.0.0.0' ? '127.0.0.1' : vars.HOST;
    this.mail = {
      transport,
      enabled: transport !== 'none',
      smtpUrl: vars.SMTP_URL,
      from: vars.MAIL_FROM,
      publicUrl: (vars.APP_PUBLIC_URL ?? `http://${host}:${vars.PORT}`).replace(/\/+$/, ''),
    };
    this.logLevel = vars.LOG_LEVEL;
    this.shutdownTimeoutMs = vars.SHUTDOWN_TIMEOUT_MS;
  }
}

/**
 * Server mode: the database and the signing secret come from the environment and are required.
 * Throws ConfigError naming every missing or malformed variable.
 */
export function loadServerConfig(
  env: Record<string, string | undefined> = process.env,
  opts: { signsTokens: boolean } = { signsTokens: true },
): AppConfig {
  const vars = validateEnv(env);
  const problems: string[] = [];
  if (!vars.DATABASE_URL)
    problems.push('DATABASE_URL is required in server mode (use `npm start` for embedded mode)');
  if (opts.signsTokens && !vars.JWT_SECRET)
    problems.push('JWT_SECRET is required in server mode (at least 32 characters)');
  if (defaultMailTransport('server', vars) === 'smtp' && !vars.MAIL_TRANSPORT && !vars.APP_PUBLIC_URL)
    problems.push('APP_PUBLIC_URL is required when SMTP_URL is set (the e-mails link to it)');
  if (problems.length) throw new ConfigError(problems);
  return new AppConfig(vars, {
    databaseUrl: vars.DATABASE_URL!,
    jwtSecret: vars.JWT_SECRET ?? '',
    mode: 'server',
  });
}

/**
 * Embedded mode logs e-mails, so that a new user sees them happen without a mail server; server
 * mode sends through SMTP once SMTP_URL is set, and sends nothing until then.
 */
function defaultMailTransport(mode: RunMode, vars: EnvironmentVariables): MailTransportName {
  if (mode === 'embedded') return 'log';
  return vars.SMTP_URL ? 'smtp' : 'none';
}
