/*
 * What the benchmark scripts share: their errors, the loopback check, percentiles, whole-number
 * options and the way they end. Each script keeps its own options, requests and output.
 */

export const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/;

/** The script will not run here (not loopback, not enough data): said, then exit 1. */
export class Refused extends Error {}
/** A wrong option: said with the usage, then exit 64. */
export class UsageError extends Error {}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of the samples. */
export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] };
}

/** Reads `--name` from parsed options as a whole number (`1_000_000` allowed) within bounds. */
export function wholeNumber(
  values: Record<string, string | boolean | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = values[name] as string | undefined;
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** Runs the script's main and exits: 0, 64 with the usage for a wrong option, 1 otherwise. */
export function runBenchmark(main: () => Promise<void>, usage: string): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof UsageError) {
        process.stderr.write(`error: ${err.message}\n${usage}\n`);
        process.exit(64);
      }
      process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
