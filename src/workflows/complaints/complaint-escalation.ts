import { AppError } from '../../errors/app-error';
import type { EscalationTrigger } from '../../knowledge/schemas/complaint-route-schema';
import { theTitle } from '../../knowledge/the-title';
import type { CaseRecord } from '../../storage/case-store';
import type { WorkflowDeps } from '../workflow-deps';
import { notifyHr, notifyPerson } from './complaint-notices';
import { peopleOfCase } from './complaint-people';
import type { RoutingDecision } from './complaint-routing';
import type { ComplaintState } from './complaint-states';
import { complaintDeadline, handlerTitleOf } from './complaint-case-facts';
import { nextHandler, type HandlerChoice } from './route-to-people';
import { updateUnchanged } from '../update-unchanged';

/** The next handler a trigger would bring, if the protocol gives a level for it and someone new holds it. */
export function nextLevelFor(deps: Pick<WorkflowDeps, 'directory'>, record: CaseRecord, trigger: EscalationTrigger): HandlerChoice | null {
  if (record.escalationLevel < 0) return null;
  const route = JSON.parse(record.routeJson) as RoutingDecision;
  return nextHandler(deps.directory, route, peopleOfCase(deps.directory, record), record.escalationLevel, trigger, new Set([record.handlerId]));
}

/**
 * Moves a case up its route for `trigger`, only to a level that trigger may start and only to someone new:
 * never the subject, the complainant or the handler it already has. The new handler, the complainant, the handler
 * taken off and HR are each told. With no such level, nothing changes and the refusal says so.
 */
export async function escalateCase(deps: WorkflowDeps, record: CaseRecord, actorId: string, now: Date, trigger: EscalationTrigger, reason: string): Promise<ComplaintState> {
  const { store } = deps;
  const next = nextLevelFor(deps, record, trigger);
  if (!next) {
    await store.appendAudit({
      reference: record.reference,
      actor: actorId,
      action: `refused:${trigger === 'handler-refers' ? 'pass-on' : 'escalate'}`,
      detail: 'the protocol gives no further level for this, or nobody new holds it',
      at: now.toISOString(),
    });
    throw new AppError(
      'invalid_transition',
      trigger === 'handler-refers'
        ? `the protocol gives no level to pass ${record.reference} on to, or nobody else in the directory holds it`
        : `the protocol gives no further level for ${record.reference}, or nobody else in the directory holds it; ${theTitle(handlerTitleOf(record, deps.kb))} keeps it`,
    );
  }
  const route = JSON.parse(record.routeJson) as RoutingDecision;
  const { deadline, source } = complaintDeadline(deps, now, route.acknowledgeWithinWorkingDays);
  const patch: Partial<CaseRecord> = {
    state: 'escalated',
    updatedAt: now.toISOString(),
    handlerId: next.person.id,
    handlerRole: next.party.role,
    escalationLevel: next.level,
    ackDeadline: deadline,
    deadlineSource: source,
    reminderSentFor: null,
    ...(actorId === 'system' ? { breachEscalatedFor: record.ackDeadline } : {}),
  };
  const updated = { ...record, ...patch } as CaseRecord;
  const title = theTitle(next.party.title);
  await store.transaction(async (tx) => {
    const inTx = { ...deps, store: tx };
    if (!(await updateUnchanged(tx, record, patch))) throw new AppError('invalid_transition', `${record.reference} changed meanwhile; look at it again`);
    const skipped = next.skipped.map((s) => `${s.title} skipped: ${s.reason}`).join('; ');
    await tx.appendAudit({
      reference: record.reference,
      actor: actorId,
      action: trigger === 'handler-refers' ? 'pass-on' : 'escalate',
      detail: `${record.state} -> escalated to ${next.party.title}: ${reason}${skipped ? ` (${skipped})` : ''}`,
      at: now.toISOString(),
    });
    await notifyPerson(
      inTx,
      now,
      updated,
      next.person.id,
      'case-assigned',
      `Complaint ${record.reference} has come to you as ${next.party.title} (${reason}).`,
      'theirs',
      `escalated:${record.reference}:${next.level}:${next.person.id}`,
    );
    await notifyPerson(
      inTx,
      now,
      updated,
      record.handlerId,
      'case-reassigned',
      `Complaint ${record.reference} has gone to ${title} (${reason}); you no longer handle it.`,
      [],
      `reassigned:${record.reference}:${record.handlerId}:${next.level}`,
    );
    if (actorId !== record.openedBy)
      await notifyPerson(
        inTx,
        now,
        updated,
        record.openedBy,
        'case-state-changed',
        `Your complaint ${record.reference} has gone to ${title}.`,
        'theirs',
        `escalated-complainant:${record.reference}:${next.level}`,
      );
    await notifyHr(inTx, now, updated, 'hr-case-changed', next.party.title);
  });
  return 'escalated';
}

/**
 * A deadline passed unanswered and nothing moves the case on: the handler and HR are told it is overdue (not that
 * it was escalated), and the complainant what they can do. Marked against the deadline, so once per deadline.
 */
export async function markOverdue(deps: WorkflowDeps, record: CaseRecord, now: Date): Promise<boolean> {
  const deadline = record.ackDeadline;
  if (!deadline) return false;
  const canAsk = nextLevelFor(deps, record, 'not-satisfied') !== null;
  return deps.store.transaction(async (tx) => {
    const inTx = { ...deps, store: tx };
    if ((await tx.getCase(record.reference))?.breachEscalatedFor === deadline) return false;
    if (!(await updateUnchanged(tx, record, { breachEscalatedFor: deadline, updatedAt: now.toISOString() }))) return false;
    const standard = record.deadlineSource === 'service-standard' ? " (the council's service standard; the protocol sets no deadline)" : '';
    await tx.appendAudit({ reference: record.reference, actor: 'system', action: 'overdue', detail: `not acknowledged by ${deadline}${standard}`, at: now.toISOString() });
    await notifyPerson(
      inTx,
      now,
      record,
      record.handlerId,
      'deadline-overdue',
      `Complaint ${record.reference} is overdue: it was due to be acknowledged by ${deadline}${standard}. Please acknowledge it now.`,
      'theirs',
      `overdue:${record.reference}:${deadline}`,
    );
    await notifyPerson(
      inTx,
      now,
      record,
      record.openedBy,
      'deadline-overdue',
      `Your complaint ${record.reference} has not been acknowledged by ${deadline}${standard}; ${theTitle(handlerTitleOf(record, deps.kb))} has been reminded.${canAsk ? ' If you are not satisfied, you can ask for the next level the protocol gives.' : ''}`,
      'theirs',
      `overdue-complainant:${record.reference}:${deadline}`,
    );
    await notifyHr(inTx, now, record, 'hr-case-overdue', handlerTitleOf(record, deps.kb));
    return true;
  });
}
