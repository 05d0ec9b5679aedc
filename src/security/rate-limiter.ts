import { AppError } from '../errors/app-error';
import type { Clock } from '../workflows/workflow-deps';

/** At most `limit` events in any `windowMs` for one key. */
export interface RateRule {
  limit: number;
  windowMs: number;
}

/** A person went over a rate limit; `retryAfterSeconds` says when they may try again (HTTP `Retry-After`). */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }
}

/** Keys kept before a sweep drops those with nothing in the window, so memory stays bounded. */
const SWEEP_AT_KEYS = 10_000;

/**
 * A sliding-window limiter: remembers when each key's recent events happened and allows a new one while fewer
 * than `limit` fall inside the window. In memory, per process: a restart forgets, which errs on the lenient side.
 */
export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    readonly rule: RateRule,
    private readonly clock: Clock,
  ) {}

  /** Milliseconds until `key` may act again; 0 when it may act now. */
  waitMs(key: string): number {
    const now = this.clock.now().getTime();
    const recent = this.recent(key, now);
    if (recent.length < this.rule.limit) return 0;
    return (recent[recent.length - this.rule.limit] ?? now) + this.rule.windowMs - now;
  }

  /** Records one event for `key`. */
  record(key: string): void {
    const now = this.clock.now().getTime();
    if (this.events.size >= SWEEP_AT_KEYS) this.sweep(now);
    const recent = this.recent(key, now);
    recent.push(now);
    this.events.set(key, recent);
  }

  /** Records an event for `key` if allowed, else returns the wait in milliseconds without recording. */
  take(key: string): number {
    const wait = this.waitMs(key);
    if (wait === 0) this.record(key);
    return wait;
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.events.get(key) ?? []).filter((at) => at > now - this.rule.windowMs);
    if (kept.length === 0) this.events.delete(key);
    else this.events.set(key, kept);
    return kept;
  }

  private sweep(now: number): void {
    for (const key of [...this.events.keys()]) this.recent(key, now);
  }
}
