import type Database from 'better-sqlite3';
import type { RateLimitStore } from '../rate-limit-store';
import { gateFor, type SqliteGate } from './sqlite-gate';

/** RateLimitStore on the embedded SQLite database: one row per key and window, counted by one upsert. */
export class SqliteRateLimitStore implements RateLimitStore {
  private readonly gate: SqliteGate;
  private readonly hitStatement;

  constructor(private readonly db: Database.Database) {
    this.gate = gateFor(db);
    this.hitStatement = db.prepare('INSERT INTO rate_limit_windows (key, window_start, hits) VALUES (?, ?, 1) ON CONFLICT (key, window_start) DO UPDATE SET hits = hits + 1 RETURNING hits');
  }

  /** Tried once: a count is not worth holding up a question for (the caller falls back to its own count). */
  hit(key: string, windowStart: string): Promise<number> {
    return this.gate.writeOnce(() => (this.hitStatement.get(key, windowStart) as { hits: number }).hits);
  }

  forgetWindowsBefore(before: string): Promise<number> {
    return this.gate.write(() => this.db.prepare('DELETE FROM rate_limit_windows WHERE window_start < ?').run(before).changes);
  }
}
