import { fingerprint } from './idempotency.service';

describe(fingerprint.name, () => {
  it('does not depend on the order of keys, at any depth', () => {
    expect(fingerprint({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      fingerprint({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
  });

  it('ignores fields that are undefined, as JSON does', () => {
    expect(fingerprint({ a: 1, b: undefined })).toBe(fingerprint({ a: 1 }));
  });

  it('tells different requests apart', () => {
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
    expect(fingerprint({ a: [1, 2] })).not.toBe(fingerprint({ a: [2, 1] }));
    expect(fingerprint({ a: '1' })).not.toBe(fingerprint({ a: 1 }));
  });

  it('is a SHA-256 in hex', () => {
    expect(fingerprint({})).toMatch(/^[0-9a-f]{64}$/);
  });
});
