import { londonDate } from '../deadlines/calendar-date';
import { previousWorkingDay } from '../deadlines/working-days';
import type { WorkflowDeps } from '../workflow-deps';
import { notifyPerson } from './complaint-notices';
import type { ComplaintService } from './complaint-service';

/** What one scheduler pass did. */
export interface DeadlinePass {
  reminders: string[];
  escalations: string[];
}

/**
 * One pass of the deadline scheduler: reminds the handler on the working day before an acknowledgement
 * deadline, and escalates a case still unacknowledged after it. State lives in the database (which deadline a
 * reminder or escalation was done for), so each happens once, across restarts, however often this runs.
 */
export function runComplaintDeadlines(deps: WorkflowDeps, complaints: ComplaintService): DeadlinePass {
  const now = deps.clock.now();
  const today = londonDate(now);
  const pass: DeadlinePass = { reminders: [], escalations: [] };
  for (const record of deps.store.listAwaitingAcknowledgement()) {
    if (record.kind !== 'complaint' || !record.ackDeadline) continue;
    const deadline = record.ackDeadline;
    if (today > deadline && record.breachEscalatedFor !== deadline) {
      complaints.escalate(record, 'system', now, `the acknowledgement deadline of ${deadline} passed`);
      pass.escalations.push(record.reference);
      continue;
    }
    if (today >= previousWorkingDay(deadline, deps.holidays) && today <= deadline && record.reminderSentFor !== deadline) {
      const reminded = deps.store.transaction(() => {
        // Read again under the write lock: another runner (a second replica, an overlapping pass) may have sent it.
        if (deps.store.getCase(record.reference)?.reminderSentFor === deadline) return false;
        if (!deps.store.updateCase(record.reference, record.state, { reminderSentFor: deadline, updatedAt: now.toISOString() })) return false;
        deps.store.appendAudit({ reference: record.reference, actor: 'system', action: 'reminder', detail: `acknowledgement due by ${deadline}`, at: now.toISOString() });
        notifyPerson(deps, now, record, record.handlerId, 'deadline-reminder', `Reminder: complaint ${record.reference} must be acknowledged by ${deadline}.`, ['acknowledge', 'view'], `reminder:${record.reference}:${deadline}`);
        return true;
      });
      if (reminded) pass.reminders.push(record.reference);
    }
  }
  return pass;
}
