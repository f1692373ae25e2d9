import type { Repository, ObjectLiteral } from 'typeorm';

/**
 * Runs a `DELETE ... WHERE id IN (SELECT ... LIMIT $n) RETURNING 1` until it deletes nothing, so
 * that purges of large tables hold their locks briefly. The batch size is the last parameter.
 * Returns the number of rows deleted.
 */
export async function deleteInBatches<T extends ObjectLiteral>(
  repo: Repository<T>,
  sql: string,
  params: unknown[],
  batchSize: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const rows: unknown[] = await repo.query(sql, [...params, batchSize]);
    // pg answers a DELETE ... RETURNING with [rows, count] through TypeORM's query().
    const deleted = Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
    total += deleted;
    if (deleted === 0) return total;
  }
}
