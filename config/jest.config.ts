import type { Config } from 'jest';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

const transform: Config['transform'] = {
  // TS151002: ts-jest prefers isolatedModules with module nodenext; the output is CommonJS either way.
  // The swagger CLI plugin runs under ts-jest too, so documents built in tests match `nest build`.
  '^.+\\.ts$': [
    'ts-jest',
    {
      tsconfig: '<rootDir>/tsconfig.json',
      diagnostics: { ignoreCodes: [151002] },
      astTransformers: { before: ['<rootDir>/config/swagger-plugin.transformer.cjs'] },
    },
  ],
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
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
      setupFiles: ['reflect-metadata'],
      transform,
    },
    {
      displayName: 'e2e',
      rootDir: ROOT,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      setupFiles: ['reflect-metadata'],
      transform,
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      slowTestThreshold: 20,
      // Two files run at once on two cores, each hashing passwords with argon2 for its logins.
      testTimeout: 30_000,
    },
  ],
};

export default config;
