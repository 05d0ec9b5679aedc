import { theTitle } from '../../knowledge/the-title';
import type { CaseKind, CaseRecord } from '../../storage/case-store';
import type { BriefingRoute } from '../briefings/briefing-routing';
import { handlerTitleOf } from '../complaints/complaint-case-facts';
import { caseFields } from '../complaints/complaint-notices';
import type { WorkflowDeps } from '../workflow-deps';
import type { CaseAction } from './case-action';
import { offeredActions, partyOnCase } from './offered-actions';

/**
 * A case as one person sees it at a glance, with what they may do now: what Slack and Teams put in place of a
 * notice after an action, and what App Home and the web console list. Metadata only, never the case's words.
 */
export interface CaseCard {
  reference: string;
  kind: CaseKind;
  /** The person's part: complainant, handler, copy, requester, gatekeeper, agreer, assigned-officer. */
  party: string;
  state: string;
  /** One sentence: what it is and where it stands. */
  headline: string;
  fields: Record<string, string>;
  actions: CaseAction[];
  /** Open cases past their acknowledgement date (for handlers and HR). */
  overdue: boolean;
}

const stateText = (state: string) => state.replace(/-/g, ' ');

/** The title of whoever has the case now. */
export function holderTitleOf(record: CaseRecord, deps: Pick<WorkflowDeps, 'kb'>): string {
  if (record.kind === 'complaint') return handlerTitleOf(record, deps.kb);
  const route = JSON.parse(record.routeJson) as BriefingRoute;
  return record.state === 'awaiting-agreement' ? (route.nonCouncillorsPresent.requiresAgreementOf?.title ?? route.decidedBy.title) : route.decidedBy.title;
}

/** The card of `record` for `personId` (who must be a party: callers check). */
export function caseCardOf(deps: Pick<WorkflowDeps, 'kb' | 'directory' | 'clock'>, record: CaseRecord, personId: string): CaseCard {
  const party = partyOnCase(record, personId) ?? 'other';
  const noun = record.kind === 'complaint' ? 'Complaint' : 'Briefing request';
  const closed = record.closedAt !== null;
  const today = deps.clock.now().toISOString().slice(0, 10);
  const overdue = !closed && record.ackDeadline !== null && record.ackDeadline < today && (record.state === 'submitted' || record.state === 'escalated');
  const holder = theTitle(holderTitleOf(record, deps));
  return {
    reference: record.reference,
    kind: record.kind,
    party,
    state: record.state,
    headline: `${noun} ${record.reference} is ${stateText(record.state)}${closed ? '' : `, with ${holder}`}.${overdue ? ' It is overdue.' : ''}`,
    fields: { ...caseFields(record), 'Your part': party.replace(/-/g, ' ') },
    actions: offeredActions(deps, record, personId),
    overdue,
  };
}
