import type { CaseRecord } from '../../storage/case-store';
import type { BriefingView } from '../briefings/briefing-service';
import type { ComplaintView } from '../complaints/complaint-service';
import type { WorkflowDeps } from '../workflow-deps';
import type { CaseCard } from './case-card';

/**
 * The whole case as one person may read it, as labelled parts every channel renders the same way: for a handler,
 * who complained, about whom, what happened, what was tried, the outcome wanted, the deadline, the thread and
 * the history; for the complainant the same without the handler's private notes.
 */
export interface CaseDetails {
  card: CaseCard;
  parts: Array<{ label: string; text: string }>;
  thread: Array<{ from: string; text: string; at: string }>;
  /** What happened to the case and when (no content), for the people working it. */
  history: Array<{ at: string; what: string }>;
}

const HISTORY_WORDS: Record<string, string> = {
  opened: 'complaint received',
  requested: 'request received',
  acknowledge: 'acknowledged',
  'start-investigation': 'investigation started',
  'record-outcome': 'outcome recorded',
  close: 'closed',
  withdraw: 'withdrawn',
  escalate: 'sent to the next level',
  'pass-on': 'passed to the next level',
  assign: 'routed to the person responsible',
  overdue: 'not acknowledged in time',
  reminder: 'reminder sent',
  message: 'message added',
  agree: 'agreed',
  approve: 'approved',
  decline: 'declined',
  'mark-delivered': 'delivered',
  'legal-hold': 'legal hold set',
  'legal-hold-released': 'legal hold released',
};

/** Names who acted on a case in words its reader understands, never a bare id. */
function actorName(deps: Pick<WorkflowDeps, 'directory'>, record: CaseRecord, actor: string, viewerId: string): string {
  if (actor === viewerId) return 'you';
  if (actor === 'system') return 'the bot';
  if (actor === record.openedBy) return record.kind === 'complaint' ? 'the complainant' : 'the requester';
  return deps.directory.person(record.council, actor)?.name ?? 'someone';
}

async function historyOf(deps: Pick<WorkflowDeps, 'store' | 'directory'>, record: CaseRecord, viewerId: string): Promise<CaseDetails['history']> {
  return (await deps.store.listAudit(record.reference))
    .filter((line) => Object.hasOwn(HISTORY_WORDS, line.action))
    .map((line) => ({ at: line.at, what: `${HISTORY_WORDS[line.action]} (${actorName(deps, record, line.actor, viewerId)})` }));
}

/** Labelled parts of a complaint or briefing view; empty answers are left out. */
export async function caseDetailsOf(
  deps: Pick<WorkflowDeps, 'store' | 'directory'>,
  record: CaseRecord,
  viewerId: string,
  read: { kind: 'complaint'; view: ComplaintView } | { kind: 'briefing'; view: BriefingView },
  card: CaseCard,
): Promise<CaseDetails> {
  const parts: Array<{ label: string; text: string }> = [];
  const add = (label: string, text: string | null | undefined) => {
    if (text && text.trim() !== '') parts.push({ label, text });
  };
  if (read.kind === 'complaint') {
    const c = read.view;
    if (c.viewer !== 'complainant') add('From', `${c.complainant.name ?? 'someone not in the directory'} (${c.complainant.role === 'member' ? 'a councillor' : 'an officer'})`);
    add('About', [c.subject.name || 'someone not named', c.subject.department].filter(Boolean).join(', '));
    add('What happened', c.description);
    add('What has been tried', c.triedInformally);
    add('Outcome wanted', c.desiredOutcome);
    add('With', c.handler.title);
    add('Acknowledge by', c.acknowledgeBy);
    add('Outcome', c.outcome);
    if (c.viewer === 'handler') add('Private notes (not shown to the complainant)', c.investigationNotes ?? null);
    return { card, parts, thread: c.messages.map((m) => ({ from: m.from === c.viewer ? 'you' : `the ${m.from}`, text: m.text, at: m.at })), history: await historyOf(deps, record, viewerId) };
  }
  const b = read.view;
  add('Group', b.content.group);
  add('Subject', b.content.subject);
  add('What is asked', b.content.format === 'attendance' ? 'an officer to attend a group meeting' : 'a written report');
  add('Meeting', b.content.meetingDate);
  add('Service', b.content.department);
  if (b.content.nonCouncillorsPresent) add('Others present', 'people who are not councillors will be present');
  add('Assigned officer', b.assignedOfficer ? (deps.directory.person(record.council, b.assignedOfficer)?.name ?? null) : null);
  add('Reason declined', b.content.declineReason);
  return { card, parts, thread: [], history: await historyOf(deps, record, viewerId) };
}
