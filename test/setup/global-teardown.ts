import { Client } from 'pg';
import { testState } from './test-state';

export default async function globalTeardown(): Promise<void> {
  const state = testState();
  const admin = new Client({ connectionString: state.serverUrl });
  await admin.connect().then(
    () => admin.query(`DROP DATABASE IF EXISTS ${state.template} WITH (FORCE)`).finally(() => admin.end()),
    () => undefined,
  );
  if (state.redisPid) process.kill(state.redisPid);
  await (globalThis as { __sukomStopPg?: () => Promise<void> }).__sukomStopPg?.();
}
