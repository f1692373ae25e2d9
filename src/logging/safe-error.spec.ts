import { QueryFailedError } from 'typeorm';
import { safeError } from './safe-error';

describe(safeError.name, () => {
  const driverError = Object.assign(
    new Error('new row for relation "beneficiaries" violates check constraint'),
    {
      code: '23514',
      constraint: 'ck_beneficiaries_birth_precision',
      detail: 'Failing row contains (Amina, Khalil, +905321234567).',
      where: 'SQL function',
    },
  );
  const failed = new QueryFailedError(
    'INSERT INTO "beneficiaries"("given_name", "phones") VALUES ($1, $2)',
    ['Amina', ['+905321234567']],
    driverError,
  );

  it('keeps what failed and where: type, message, code, constraint, query text and stack', () => {
    expect(safeError(failed)).toMatchObject({
      type: 'QueryFailedError',
      message: failed.message,
      code: '23514',
      constraint: 'ck_beneficiaries_birth_precision',
      query: 'INSERT INTO "beneficiaries"("given_name", "phones") VALUES ($1, $2)',
      stack: expect.any(String),
    });
  });

  it('drops the bound parameters, the row detail and the driver error, also in a cause', () => {
    const wrapped = new Error('registration failed', { cause: failed });
    for (const logged of [safeError(failed), safeError(wrapped)]) {
      const text = JSON.stringify(logged);
      expect(text).not.toContain('Amina');
      expect(text).not.toContain('+905321234567');
      expect(text).not.toContain('Failing row');
    }
  });

  it('scrubs an error pino-http has already serialized', () => {
    const text = JSON.stringify(safeError({ type: 'QueryFailedError', parameters: ['Amina'], detail: 'x' }));
    expect(text).toBe('{"type":"QueryFailedError"}');
  });

  it('passes anything that is not an error through', () => {
    expect(safeError('text')).toBe('text');
  });
});
