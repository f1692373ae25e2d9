import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { IS_PUBLIC_KEY } from '../../src/auth/decorators/public.decorator';
import { PERMISSIONS_KEY } from '../../src/auth/decorators/require-permissions.decorator';
import { AppModule } from '../../src/app.module';
import { configureHttpApp } from '../../src/bootstrap/http-app';
import { buildOpenApiDocument } from '../../src/bootstrap/openapi';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, seedDemoData } from '../../src/seed/demo-seed';
import { createTestDatabase, dropTestDatabase, testConfig } from '../utils/test-app';

@Controller('undeclared')
class UndeclaredController {
  @Get()
  getUndeclared() {
    return { leaked: true };
  }
}

@Module({ controllers: [UndeclaredController] })
class UndeclaredModule {}

/**
 * Every route declares who may call it. The snapshot lists each route with its declaration, so a
 * change of who may call what shows in review.
 */
describe('Route permissions', () => {
  let app: NestExpressApplication;
  let database: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig({ database, backend: 'postgres', queuePrefix: 'routes' });
    @Module({ imports: [AppModule.forRoot(config), UndeclaredModule] })
    class RoutesTestModule {}
    app = await NestFactory.create<NestExpressApplication>(RoutesTestModule, {
      bodyParser: false,
      logger: false,
    });
    configureHttpApp(app, config);
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await dropTestDatabase(database);
  });

  function declarations(): Record<string, string> {
    const out: Record<string, string> = {};
    const document = buildOpenApiDocument(app);
    const handlers = new Map<string, { isPublic: boolean; permissions?: string[] }>();
    for (const { instance } of collectControllers(app)) {
      for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(instance))) {
        const fn = (instance as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        handlers.set(name, {
          isPublic: Reflect.getMetadata(IS_PUBLIC_KEY, fn) === true,
          permissions: Reflect.getMetadata(PERMISSIONS_KEY, fn) as string[] | undefined,
        });
      }
    }
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
        const op = item[method];
        if (!op) continue;
        const decl = handlers.get(op.operationId ?? '');
        out[`${method.toUpperCase()} ${path}`] = !decl
          ? 'UNKNOWN'
          : decl.isPublic
            ? 'public'
            : decl.permissions
              ? `login${decl.permissions.length ? ` + ${decl.permissions.join(' + ')}` : ''}`
              : 'NONE';
      }
    }
    return out;
  }

  it('should declare public or permissions on every route, as recorded', () => {
    const routes = declarations();
    const { ['GET /api/v1/undeclared']: undeclared, ...rest } = routes;
    expect(undeclared).toBe('NONE');
    expect(Object.entries(rest).filter(([, d]) => d === 'NONE' || d === 'UNKNOWN')).toEqual([]);
    expect(rest).toMatchSnapshot();
  });

  it('should refuse a route that declares nothing, even to a logged-in user', async () => {
    await seedDemoData(app.get(DataSource));
    const loggedIn = await request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: DEMO_PASSWORD });
    const { accessToken } = loggedIn.body as { accessToken: string };
    const res = await request(app.getHttpServer())
      .get('/api/v1/undeclared')
      .set('Authorization', `Bearer ${accessToken}`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN' });
    expect(res.body).not.toHaveProperty('leaked');
  });
});

function collectControllers(app: NestExpressApplication): Array<{ instance: object }> {
  const container = (
    app as unknown as {
      container: { getModules(): Map<string, { controllers: Map<unknown, { instance: object }> }> };
    }
  ).container;
  return [...container.getModules().values()].flatMap((m) => [...m.controllers.values()]);
}
