/** How fast notifications may go to one recipient: a steady rate with short bursts allowed. */
export interface PaceOptions {
  /** Sends per second to one recipient, over time (Slack's chat.postMessage allows about 1 a second a channel). */
  perSecond: number;
  /** Sends one recipient may take at once after a quiet spell. */
  burst: number;
}

/** Slack's documented pace for chat.postMessage: about one message a second to a channel, short bursts allowed. */
export const DEFAULT_PACE: PaceOptions = { perSecond: 1, burst: 10 };

/**
 * A token bucket per recipient (each recipient is one chat conversation or mailbox), so a backlog goes out as
 * fast as each conversation allows without one busy recipient holding up the rest. It runs on real elapsed time
 * (`elapsedMs`), not the business clock: it is about the chat APIs' rate limits.
 */
export class DeliveryPace {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly options: PaceOptions,
    private readonly elapsedMs: () => number = () => performance.now(),
  ) {}

  /** Takes a send for `recipient` if its pace allows one now; false means wait (about `msPerSend`). */
  take(recipient: string): boolean {
    const now = this.elapsedMs();
    const bucket = this.buckets.get(recipient) ?? { tokens: this.options.burst, at: now };
    const tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond);
    if (tokens < 1) {
      this.buckets.set(recipient, { tokens, at: now });
      return false;
    }
    this.buckets.set(recipient, { tokens: tokens - 1, at: now });
    this.forgetFullBuckets(now);
    return true;
  }

  /** The time one recipient's next send takes to come free. */
  get msPerSend(): number {
    return Math.ceil(1000 / this.options.perSecond);
  }

  /** Drops buckets that have refilled (they behave as new ones), so the map stays as small as the active recipients. */
  private forgetFullBuckets(now: number): void {
    if (this.buckets.size < 1000) return;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond >= this.options.burst) this.buckets.delete(key);
    }
  }
}
