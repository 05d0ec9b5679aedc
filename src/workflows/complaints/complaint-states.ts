import type { StateMachine } from '../state-machine';

export const COMPLAINT_STATES = ['submitted', 'acknowledged', 'investigating', 'outcome-recorded', 'closed', 'withdrawn', 'escalated'] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

export type ComplaintEvent = 'acknowledge' | 'start-investigation' | 'record-outcome' | 'close' | 'withdraw' | 'escalate';

/** Who acts on a complaint: the person who made it, its current handler, or the scheduler. */
export type ComplaintParty = 'complainant' | 'handler' | 'system';

/** States in which the case is still open (messages allowed, counts as "my open cases"). */
export const OPEN_COMPLAINT_STATES: readonly ComplaintState[] = ['submitted', 'acknowledged', 'investigating', 'outcome-recorded', 'escalated'];

/**
 * The complaint life cycle. `escalate` moves the case to the next level the protocol gives: by the scheduler
 * when the acknowledgement deadline passes, or by the complainant when it stalls or they are not satisfied.
 */
export const COMPLAINT_MACHINE: StateMachine<ComplaintState, ComplaintEvent, ComplaintParty> = {
  acknowledge: { from: ['submitted', 'escalated'], to: 'acknowledged', by: ['handler'] },
  'start-investigation': { from: ['acknowledged'], to: 'investigating', by: ['handler'] },
  'record-outcome': { from: ['acknowledged', 'investigating'], to: 'outcome-recorded', by: ['handler'] },
  close: { from: ['outcome-recorded'], to: 'closed', by: ['handler', 'complainant'] },
  withdraw: { from: ['submitted', 'acknowledged', 'investigating', 'escalated'], to: 'withdrawn', by: ['complainant'] },
  escalate: { from: ['submitted', 'acknowledged', 'investigating', 'outcome-recorded', 'escalated'], to: 'escalated', by: ['complainant', 'system'] },
};
