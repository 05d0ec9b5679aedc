import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { storageErrorOf } from './pg-errors';
import { camel } from '../case-columns';

/** Where a statement runs: the pool (each statement its own transaction) or a client inside a transaction. */
export type Queryable = Pool | PoolClient;

/** Runs one statement, turning any engine failure into a StorageError (no `pg` text ever reaches a person). */
export async function query<R extends QueryResultRow = QueryResultRow>(db: Queryable, text: string, values: readonly unknown[] = []): Promise<{ rows: R[]; rowCount: number }> {
  try {
    const result = await db.query<R>(text, values as unknown[]);
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  } catch (error) {
    throw storageErrorOf(error);
  }
}

/** Converts a row's snake_case columns to the camelCase fields of the records. */
export function fromRow<T>(row: QueryResultRow): T {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v])) as T;
}
