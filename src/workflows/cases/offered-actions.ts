import type { CaseRecord } from '../../storage/case-store';
import { BRIEFING_PRIMARY, briefingActionIds, briefingPartyOf } from '../briefings/briefing-actions';
import { complaintActionIds, complaintPartyOf, HANDLER_PRIMARY } from '../complaints/complaint-actions';
import type { WorkflowDeps } from '../workflow-deps';
import { offerActions, type CaseAction, type CaseActionId } from './case-action';

/** The party `personId` is on the case (complainant, handler, gatekeeper …), or null for anyone else. */
export function partyOnCase(record: CaseRecord, personId: string): string | null {
  return record.kind === 'complaint' ? complaintPartyOf(record, personId) : briefingPartyOf(record, personId);
}

/** The action ids a person may take on the case as it is now; none for someone not on it. */
export function offeredActionIds(deps: Pick<WorkflowDeps, 'directory'>, record: CaseRecord, personId: string): CaseActionId[] {
  if (record.kind === 'complaint') {
    const party = complaintPartyOf(record, personId);
    return party ? complaintActionIds(deps, record, party) : [];
  }
  const party = briefingPartyOf(record, personId);
  return party ? briefingActionIds(record, party) : [];
}

/** The same actions described for rendering, with the one primary among them. */
export function offeredActions(deps: Pick<WorkflowDeps, 'directory'>, record: CaseRecord, personId: string): CaseAction[] {
  const party = partyOnCase(record, personId) ?? 'other';
  const primaryOrder = record.kind === 'complaint' ? (party === 'handler' ? HANDLER_PRIMARY : ['view' as const]) : party === 'requester' ? ['view' as const] : BRIEFING_PRIMARY;
  return offerActions(offeredActionIds(deps, record, personId), party, primaryOrder);
}
