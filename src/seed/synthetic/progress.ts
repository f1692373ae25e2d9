import { SingleBar } from 'cli-progress';
import { LoadProgress } from './loader';

export interface ProgressReporter extends LoadProgress {
  stop(): void;
}

const rate = (count: number, ms: number) => Math.round(count / Math.max(ms / 1000, 0.001));

/**
 * A progress bar on a terminal (standard error), plain lines every few seconds otherwise (logs,
 * CI, pipes), so that both show how far a long load is and how fast it goes.
 */
export function progressReporter(
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
  intervalMs = 5000,
  /** What is counted. */
  label = 'beneficiaries',
): ProgressReporter {
  const started = Date.now();
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream,
      format: `${label} {bar} {percentage}% | {value}/{total} | {rows} rows, {rate} rows/s | ETA {eta_formatted}`,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      etaBuffer: 20,
    });
    bar.start(total, 0, { rows: 0, rate: 0 });
    return {
      update: (beneficiaries, rows) =>
        bar.update(beneficiaries, { rows, rate: rate(rows, Date.now() - started) }),
      stop: () => bar.stop(),
    };
  }
  let lastLine = started;
  let last = { beneficiaries: 0, rows: 0 };
  const line = (beneficiaries: number, rows: number) => {
    const percent = total ? Math.floor((beneficiaries / total) * 100) : 100;
    stream.write(
      `seeded ${beneficiaries}/${total} ${label} (${percent}%), ${rows} rows, ` +
        `${rate(rows, Date.now() - started)} rows/s\n`,
    );
  };
  return {
    update: (beneficiaries, rows) => {
      last = { beneficiaries, rows };
      const now = Date.now();
      if (now - lastLine >= intervalMs) {
        lastLine = now;
        line(beneficiaries, rows);
      }
    },
    stop: () => line(last.beneficiaries, last.rows),
  };
}
