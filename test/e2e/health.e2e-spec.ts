import { dropTestDatabase } from '../utils/test-app';
import { backendsUnderTest, createTestApp } from '../utils/test-app';

describe('Health when a dependency is down', () => {
  it('should answer 503 naming the database when it is gone', async () => {
    const t = await createTestApp({ workers: false });
    try {
      await dropTestDatabase(t.database);
      const res = await t.http().get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        details: { status: 'error', details: { database: { status: 'down' } } },
      });
      // Only statuses: the driver's error text stays in the server log.
      expect(JSON.stringify(res.body)).not.toMatch(/does not exist|terminat|ECONN|sukom_test/i);
    } finally {
      await t.close().catch(() => undefined);
    }
  });

  if (backendsUnderTest().includes('redis')) {
    it('should answer 503 naming the queue when Redis does not answer', async () => {
      const t = await createTestApp({
        workers: false,
        backend: 'redis',
        env: { REDIS_URL: 'redis://127.0.0.1:1' },
      });
      try {
        const res = await t.http().get('/health');
        expect(res.status).toBe(503);
        expect(res.body.details).toEqual({
          status: 'error',
          details: { database: { status: 'up' }, queue: { status: 'down', backend: 'redis' } },
        });
      } finally {
        await t.close().catch(() => undefined);
      }
    });
  }
});
