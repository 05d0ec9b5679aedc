import type { WorkflowDeps } from './workflow-deps';

/** Purges closed and withdrawn cases older than the retention period, leaving an audit record that they were. */
export function purgeExpiredCases(deps: WorkflowDeps, retentionDays: number): string[] {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000).toISOString();
  const purged: string[] = [];
  for (const record of deps.store.listClosedBefore(cutoff)) {
    deps.store.transaction(() => {
      deps.store.deleteCase(record.reference);
      deps.store.appendAudit({ reference: record.reference, actor: 'system', action: 'purged', detail: `${record.kind} closed ${record.closedAt}; retention ${retentionDays} days`, at: now.toISOString() });
    });
    purged.push(record.reference);
  }
  return purged;
}
