import { dropTestDatabase } from '../utils/test-app';
import { backendsUnderTest, createTestApp } from '../utils/test-app';

describe('Health when a dependency is down', () => {
  it('should answer 503 naming the database when it is gone', async () => {
    const t = await createTestApp({ workers: false });
    try {
      await dropTestDatabase(t.database);
      const res = await t.http().get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', details: { error: { database: { status: 'down' } } } });
    } finally {
      await t.close().catch(() => undefined);
    }
  });

  if (backendsUnderTest().includes('redis')) {
    it('should answer 503 naming the queue when Redis does not answer', async () => {
      const t = await createTestApp({ workers: false, backend: 'redis', env: { REDIS_URL: 'redis://127.0.0.1:1' } });
      try {
        const res = await t.http().get('/health');
        expect(res.status).toBe(503);
        expect(res.body.details.error).toEqual({ queue: { status: 'down', backend: 'redis', message: 'queue backend unreachable' } });
        expect(res.body.details.info).toEqual({ database: { status: 'up' } });
      } finally {
        await t.close().catch(() => undefined);
      }
    });
  }
});
