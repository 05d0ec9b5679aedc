import type { Pool } from 'pg';
import type { RateLimitStore } from '../rate-limit-store';
import { query } from './pg-query';

/** RateLimitStore on PostgreSQL: one row a key and window, counted by an atomic upsert, so every instance counts the same hits. */
export class PostgresRateLimitStore implements RateLimitStore {
  constructor(private readonly pool: Pool) {}

  async hit(key: string, windowStart: string): Promise<number> {
    const { rows } = await query<{ hits: number }>(
      this.pool,
      'INSERT INTO rate_limit_windows (key, window_start, hits) VALUES ($1, $2, 1) ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1 RETURNING hits',
      [key, windowStart],
    );
    return rows[0]?.hits ?? 0;
  }

  async forgetWindowsBefore(before: string): Promise<number> {
    return (await query(this.pool, 'DELETE FROM rate_limit_windows WHERE window_start < $1', [before])).rowCount;
  }
}
