import type { CaseStore } from '../storage/case-store';
import { londonDate } from '../workflows/deadlines/calendar-date';
import type { Clock } from '../workflows/workflow-deps';
import type { Metrics } from './metrics';

/**
 * Adds the case gauges: cases by kind and state, and cases past their acknowledgement deadline; both are counts
 * the database makes from an index, so a scrape costs the same with ten cases or ten thousand.
 */
export function addCaseGauges(metrics: Metrics, store: CaseStore, clock: Clock): void {
  metrics.addGauge({
    name: 'etiquette_cases',
    help: 'Cases by kind and state',
    label: 'state',
    read: async () => (await store.countByKindAndState()).map(({ kind, state, count }) => ({ labelValue: `${kind}:${state}`, value: count })),
  });
  metrics.addGauge({
    name: 'etiquette_cases_overdue',
    help: 'Cases not acknowledged by their deadline',
    read: async () => [{ value: await store.countOverdue(londonDate(clock.now())) }],
  });
}
