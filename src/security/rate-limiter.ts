import { AppError } from '../errors/app-error';
import type { Clock } from '../shared/clock';

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

/** One key's event times, oldest first; entries before `head` have left the window. */
interface EventLog {
  times: number[];
  head: number;
}

/**
 * A sliding-window limiter: remembers when each key's recent events happened and allows a new one while fewer
 * than `limit` fall inside the window. In memory, per process: a restart forgets, which errs on the lenient side.
 * Each check drops only the events that have just left the window, so it costs the same however high the limit.
 */
export class SlidingWindowLimiter {
  private readonly events = new Map<string, EventLog>();

  constructor(
    readonly rule: RateRule,
    private readonly clock: Clock,
  ) {}

  /** Milliseconds until `key` may act again; 0 when it may act now. */
  waitMs(key: string): number {
    const now = this.clock.now().getTime();
    return this.waitFrom(this.recent(key, now), now);
  }

  /** Records one event for `key`. */
  record(key: string): void {
    const now = this.clock.now().getTime();
    this.append(key, this.recent(key, now), now);
  }

  /** Records an event for `key` if allowed, else returns the wait in milliseconds without recording. */
  take(key: string): number {
    // One reading of the clock and one look-up for both the check and the record (this is on every question).
    const now = this.clock.now().getTime();
    const log = this.recent(key, now);
    const wait = this.waitFrom(log, now);
    if (wait === 0) this.append(key, log, now);
    return wait;
  }

  /** Milliseconds until a key with these recent events may act again; 0 when it may act now. */
  private waitFrom(log: EventLog | undefined, now: number): number {
    if (!log || log.times.length - log.head < this.rule.limit) return 0;
    return (log.times[log.times.length - this.rule.limit] ?? now) + this.rule.windowMs - now;
  }

  /** Appends an event at `now` to the key's log (`log`: its recent events, as `recent` just gave them). */
  private append(key: string, log: EventLog | undefined, now: number): void {
    if (this.events.size >= SWEEP_AT_KEYS) {
      this.sweep(now);
      log = this.recent(key, now);
    }
    if (!log) this.events.set(key, (log = { times: [], head: 0 }));
    log.times.push(now);
  }

  /** The key's events still inside the window (none: forgotten). */
  private recent(key: string, now: number): EventLog | undefined {
    const log = this.events.get(key);
    if (!log) return undefined;
    const cutoff = now - this.rule.windowMs;
    while (log.head < log.times.length && (log.times[log.head] as number) <= cutoff) log.head += 1;
    if (log.head === log.times.length) {
      this.events.delete(key);
      return undefined;
    }
    if (log.head > 1024 && log.head * 2 > log.times.length) {
      log.times = log.times.slice(log.head);
      log.head = 0;
    }
    return log;
  }

  private sweep(now: number): void {
    for (const key of [...this.events.keys()]) this.recent(key, now);
  }
}
