import type { CaseRecord } from '../../storage/case-store';
import type { CaseActionId } from '../cases/case-action';
import { BRIEFING_MACHINE, type BriefingEvent, type BriefingParty, type BriefingState } from './briefing-states';

/** The party a person is on a briefing request, or null for someone who is not (no audit: see BriefingService). */
export function briefingPartyOf(record: CaseRecord, personId: string): BriefingParty | null {
  if (personId === record.openedBy) return 'requester';
  if (personId === record.handlerId) return record.state === 'awaiting-agreement' ? 'agreer' : 'gatekeeper';
  if (record.assignedTo !== null && personId === record.assignedTo) return 'assigned-officer';
  return null;
}

/** The next step expected of each party, in order: the first one available is the primary button. */
export const BRIEFING_PRIMARY: readonly CaseActionId[] = ['agree', 'approve', 'mark-delivered'];

/** What `party` may do on the request in its state, derived from the state machine, then reading it. */
export function briefingActionIds(record: CaseRecord, party: BriefingParty): CaseActionId[] {
  const state = record.state as BriefingState;
  const events = (Object.keys(BRIEFING_MACHINE) as BriefingEvent[]).filter((event) => BRIEFING_MACHINE[event].from.includes(state) && BRIEFING_MACHINE[event].by.includes(party));
  return [...events, 'view'];
}
