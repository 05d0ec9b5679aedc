import type { CaseParty, CaseRecord } from '../../storage/case-store';
import type { CaseActionId } from '../cases/case-action';
import type { WorkflowDeps } from '../workflow-deps';
import { nextLevelFor } from './complaint-escalation';
import { COMPLAINT_MACHINE, OPEN_COMPLAINT_STATES, type ComplaintEvent, type ComplaintParty, type ComplaintState } from './complaint-states';

/** The party a person is on a complaint, or null for someone who is not (no audit: see ComplaintService). */
export function complaintPartyOf(record: CaseRecord, personId: string): ComplaintParty | null {
  if (personId === record.openedBy) return 'complainant';
  if (personId === record.handlerId) return 'handler';
  const copied = (JSON.parse(record.partiesJson) as CaseParty[]).some((p) => p.personId === personId && p.kind === 'copy');
  return copied ? 'copy' : null;
}

/** The next step expected of a handler, in order: the first one available is the primary button. */
export const HANDLER_PRIMARY: readonly CaseActionId[] = ['assign', 'acknowledge', 'record-outcome', 'close'];

/**
 * What `party` may do on the complaint in its state, derived from the state machine: each event the machine lets
 * this party make from this state, kept only where the protocol gives it meaning (the next level exists for
 * "not satisfied" or "pass on"; only a complaint about someone not listed is assigned); then replying while the
 * case is open, reading it, and for the complainant downloading it.
 */
export function complaintActionIds(deps: Pick<WorkflowDeps, 'directory'>, record: CaseRecord, party: ComplaintParty): CaseActionId[] {
  const state = record.state as ComplaintState;
  const events = (Object.keys(COMPLAINT_MACHINE) as ComplaintEvent[]).filter((event) => {
    const transition = COMPLAINT_MACHINE[event];
    return transition.from.includes(state) && transition.by.includes(party);
  });
  const meaningful = events.filter((event) => {
    if (event === 'escalate') return nextLevelFor(deps, record, 'not-satisfied') !== null;
    if (event === 'pass-on') return nextLevelFor(deps, record, 'handler-refers') !== null;
    if (event === 'assign') return record.escalationLevel === -1 && record.subjectPersonId === null;
    return true;
  });
  const open = OPEN_COMPLAINT_STATES.includes(state);
  const talks = party === 'complainant' || party === 'handler';
  const order: CaseActionId[] = ['assign', 'acknowledge', 'start-investigation', 'record-outcome', 'close', 'pass-on', 'escalate', 'withdraw'];
  return [...order.filter((id) => (meaningful as string[]).includes(id)), ...(open && talks ? (['reply'] as const) : []), 'view', ...(party === 'complainant' ? (['export'] as const) : [])];
}
