import type { CaseRecord } from '../../storage/case-store';
import { enqueueNotification, type NotificationKind } from '../notifications';
import type { WorkflowDeps } from '../workflow-deps';
import { theTitle } from '../../knowledge/the-title';
import { offeredActions } from '../cases/offered-actions';

/** Fields every case notification may show, labelled for people: metadata, never content. */
export function caseFields(record: CaseRecord): Record<string, string> {
  return {
    Reference: record.reference,
    Status: record.state.replace(/-/g, ' '),
    ...(record.ackDeadline
      ? { 'Acknowledge by': `${record.ackDeadline}${record.deadlineSource === 'service-standard' ? " (the council's service standard; the protocol sets no deadline)" : " (the protocol's deadline)"}` }
      : {}),
  };
}

/**
 * Queues a notification to one person of the case. `actions` is `'theirs'` for the buttons this person may use on
 * the case as it now is (derived from the state machine, so a notice never offers an action that would be
 * refused), or a fixed list (none for someone only told of a case).
 */
export async function notifyPerson(
  deps: WorkflowDeps,
  now: Date,
  record: CaseRecord,
  personId: string,
  kind: NotificationKind,
  text: string,
  actions: 'theirs' | readonly string[],
  dedupeKey = `${kind}:${record.reference}:${personId}`,
): Promise<void> {
  const offered = actions === 'theirs' ? offeredActions(deps, record, personId) : undefined;
  await enqueueNotification(
    deps.store,
    now,
    dedupeKey,
    { kind: 'person', council: record.council, personId },
    {
      kind,
      reference: record.reference,
      council: record.council,
      text,
      fields: caseFields(record),
      actions: offered ? offered.map((a) => a.id) : [...actions],
      ...(offered ? { offered } : {}),
    },
  );
}

/** What HR is told about a case: that it exists, where it went, its state; never who complained or what they said. */
export type HrNoticeKind = 'hr-case-opened' | 'hr-case-changed' | 'hr-case-overdue';

/**
 * Tells HR a case opened, changed or is overdue: reference, council, route, deadline and state. Never the
 * complainant's identity or words (the protocols do not make HR a handler).
 */
export async function notifyHr(deps: WorkflowDeps, now: Date, record: CaseRecord, kind: HrNoticeKind, handlerTitle?: string): Promise<void> {
  const route = JSON.parse(record.routeJson) as { recipient?: { title?: string } };
  const noun = record.kind === 'complaint' ? 'Complaint' : 'Request';
  const text =
    kind === 'hr-case-opened'
      ? `New ${record.kind} ${record.reference} at ${record.council}, routed to ${theTitle(handlerTitle ?? route.recipient?.title ?? record.handlerRole)}.`
      : kind === 'hr-case-overdue'
        ? `${noun} ${record.reference} is overdue: it was due to be acknowledged by ${record.ackDeadline ?? 'its deadline'}${handlerTitle ? `, with ${theTitle(handlerTitle)}` : ''}.`
        : `${noun} ${record.reference} is now ${record.state.replace(/-/g, ' ')}${handlerTitle ? `, with ${theTitle(handlerTitle)}` : ''}.`;
  await enqueueNotification(
    deps.store,
    now,
    `${kind}:${record.reference}:${record.state}:${record.handlerId}:${now.getTime()}`,
    { kind: 'hr', council: record.council },
    {
      kind,
      reference: record.reference,
      council: record.council,
      text,
      fields: caseFields(record),
      actions: [],
    },
  );
}
