import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DEMO_PASSWORD } from '../../src/seed/demo-seed';
import { freePort } from '../setup/test-servers';

const ENTRY = resolve(__dirname, '..', '..', 'dist', 'src', 'embedded.js');

interface Running {
  child: ChildProcess;
  output: () => string;
}

/** Starts `node dist/src/embedded.js` (what `npm start` runs after building) and waits for its banner. */
async function startEmbedded(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const deadline = Date.now() + 90_000;
  while (!out.includes('Stop with Ctrl-C.')) {
    if (child.exitCode !== null) throw new Error(`embedded mode exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`embedded mode did not start in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out };
}

async function stop(running: Running): Promise<{ code: number | null; ms: number }> {
  const began = Date.now();
  const exited = new Promise<number | null>((r) => running.child.once('exit', (code) => r(code)));
  running.child.kill('SIGTERM');
  const code = await exited;
  return { code, ms: Date.now() - began };
}

describe('Embedded mode (npm start)', () => {
  let root: string;
  let env: Record<string, string>;
  let pgPort: number;
  let httpPort: number;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sukom-embedded-'));
    pgPort = await freePort();
    httpPort = await freePort();
    env = { EMBEDDED_DATA_DIR: join(root, 'data'), EMBEDDED_PG_PORT: String(pgPort), PORT: String(httpPort) };
  });

  afterAll(() => {
    const dataDir = join(root, 'data', 'postgres');
    // As root the cluster lives outside the private temporary directory (see EmbeddedPostgres).
    const outside = join(
      '/var/lib/sukom-embedded-postgres',
      createHash('sha256').update(dataDir).digest('hex').slice(0, 16),
    );
    rmSync(root, { recursive: true, force: true });
    if (process.getuid?.() === 0) rmSync(outside, { recursive: true, force: true });
  });

  it('should start with nothing configured, serve demo logins, stop on SIGTERM, and keep its data', async () => {
    const first = await startEmbedded(env);
    expect(first.output()).toContain(`Demo logins (password for all: ${DEMO_PASSWORD}), created now`);
    expect(first.output()).toContain(`http://127.0.0.1:${httpPort}/api/docs`);
    const base = `http://127.0.0.1:${httpPort}`;
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'partner', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect((await fetch(`${base}/api/docs/openapi.json`)).status).toBe(200);

    // A second start on the same data folder is refused and leaves the first one's server alone.
    const intruder = spawn(process.execPath, [ENTRY], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env, PORT: String(await freePort()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let intruderOut = '';
    intruder.stdout.on('data', (c: Buffer) => (intruderOut += c.toString()));
    const intruderCode = await new Promise<number | null>((r) => intruder.once('exit', (code) => r(code)));
    expect(intruderCode).toBe(1);
    expect(intruderOut).toContain('is already running embedded mode');
    expect((await fetch(`${base}/health`)).status).toBe(200);

    const stopped = await stop(first);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(30_000);
    expect(first.output()).toContain('shutdown complete');
    // PostgreSQL stopped with the process.
    const probe = new Client({
      host: '127.0.0.1',
      port: pgPort,
      user: 'postgres',
      connectionTimeoutMillis: 1000,
    });
    await expect(probe.connect()).rejects.toThrow();

    if (process.getuid?.() === 0) {
      // Run as root from a directory the postgres account cannot enter: the data is linked in.
      expect(lstatSync(join(root, 'data', 'postgres')).isSymbolicLink()).toBe(true);
      expect(realpathSync(join(root, 'data', 'postgres'))).toMatch(/^\/var\/lib\/sukom-embedded-postgres\//);
    }

    const second = await startEmbedded(env);
    expect(second.output()).not.toContain('created now');
    expect(second.output()).toContain('database schema is up to date');
    const again = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    expect(again.status).toBe(200);
    expect((await stop(second)).code).toBe(0);
  }, 180_000);
});
