/** What the global setup found or started, shared with the test files and the teardown. */
export interface TestState {
  serverUrl: string;
  template: string;
  redisUrl?: string;
  redisPid?: number;
}

export function testState(): TestState {
  const raw = process.env.SUKOM_TEST_STATE;
  if (!raw) throw new Error('The e2e global setup did not run (use npm test or npm run test:e2e)');
  return JSON.parse(raw) as TestState;
}
