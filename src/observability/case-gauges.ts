import type { CaseStore } from '../storage/case-store';
import { londonDate } from '../workflows/deadlines/calendar-date';
import type { Clock } from '../workflows/workflow-deps';
import type { Metrics } from './metrics';

/** Adds the case gauges: cases by kind and state, and cases past their acknowledgement deadline. */
export function addCaseGauges(metrics: Metrics, store: CaseStore, clock: Clock): void {
  metrics.addGauge({
    name: 'etiquette_cases',
    help: 'Cases by kind and state',
    label: 'state',
    read: () => {
      const counts = new Map<string, number>();
      for (const record of store.listCases()) counts.set(`${record.kind}:${record.state}`, (counts.get(`${record.kind}:${record.state}`) ?? 0) + 1);
      return [...counts].map(([labelValue, value]) => ({ labelValue, value }));
    },
  });
  metrics.addGauge({
    name: 'etiquette_cases_overdue',
    help: 'Cases not acknowledged by their deadline',
    read: () => {
      const today = londonDate(clock.now());
      return [{ value: store.listAwaitingAcknowledgement().filter((record) => record.ackDeadline !== null && record.ackDeadline < today).length }];
    },
  });
}
