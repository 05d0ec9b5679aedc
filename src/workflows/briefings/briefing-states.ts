import type { StateMachine } from '../state-machine';

/** `closed` is reached only by age: a request nothing happened on for the retention period (see close-by-age). */
export const BRIEFING_STATES = ['awaiting-agreement', 'requested', 'approved', 'delivered', 'declined', 'withdrawn', 'closed'] as const;
export type BriefingState = (typeof BRIEFING_STATES)[number];

export type BriefingEvent = 'agree' | 'approve' | 'decline' | 'mark-delivered' | 'withdraw';

/** Who acts on a request: the member who made it, the gatekeeper, the assigned officer, or the person whose agreement non-councillors need. */
export type BriefingParty = 'requester' | 'gatekeeper' | 'assigned-officer' | 'agreer';

/**
 * The briefing request life cycle. Where the protocol requires someone's agreement before non-councillors
 * attend (the district code's Chief Executive), the request waits for it first.
 */
export const BRIEFING_MACHINE: StateMachine<BriefingState, BriefingEvent, BriefingParty> = {
  agree: { from: ['awaiting-agreement'], to: 'requested', by: ['agreer'] },
  approve: { from: ['requested'], to: 'approved', by: ['gatekeeper'] },
  decline: { from: ['awaiting-agreement', 'requested'], to: 'declined', by: ['gatekeeper', 'agreer'] },
  'mark-delivered': { from: ['approved'], to: 'delivered', by: ['assigned-officer', 'gatekeeper'] },
  withdraw: { from: ['awaiting-agreement', 'requested', 'approved'], to: 'withdrawn', by: ['requester'] },
};
