import { isAppError } from '../errors/app-error';
import type { CaseRecord } from '../storage/case-store';
import { notifyHr, notifyPerson } from './complaints/complaint-notices';
import { handlerTitleOf } from './complaints/complaint-case-facts';
import type { WorkflowDeps } from './workflow-deps';
import { updateUnchanged } from './update-unchanged';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Closes open cases on which nothing has happened for `inactiveDays` (no state change, no message) and that are
 * not under a legal hold. The state machines have cases that nobody can move on (a complaint "escalated" at the
 * protocol's last level, a briefing request never decided or delivered), and a case that never closes would
 * never be purged. Closing is done by the scheduler, outside the machines' transitions, which people cannot
 * reach: the state becomes "closed", with an audit line `closed-by-age`, and the complainant or requester and the
 * handler are told (HR too for complaints). One case that fails is reported and the rest go on.
 */
export async function closeInactiveCases(deps: WorkflowDeps, inactiveDays: number): Promise<{ closed: string[]; skipped: Array<{ reference: string; code: string }> }> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - inactiveDays * DAY_MS).toISOString();
  const result: { closed: string[]; skipped: Array<{ reference: string; code: string }> } = { closed: [], skipped: [] };
  for (const record of await deps.store.listOpenInactiveSince(since)) {
    try {
      if (await closeByAge(deps, record, now, inactiveDays)) result.closed.push(record.reference);
    } catch (error) {
      const code = isAppError(error) ? error.code : 'internal_error';
      result.skipped.push({ reference: record.reference, code });
      deps.logger.error({ reference: record.reference, code }, 'retention could not close this case by age; carrying on with the others');
    }
  }
  return result;
}

function closeByAge(deps: WorkflowDeps, record: CaseRecord, now: Date, inactiveDays: number): Promise<boolean> {
  const { store } = deps;
  const at = now.toISOString();
  const noun = record.kind === 'complaint' ? 'Complaint' : 'Briefing request';
  const text = `${noun} ${record.reference} has been closed: nothing has happened on it for ${inactiveDays} days. It will be deleted ${inactiveDays} days from now.`;
  return store.transaction(async (tx) => {
    const inTx = { ...deps, store: tx };
    // Read again under the write lock: a hold placed, or anything done, since the list was read keeps it open.
    const current = await tx.getCase(record.reference);
    if (!current || current.legalHoldAt || current.updatedAt !== record.updatedAt) return false;
    if (!(await updateUnchanged(tx, record, { state: 'closed', closedAt: at, updatedAt: at }))) return false;
    const closed: CaseRecord = { ...record, state: 'closed', closedAt: at, updatedAt: at };
    await tx.appendAudit({ reference: record.reference, actor: 'system', action: 'closed-by-age', detail: `${record.state} -> closed: nothing happened on it for ${inactiveDays} days`, at });
    for (const personId of new Set([record.openedBy, record.handlerId])) {
      await notifyPerson(inTx, now, closed, personId, 'case-state-changed', text, ['view'], `closed-by-age:${record.reference}:${personId}`);
    }
    if (record.kind === 'complaint') await notifyHr(inTx, now, closed, 'hr-case-changed', handlerTitleOf(record, deps.kb));
    return true;
  });
}
