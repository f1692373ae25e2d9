/**
 * A small, fast, seedable random source for synthetic data. The same seed gives the same sequence
 * on every machine and Node version (unlike faker's or Math.random's internals), so a seed names a
 * data set. sfc32, seeded through cyrb128 from any string.
 */

/** Four 32-bit words from a string (cyrb128): spreads similar seeds ("1", "2") far apart. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const HEX_DIGITS = '0123456789abcdef';
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (n: number) => HEX[n >>> 24] + HEX[(n >>> 16) & 0xff] + HEX[(n >>> 8) & 0xff] + HEX[n & 0xff];

/** A choice with a relative weight (weights need not sum to 1). */
export type Weighted<T> = readonly (readonly [T, number])[];

/** Precomputed cumulative weights, for picking from the same table millions of times. */
export class WeightedTable<T> {
  private readonly values: T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: Weighted<T>) {
    if (!entries.length) throw new RangeError('A weighted table needs at least one entry');
    this.values = entries.map(([v]) => v);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, w], i) => {
      if (!(w >= 0)) throw new RangeError('Weights must be non-negative numbers');
      sum += w;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new RangeError('A weighted table needs a positive total weight');
    this.total = sum;
  }

  pick(random: Random): T {
    const target = random.next() * this.total;
    // Binary search: the first cumulative weight above the target.
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string | number) {
    [this.a, this.b, this.c, this.d] = cyrb128(String(seed));
    // Discard the first outputs: sfc32's early values still echo the seed.
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /** A new, independent generator derived from this one's seed and a label. */
  static derive(seed: string | number, label: string): Random {
    return new Random(`${seed}/${label}`);
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** In [0, 1), like Math.random. */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** This generator as a plain function, for APIs that take `() => number`. */
  readonly source = (): number => this.next();

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Roughly normal (sum of three uniforms), clamped to [min, max]. */
  normal(mean: number, spread: number, min = -Infinity, max = Infinity): number {
    const z = (this.next() + this.next() + this.next() - 1.5) * 2; // about N(0, 1)
    return Math.min(max, Math.max(min, mean + z * spread));
  }

  /** A version 4 UUID from this sequence (so ids, too, repeat with the seed). */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    return (
      hex8(a) +
      '-' +
      HEX[(b >>> 24) & 0xff] +
      HEX[(b >>> 16) & 0xff] +
      '-4' +
      HEX_DIGITS[(b >>> 8) & 0x0f] +
      HEX[b & 0xff] +
      '-' +
      HEX[((c >>> 24) & 0x3f) | 0x80] +
      HEX[(c >>> 16) & 0xff] +
      '-' +
      HEX[(c >>> 8) & 0xff] +
      HEX[c & 0xff] +
      hex8(d)
    );
  }
}
