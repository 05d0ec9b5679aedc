import type { Clock } from '../shared/clock';
import type { CaseStore } from '../storage/case-store';
import type { RateRule } from './rate-limiter';

/**
 * How many complaints and briefing requests one person may open in any window (RATE_LIMIT_CASES_PER_HOUR), counted
 * from the cases they opened: exact however many instances share the database, and across restarts. A submission
 * sent again opens nothing, so it never counts twice.
 */
export class CaseOpeningLimit {
  constructor(
    readonly rule: RateRule,
    private readonly store: CaseStore,
    private readonly clock: Clock,
  ) {}

  /** 0 when the person may open another case now; otherwise the milliseconds until one of theirs leaves the window. */
  async waitMs(personId: string): Promise<number> {
    const now = this.clock.now().getTime();
    const opened = await this.store.listOpenedSince(personId, new Date(now - this.rule.windowMs).toISOString());
    if (opened.length < this.rule.limit) return 0;
    const leavesFirst = Date.parse(opened[opened.length - this.rule.limit] as string);
    return Math.max(1, leavesFirst + this.rule.windowMs - now);
  }
}
