import { isAppError } from '../../errors/app-error';
import { londonDate } from '../deadlines/calendar-date';
import { addWorkingDays, previousWorkingDay } from '../deadlines/working-days';
import type { CaseRecord } from '../../storage/case-store';
import type { WorkflowDeps } from '../workflow-deps';
import { notifyPerson } from './complaint-notices';
import { escalateCase, markOverdue, nextLevelFor } from './complaint-escalation';
import { updateUnchanged } from '../update-unchanged';

/** What one scheduler pass did, by case reference. */
export interface DeadlinePass {
  reminders: string[];
  escalations: string[];
  overdue: string[];
  /** Cases the pass could not work on (unreadable, changed meanwhile), with the error code: the rest went on. */
  skipped: Array<{ reference: string; code: string }>;
}

/**
 * One pass of the deadline scheduler: reminds the handler on the working day before an acknowledgement
 * deadline; after it, escalates only where the protocol's own deadline passing is a reason it gives to go up, and
 * otherwise sends an overdue notice. State lives in the database (which deadline a reminder or breach was handled
 * for), so each happens once, across restarts. One case that fails is reported and the pass goes on.
 */
export async function runComplaintDeadlines(deps: WorkflowDeps): Promise<DeadlinePass> {
  const now = deps.clock.now();
  const pass: DeadlinePass = { reminders: [], escalations: [], overdue: [], skipped: [] };
  // A reminder is due from the working day before a deadline: deadlines up to the next working day are all it may touch.
  const today = londonDate(now);
  const horizon = addWorkingDays(today, 1, deps.holidays);
  for (const record of await deps.store.listDueForDeadlineCheck(today, horizon)) {
    if (record.kind !== 'complaint' || !record.ackDeadline) continue;
    try {
      const done = await handleDeadline(deps, record, now);
      if (done) pass[done].push(record.reference);
    } catch (error) {
      const code = isAppError(error) ? error.code : 'internal_error';
      pass.skipped.push({ reference: record.reference, code });
      deps.logger.error({ reference: record.reference, code }, 'deadline pass could not handle this case; carrying on with the others');
    }
  }
  return pass;
}

async function handleDeadline(deps: WorkflowDeps, record: CaseRecord, now: Date): Promise<'reminders' | 'escalations' | 'overdue' | null> {
  const today = londonDate(now);
  const deadline = record.ackDeadline as string;
  if (today > deadline) {
    if (record.breachEscalatedFor === deadline) return null;
    // The deployment's service standard never starts a stage the protocol keeps for something else.
    if (record.deadlineSource === 'protocol' && nextLevelFor(deps, record, 'deadline-missed')) {
      await escalateCase(deps, record, 'system', now, 'deadline-missed', `the acknowledgement deadline of ${deadline} passed`);
      return 'escalations';
    }
    return (await markOverdue(deps, record, now)) ? 'overdue' : null;
  }
  if (today < previousWorkingDay(deadline, deps.holidays) || record.reminderSentFor === deadline) return null;
  const reminded = await deps.store.transaction(async (tx) => {
    const inTx = { ...deps, store: tx };
    // Only if the case is as this pass read it: another runner (a second instance, an overlapping pass) may have sent it.
    if (!(await updateUnchanged(tx, record, { reminderSentFor: deadline, updatedAt: now.toISOString() }))) return false;
    await tx.appendAudit({ reference: record.reference, actor: 'system', action: 'reminder', detail: `acknowledgement due by ${deadline}`, at: now.toISOString() });
    await notifyPerson(
      inTx,
      now,
      record,
      record.handlerId,
      'deadline-reminder',
      `Reminder: complaint ${record.reference} must be acknowledged by ${deadline}.`,
      'theirs',
      `reminder:${record.reference}:${deadline}`,
    );
    return true;
  });
  return reminded ? 'reminders' : null;
}
