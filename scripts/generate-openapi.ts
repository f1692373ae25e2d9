import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { applyRoutePrefix } from '../src/bootstrap/http-app';
import { buildOpenApiDocument } from '../src/bootstrap/openapi';
import { AppConfig } from '../src/config/app-config';
import { validateEnv } from '../src/config/env.validation';

/** Where the committed contract lives: the repository root, from `scripts/` and `dist/scripts/`. */
export const OPENAPI_FILE = join(
  __dirname,
  __dirname.includes(join('dist', 'scripts')) ? '../..' : '..',
  'openapi.json',
);

/**
 * The OpenAPI document of the API, with no database, Redis or environment: Nest's preview mode
 * builds the module graph without instantiating a single provider, which is all the document
 * needs. The DTO schemas and the descriptions come from the @nestjs/swagger compiler plugin, so
 * this must run from code the plugin has compiled (`nest build`, or ts-jest with the plugin's
 * AST transformer); under plain ts-node the schemas would be empty.
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const config = new AppConfig(validateEnv({}), {
    databaseUrl: 'postgres://preview@127.0.0.1/preview',
    jwtSecret: 'x'.repeat(32),
  });
  const app = await NestFactory.create(AppModule.forRoot(config), {
    preview: true,
    abortOnError: false,
    logger: false,
  });
  try {
    applyRoutePrefix(app);
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The committed form: 2-space indent, keys in the order @nestjs/swagger emits, final newline. */
export function serializeOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** DTO schemas without properties mean the code was not compiled with the swagger plugin. */
function schemasWithoutProperties(document: OpenAPIObject): string[] {
  return Object.entries(document.components?.schemas ?? {})
    .filter(([, schema]) => 'properties' in schema && Object.keys(schema.properties ?? {}).length === 0)
    .map(([name]) => name);
}

/**
 * `node dist/scripts/generate-openapi.js` writes openapi.json; with `--check` it only compares,
 * and fails when the committed file is not what the code produces.
 */
async function main(check: boolean): Promise<void> {
  const document = await generateOpenApiDocument();
  const empty = schemasWithoutProperties(document);
  if (empty.length) {
    throw new Error(
      `schemas without properties (${empty.join(', ')}): run from the build (npm run openapi:generate), not ts-node`,
    );
  }
  const text = serializeOpenApiDocument(document);
  if (check) {
    const committed = existsSync(OPENAPI_FILE) ? readFileSync(OPENAPI_FILE, 'utf8') : '';
    if (committed !== text)
      throw new Error('openapi.json is out of date: run `npm run openapi:generate` and commit it');
    process.stdout.write('openapi.json is up to date\n');
    return;
  }
  writeFileSync(OPENAPI_FILE, text);
  const operations = Object.values(document.paths).flatMap((path) => Object.keys(path)).length;
  process.stdout.write(`wrote ${OPENAPI_FILE}: ${operations} operations\n`);
}

if (require.main === module) {
  main(process.argv.includes('--check')).catch((err: unknown) => {
    process.stderr.write(`openapi: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
