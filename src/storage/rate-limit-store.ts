/** Fixed-window request counts kept in the database (rate limits shared by every instance). */
export interface RateLimitStore {
  /** Counts one hit of `key` in the window starting `windowStart` (ISO instant); returns the window's count so far, this hit included. */
  hit(key: string, windowStart: string): Promise<number>;
  /** Forgets windows that started before `before`; returns how many. */
  forgetWindowsBefore(before: string): Promise<number>;
}
