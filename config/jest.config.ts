import type { Config } from 'jest';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

const transform: Config['transform'] = {
  // TS151002: ts-jest prefers isolatedModules with module nodenext; the output is CommonJS either way.
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
};

/**
 * `npm test` runs both projects: unit tests next to the code, and end-to-end tests that boot the
 * real app against real PostgreSQL (a template database cloned per test file) and both queue
 * backends. Files run in parallel; each has its own database and queue prefix.
 */
const config: Config = {
  rootDir: ROOT,
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      rootDir: ROOT,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform,
    },
    {
      displayName: 'e2e',
      rootDir: ROOT,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      transform,
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      slowTestThreshold: 20,
    },
  ],
};

export default config;
