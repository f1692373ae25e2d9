import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const QUEUE_BACKENDS = ['redis', 'postgres'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const MAIL_TRANSPORTS = ['smtp', 'log', 'memory', 'none'] as const;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  return value;
};
const URGENCY_HOURS = /^\s*(urgent|high|normal|low)=\d{1,5}(\s*,\s*(urgent|high|normal|low)=\d{1,5})*\s*$/;
const URGENCY_HOURS_MESSAGE = (name: string) =>
  `${name} must list hours per urgency, like urgent=24,high=72,normal=168,low=336`;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
/** `address@host` or `Display Name <address@host>`, on one line. */
const MAIL_FROM_FORMAT = /^(?:[^<>\r\n"]{1,100} <[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

/**
 * Every environment variable the service reads. Messages name the variable and the rule,
 * never the value: a wrong DATABASE_URL may carry a password.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @IsOptional()
  @IsString()
  @MinLength(1)
  HOST = '127.0.0.1';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Absent means embedded mode (only `npm start`); the server entry points require it. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
  })
  DATABASE_URL?: string = undefined;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^rediss?:\/\/\S+$/, {
    message: 'REDIS_URL must be a redis:// or rediss:// URL',
  })
  REDIS_URL?: string = undefined;

  /** Defaults to redis when REDIS_URL is set, postgres otherwise. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(QUEUE_BACKENDS)
  QUEUE_BACKEND?: (typeof QUEUE_BACKENDS)[number] = undefined;

  /** Redis key prefix for the queues, so several deployments can share one Redis. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, {
    message: 'QUEUE_PREFIX must be 1 to 40 letters, digits, _ or -',
  })
  QUEUE_PREFIX = 'sukom';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 4;

  /** Signs access tokens. Required in server mode; embedded mode generates and keeps one. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(32)
  @MaxLength(512)
  JWT_SECRET?: string = undefined;

  /**
   * Failed logins allowed per username within LOGIN_FAILURE_WINDOW_SECONDS; the next attempt is
   * refused with 429 until the oldest of them leaves the window. A success resets the count.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES_PER_USERNAME = 6;

  /**
   * Failed logins allowed per client address (an IPv6 /64) within the window, whatever the
   * usernames: it stops one address from trying a few passwords on many accounts. Well above the
   * per-username limit because the staff of an office, a reception centre or a mobile network
   * often share one NAT address, and their typos must not lock each other out.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_MAX_FAILURES_PER_IP = 30;

  /** The sliding window, in seconds, over which failed logins are counted. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Largest accepted request body, in the form 100kb or 1mb. */
  @IsOptional()
  @Matches(/^\d{1,6}(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 512kb or 1mb' })
  BODY_LIMIT = '1mb';

  /** Comma-separated origins allowed by CORS; empty means no cross-origin browser access. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  API_DOCS_ENABLED = true;

  /** Number of proxies in front of the API whose X-Forwarded-For is trusted (0: none). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS = 0;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(120000)
  SHUTDOWN_TIMEOUT_MS = 25000;

  /** Embedded mode only: where PostgreSQL keeps its data, relative to the project. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  EMBEDDED_DATA_DIR = 'data';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  /**
   * Embedded mode only: seed the demo organisations and users on first start. Unset, it seeds only
   * the embedded database on a loopback HOST.
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO_DATA = true;

  /**
   * Hours a receiving unit has to accept or reject a referral, per urgency, as
   * `urgent=24,high=72,normal=168,low=336`; the due date is set when the referral is made.
   */
  @IsOptional()
  @Matches(URGENCY_HOURS, { message: URGENCY_HOURS_MESSAGE('REFERRAL_RESPONSE_HOURS') })
  REFERRAL_RESPONSE_HOURS = 'urgent=24,high=72,normal=168,low=336';

  /** Hours from acceptance to completion, per urgency, in the same form; set when it is accepted. */
  @IsOptional()
  @Matches(URGENCY_HOURS, { message: URGENCY_HOURS_MESSAGE('REFERRAL_COMPLETION_HOURS') })
  REFERRAL_COMPLETION_HOURS = 'urgent=168,high=336,normal=720,low=1440';

  /**
   * How the e-mail copies of notifications leave: `smtp` (through SMTP_URL), `log` (one log line
   * per e-mail, without address or content), `memory` (an in-process inbox, for tests) or `none`.
   * Unset: `log` in embedded mode; in server mode `smtp` when SMTP_URL is set, otherwise `none`.
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(MAIL_TRANSPORTS)
  MAIL_TRANSPORT?: (typeof MAIL_TRANSPORTS)[number] = undefined;

  /** The SMTP server, as nodemailer reads it: `smtps://user:password@host:465`. May carry a password. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string = undefined;

  /** Sender of the e-mails: `address@host` or `Name <address@host>`. */
  @IsOptional()
  @Matches(MAIL_FROM_FORMAT, { message: 'MAIL_FROM must be an e-mail address, optionally as Name <address>' })
  MAIL_FROM = 'SUKOM <no-reply@localhost>';

  /**
   * Where people open the application: e-mails link to `<APP_PUBLIC_URL>/referrals/<id>`. Required
   * when e-mail goes out by SMTP; otherwise it defaults to http://HOST:PORT.
   */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: 'APP_PUBLIC_URL must be an http:// or https:// URL without query or fragment',
  })
  APP_PUBLIC_URL?: string = undefined;
}

export const REFERRAL_URGENCIES = ['urgent', 'high', 'normal', 'low'] as const;
export type UrgencyHours = Record<(typeof REFERRAL_URGENCIES)[number], number>;

/**
 * Reads `urgent=24,high=72,...` (already shaped by URGENCY_HOURS): every urgency exactly once,
 * each at least one hour. Returns the problems found, naming the variable, or the hours.
 */
export function parseUrgencyHours(name: string, value: string): UrgencyHours | string[] {
  const hours: Partial<UrgencyHours> = {};
  const problems: string[] = [];
  for (const pair of value.split(',')) {
    const [key, n] = pair.trim().split('=') as [(typeof REFERRAL_URGENCIES)[number], string];
    if (key in hours) problems.push(`${name} names ${key} twice`);
    if (Number(n) < 1) problems.push(`${name}: ${key} must be at least 1 hour`);
    hours[key] = Number(n);
  }
  for (const u of REFERRAL_URGENCIES) if (!(u in hours)) problems.push(`${name} must give hours for ${u}`);
  return problems.length ? problems : (hours as UrgencyHours);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  // class-validator's default messages name the property and the rule; none of those used above
  // interpolate $value, so the value never reaches the message.
  return errors.flatMap((e) => Object.values(e.constraints ?? {}));
}

export function validateEnv(env: Record<string, string | undefined>): EnvironmentVariables {
  // Every field has an initialiser (even `= undefined`), so the keys of an instance list them all.
  const known = new Set(Object.keys(new EnvironmentVariables()));
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => v !== undefined && known.has(k)),
  );
  const parsed = plainToInstance(EnvironmentVariables, relevant, { exposeDefaultValues: true });
  const problems = describe(validateSync(parsed, { skipMissingProperties: false }));
  if (parsed.QUEUE_BACKEND === 'redis' && !parsed.REDIS_URL) {
    problems.push('REDIS_URL is required when QUEUE_BACKEND is redis');
  }
  if (parsed.MAIL_TRANSPORT === 'smtp') {
    if (!parsed.SMTP_URL) problems.push('SMTP_URL is required when MAIL_TRANSPORT is smtp');
    if (!parsed.APP_PUBLIC_URL) {
      problems.push('APP_PUBLIC_URL is required when MAIL_TRANSPORT is smtp (the e-mails link to it)');
    }
  }
  if (!problems.length) {
    for (const name of ['REFERRAL_RESPONSE_HOURS', 'REFERRAL_COMPLETION_HOURS'] as const) {
      const hours = parseUrgencyHours(name, parsed[name]);
      if (Array.isArray(hours)) problems.push(...hours);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return parsed;
}
