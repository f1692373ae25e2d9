import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../audit/audit.service';
import { assertAcceptablePassword } from '../auth/password-policy';
import { Role } from '../auth/permissions';
import { exitOnConfigError } from '../bootstrap/exit-on-config-error';
import { AppConfig } from '../config/app-config';
import { ConfigError, validateEnv } from '../config/env.validation';
import { BadRequestError, ConflictError, DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { validateDto } from '../common/validation/validation.pipe';
import { CreateOrganisationDto } from '../organisations/dto/organisation.dto';
import { Organisation } from '../organisations/entities/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { OrganisationKind } from '../organisations/entities/organisation-kind';
import { CreateUserDto, UserResponseDto } from '../users/dto/user.dto';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { CliModule } from './cli.module';
import { PasswordInputError, readPassword } from './read-password';

/**
 * `npm run admin:create` (or `node dist/src/cli/create-admin.js`): creates an administrator of the
 * host organisation in server mode, where nobody can log in yet to do it through the API. Creates
 * the host organisation too when there is none. The password comes from SUKOM_ADMIN_PASSWORD or
 * standard input, never from the command line.
 *
 * Exit codes: 0 done, 1 refused or failed, 64 wrong usage, 78 wrong configuration.
 */

const PASSWORD_ENV = 'SUKOM_ADMIN_PASSWORD';
const EXIT_FAILURE = 1;
const EXIT_USAGE = 64; // EX_USAGE
/** Runs of this command take turns, so that the checks under the lock see every earlier run's rows. */
const LOCK = `hashtext('sukom:cli:create-admin')`;

const USAGE = `usage: npm run admin:create -- --username <name> --display-name "<name>" [--organisation "<name>"]
       node dist/src/cli/create-admin.js --username <name> --display-name "<name>" [--organisation "<name>"]

Creates an administrator of the host organisation. --organisation names the host organisation:
required when there is none yet (it is created), otherwise optional and must be its name.
The password is read from ${PASSWORD_ENV} if set, otherwise from standard input (typed twice
on a terminal, the first line of a pipe). Needs DATABASE_URL and a migrated database.`;

class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = EXIT_FAILURE,
  ) {
    super(message);
  }
}

interface Options {
  username: string;
  displayName: string;
  organisation?: string;
}

interface Checked {
  username: string;
  displayName: string;
  /** The existing host organisation, or the name of the one to create. */
  host: Organisation | null;
  newHostName?: string;
}

interface Created {
  user: UserResponseDto;
  organisation: Organisation;
  organisationCreated: boolean;
}

function parseOptions(argv: string[]): Options {
  if (argv.some((a) => /^--?password\b/i.test(a))) {
    throw new CommandError(
      `the password is never taken from the command line: set ${PASSWORD_ENV} or write it to standard input`,
      EXIT_USAGE,
    );
  }
  let values: { username?: string; 'display-name'?: string; organisation?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        username: { type: 'string' },
        'display-name': { type: 'string' },
        organisation: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    // A stray positional argument could be a password typed in the wrong place: not echoed.
    const code = (err as { code?: string }).code;
    const message =
      code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
        ? 'unexpected argument: this command takes options only'
        : err instanceof Error
          ? err.message
          : String(err);
    throw new CommandError(`${message}\n${USAGE}`, EXIT_USAGE);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const missing = [
    values.username === undefined && '--username',
    values['display-name'] === undefined && '--display-name',
  ].filter(Boolean);
  if (missing.length) throw new CommandError(`missing ${missing.join(' and ')}\n${USAGE}`, EXIT_USAGE);
  return {
    username: values.username!,
    displayName: values['display-name']!,
    organisation: values.organisation,
  };
}

function loadConfig(): AppConfig {
  return exitOnConfigError(() => {
    const vars = validateEnv(process.env);
    if (!vars.DATABASE_URL) throw new ConfigError(['DATABASE_URL is required to create an administrator']);
    return new AppConfig(vars, { databaseUrl: vars.DATABASE_URL, jwtSecret: '' });
  });
}

/** The request DTOs' own rules, as the API applies them, with the details named after the options. */
async function validated<T extends object>(
  cls: new () => T,
  plain: object,
  optionNames: Record<string, string> = {},
): Promise<T> {
  try {
    return await validateDto(cls, plain);
  } catch (err) {
    if (!(err instanceof BadRequestError) || !err.details) throw err;
    const details = Object.fromEntries(
      Object.entries(err.details).map(([field, rules]) => [optionNames[field] ?? field, rules]),
    );
    throw new BadRequestError(err.code, `Invalid fields: ${Object.keys(details).join(', ')}`, details);
  }
}

async function assertSchemaUpToDate(dataSource: DataSource): Promise<void> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const [{ present }] = await dataSource.query<Array<{ present: boolean }>>(
    `SELECT to_regclass($1) IS NOT NULL AS present`,
    [table],
  );
  const applied = present
    ? new Set(
        (await dataSource.query<Array<{ name: string }>>(`SELECT name FROM "${table}"`)).map((r) => r.name),
      )
    : new Set<string>();
  const pending = dataSource.migrations.filter((m) => !applied.has(m.name ?? m.constructor.name));
  if (pending.length) {
    throw new CommandError(
      `the database has ${present ? `${pending.length} pending migration(s)` : 'no schema yet'}: ` +
        'run npm run migration:run first (node dist/src/cli/migrate.js in the image)',
    );
  }
}

