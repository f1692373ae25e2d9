'use strict';
/**
 * The @nestjs/swagger compiler plugin as a ts-jest AST transformer, so that code under Jest
 * carries the same OpenAPI metadata (DTO schemas, descriptions from comments) as `nest build`.
 * The options are read from nest-cli.json: one place for both. Needs ts-jest's type-aware mode
 * (the default; not `isolatedModules`), since the plugin reads types.
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const swaggerPlugin = require('@nestjs/swagger/plugin');
const swaggerVersion = require('@nestjs/swagger/package.json').version;

const nestCli = JSON.parse(readFileSync(join(__dirname, '..', 'nest-cli.json'), 'utf8'));
const entry = (nestCli.compilerOptions?.plugins ?? []).find(
  (p) => (typeof p === 'string' ? p : p.name) === '@nestjs/swagger',
);
const options = typeof entry === 'object' ? (entry.options ?? {}) : {};

module.exports = {
  name: 'nestjs-swagger-plugin',
  // Part of ts-jest's cache key: a new plugin version, new options or a change to this file
  // recompile everything.
  version: createHash('sha256')
    .update(`${swaggerVersion}\0${JSON.stringify(options)}\0${readFileSync(__filename, 'utf8')}`)
    .digest('hex')
    .slice(0, 16),
  // ts-jest calls this for every file it emits. Its `program` field is the program the language
  // service had when it was created, and goes stale as files are added; the plugin must read types
  // from the program that is emitting the file, or it documents `Promise<Dto>` returns as Object.
  factory: (tsCompiler) =>
    swaggerPlugin.before(options, tsCompiler._languageService?.getProgram() ?? tsCompiler.program),
};
