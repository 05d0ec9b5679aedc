import type { CaseRecord } from '../../storage/case-store';
import { enqueueNotification, type NotificationKind } from '../notifications';
import type { WorkflowDeps } from '../workflow-deps';
import { theTitle } from '../../knowledge/the-title';

/** Fields every case notification may show: metadata, never content. */
function caseFields(record: CaseRecord): Record<string, string> {
  return {
    reference: record.reference,
    council: record.council,
    state: record.state,
    ...(record.ackDeadline ? { acknowledgeBy: record.ackDeadline } : {}),
    ...(record.deadlineSource ? { deadlineSource: record.deadlineSource } : {}),
  };
}

/** Queues a notification to one person of the case. */
export function notifyPerson(
  deps: WorkflowDeps,
  now: Date,
  record: CaseRecord,
  personId: string,
  kind: NotificationKind,
  text: string,
  actions: string[],
  dedupeKey = `${kind}:${record.reference}:${personId}`,
): void {
  enqueueNotification(deps.store, now, dedupeKey, { kind: 'person', council: record.council, personId }, {
    kind,
    reference: record.reference,
    council: record.council,
    text,
    fields: caseFields(record),
    actions,
  });
}

/**
 * Tells HR a case opened or changed: reference, council, route, deadline and state. Never the complainant's
 * identity or words (the protocols do not make HR a handler).
 */
export function notifyHr(deps: WorkflowDeps, now: Date, record: CaseRecord, kind: 'hr-case-opened' | 'hr-case-changed'): void {
  const route = JSON.parse(record.routeJson) as { recipient?: { title?: string } };
  const text =
    kind === 'hr-case-opened'
      ? `New ${record.kind} ${record.reference} at ${record.council}, routed to ${theTitle(route.recipient?.title ?? record.handlerRole)}.`
      : `${record.kind === 'complaint' ? 'Complaint' : 'Request'} ${record.reference} is now ${record.state.replace(/-/g, ' ')}.`;
  enqueueNotification(deps.store, now, `${kind}:${record.reference}:${record.state}:${now.getTime()}`, { kind: 'hr', council: record.council }, {
    kind,
    reference: record.reference,
    council: record.council,
    text,
    fields: { ...caseFields(record), handlerRole: record.handlerRole },
    actions: [],
  });
}