/** Everything that can be checked before anything is written. Run before the password prompt and again under the lock. */
async function check(em: EntityManager, options: Options): Promise<Checked> {
  const user = await validated(
    CreateUserDto,
    {
      organisationId: randomUUID(), // not known yet; checked by createAccount
      username: options.username,
      displayName: options.displayName,
      role: Role.Admin,
      unitIds: [],
      password: '',
    },
    { displayName: 'display-name' },
  );
  const host = await em.findOneBy(Organisation, { kind: OrganisationKind.Host });
  let newHostName: string | undefined;
  if (host) {
    if (options.organisation !== undefined && options.organisation.trim() !== host.name) {
      throw new CommandError(
        `the host organisation is "${host.name}": leave out --organisation or give exactly that name`,
      );
    }
  } else {
    if (options.organisation === undefined) {
      throw new CommandError(
        'there is no host organisation yet: name it with --organisation "<name>"',
        EXIT_USAGE,
      );
    }
    const dto = await validated(
      CreateOrganisationDto,
      { name: options.organisation, kind: OrganisationKind.Host },
      { name: 'organisation' },
    );
    newHostName = dto.name;
  }
  if (await em.existsBy(User, { username: user.username })) {
    throw new ConflictError(ErrorCode.UsernameTaken, 'This username is taken', { username: ['unique'] });
  }
  return { username: user.username, displayName: user.displayName, host, newHostName };
}

/**
 * Checks everything that can be checked before the password is asked for, then creates the host
 * organisation (when there is none) and the administrator in one transaction: a weak password, a
 * taken username or a failure half-way leaves nothing behind. Runs of this command take turns
 * (a transaction-level advisory lock), and the checks are repeated under the lock.
 */
async function createAdmin(
  app: INestApplicationContext,
  options: Options,
  askPassword: () => Promise<string>,
): Promise<Created> {
  const dataSource = app.get(DataSource);
  await assertSchemaUpToDate(dataSource);
  const first = await check(dataSource.manager, options);
  const password = await askPassword();
  assertAcceptablePassword(password, { username: first.username, displayName: first.displayName });
  return dataSource.transaction(async (em) => {
    await em.query(`SELECT pg_advisory_xact_lock(${LOCK})`);
    const { username, displayName, host, newHostName } = await check(em, options);
    const organisation =
      host ??
      (await app
        .get(OrganisationsService)
        .insert(em, SYSTEM_ACTOR, { name: newHostName!, kind: OrganisationKind.Host }));
    const user = await app
      .get(UsersService)
      .createAccount(
        SYSTEM_ACTOR,
        { organisationId: organisation.id, username, displayName, role: Role.Admin, unitIds: [], password },
        em,
      );
    return { user, organisation, organisationCreated: !host };
  });
}

/** A domain error as `error: message (CODE)` and its details (field names and rules, never values). */
function describe(err: unknown): string {
  if (err instanceof DomainError) {
    const lines = [`error: ${err.message} (${err.code})`];
    for (const [field, rules] of Object.entries(err.details ?? {})) {
      lines.push(`  ${field}: ${Array.isArray(rules) ? rules.join(', ') : JSON.stringify(rules)}`);
    }
    return lines.join('\n');
  }
  return `error: ${err instanceof Error ? err.message : String(err)}`;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const config = loadConfig();
  let app: INestApplicationContext;
  try {
    // No logger: Nest's and TypeORM's start-up lines are not this command's output.
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
      logger: false,
      abortOnError: false,
    });
  } catch (err) {
    throw new CommandError(`cannot open the database: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const created = await createAdmin(app, options, () =>
      readPassword(PASSWORD_ENV, `Password for ${options.username.trim().toLowerCase()}: `),
    );
    const org = created.organisation;
    if (created.organisationCreated) {
      process.stdout.write(`created the host organisation "${org.name}" (id ${org.id})\n`);
    }
    process.stdout.write(
      `created the administrator ${created.user.username} (id ${created.user.id}) ` +
        `in the host organisation "${org.name}" (id ${org.id})\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof CommandError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exit(err.exitCode);
    }
    if (err instanceof PasswordInputError) process.stderr.write(`error: ${err.message}\n`);
    else process.stderr.write(`${describe(err)}\n`);
    process.exit(EXIT_FAILURE);
  },
);
