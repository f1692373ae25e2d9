import { finished } from 'node:stream/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { HouseholdGenerator } from './household-generator';
import { CopyBatch } from './tables';

/**
 * Streams generated households into PostgreSQL: rows are generated a batch at a time (bounded
 * memory), and each batch is loaded with one `COPY` per table inside its own transaction, so a
 * failure keeps the batches before it and leaves no half batch. While PostgreSQL loads one batch,
 * the next is generated (the generator yields to the event loop so the socket keeps flowing): the
 * two cores work at the same time.
 */

export interface LoadProgress {
  /** Called after each committed batch with running totals. */
  update(beneficiaries: number, rows: number): void;
}

export interface LoadResult {
  beneficiaries: number;
  rows: number;
  rowsPerTable: Record<string, number>;
  /** True when a stop was requested (Ctrl-C) before all beneficiaries were loaded. */
  interrupted: boolean;
}

/** Households generated between two yields to the event loop. */
const HOUSEHOLDS_PER_SLICE = 25;

interface BatchPart {
  table: string;
  statement: string;
  payload: string;
  rows: number;
}

async function copyBatch(client: ClientBase, parts: readonly BatchPart[]): Promise<void> {
  await client.query('BEGIN');
  try {
    for (const part of parts) {
      const stream = client.query(copyFrom(part.statement));
      stream.end(part.payload);
      await finished(stream);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

export async function loadSynthetic(opts: {
  client: ClientBase;
  generator: HouseholdGenerator;
  organisationId: string;
  total: number;
  batchSize: number;
  progress: LoadProgress;
  stopRequested: () => boolean;
}): Promise<LoadResult> {
  const { client, generator, total, batchSize, progress } = opts;
  const result: LoadResult = { beneficiaries: 0, rows: 0, rowsPerTable: {}, interrupted: false };
  let generated = 0;
  let loading: Promise<void> | null = null;
  /** The failure of the batch loading in the background, rethrown by the loop. */
  const background: { failure: Error | null } = { failure: null };
  const rethrow = () => {
    if (background.failure) throw background.failure;
  };
  const waitForLoad = async () => {
    if (loading) await loading;
    loading = null;
    rethrow();
  };

  while (generated < total) {
    if (opts.stopRequested()) {
      result.interrupted = true;
      break;
    }
    const batch = new CopyBatch(opts.organisationId);
    let slice = 0;
    while (batch.beneficiaryCount < batchSize && generated < total) {
      generated += generator.generate(batch, total - generated);
      if (++slice === HOUSEHOLDS_PER_SLICE) {
        slice = 0;
        await yieldToEventLoop();
        rethrow();
      }
    }
    const people = batch.beneficiaryCount;
    const parts = batch.take();
    await waitForLoad();
    loading = copyBatch(client, parts).then(
      () => {
        result.beneficiaries += people;
        for (const part of parts) {
          result.rows += part.rows;
          result.rowsPerTable[part.table] = (result.rowsPerTable[part.table] ?? 0) + part.rows;
        }
        progress.update(result.beneficiaries, result.rows);
      },
      (err: unknown) => {
        background.failure = err instanceof Error ? err : new Error(String(err));
      },
    );
  }
  await waitForLoad();
  return result;
}
