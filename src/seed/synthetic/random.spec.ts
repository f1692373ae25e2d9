import { Random, WeightedTable } from './random';

describe(Random.name, () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new Random('42');
    const b = new Random('42');
    const c = new Random('43');
    const first = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(first);
  });

  it('stays in [0, 1) and in the bounds of int()', () => {
    const r = new Random('bounds');
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      const n = r.int(3, 7);
      expect(n >= 3 && n <= 7 && Number.isInteger(n)).toBe(true);
    }
  });

  it('makes version 4 UUIDs', () => {
    const r = new Random('ids');
    const ids = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const id = r.uuid();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(1000);
  });

  it('derives independent streams from one seed and a label', () => {
    expect(Random.derive('s', 'ids').uuid()).toBe(Random.derive('s', 'ids').uuid());
    expect(Random.derive('s', 'ids').uuid()).not.toBe(Random.derive('s', 'data').uuid());
  });
});

describe(WeightedTable.name, () => {
  it('picks in proportion to the weights', () => {
    const table = new WeightedTable([
      ['a', 1],
      ['b', 3],
      ['never', 0],
    ]);
    const r = new Random('weights');
    const counts: Record<string, number> = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 40_000; i++) counts[table.pick(r)]++;
    expect(counts.never).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
  });

  it('refuses an empty table or one without weight', () => {
    expect(() => new WeightedTable([])).toThrow(RangeError);
    expect(() => new WeightedTable([['a', 0]])).toThrow(RangeError);
  });
});
