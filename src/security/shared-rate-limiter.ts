import { isStorageError } from '../errors/storage-error';
import type { Clock } from '../shared/clock';
import type { RateLimitStore } from '../storage/rate-limit-store';
import { SlidingWindowLimiter, type RateRule } from './rate-limiter';

/**
 * A rate limit every instance counts the same: this process's sliding window first (so one instance behaves
 * exactly as before), then a fixed window counted in the database (RateLimitStore), so several instances behind a
 * load balancer together allow no more than `limit` a window. When the database cannot count just now (another
 * process holds its write lock, the disk is full), the local count decides: a question is never refused, or
 * held up, because the case store is busy.
 */
export class SharedRateLimiter {
  readonly local: SlidingWindowLimiter;

  constructor(
    readonly rule: RateRule,
    /** What the limit is of (`questions`, `feedback` …): keeps each limit's counts apart in the one table. */
    private readonly name: string,
    private readonly store: RateLimitStore | undefined,
    private readonly clock: Clock,
  ) {
    this.local = new SlidingWindowLimiter(rule, clock);
  }

  /** Counts one event for `key` if allowed here and across instances; else the wait in milliseconds (0: allowed). */
  async take(key: string): Promise<number> {
    const wait = this.local.take(key);
    if (wait > 0 || !this.store) return wait;
    const now = this.clock.now().getTime();
    const windowStart = now - (now % this.rule.windowMs);
    let count: number;
    try {
      count = await this.store.hit(`${this.name}:${key}`, new Date(windowStart).toISOString());
    } catch (error) {
      if (isStorageError(error)) return 0;
      throw error;
    }
    return count > this.rule.limit ? windowStart + this.rule.windowMs - now : 0;
  }
}
