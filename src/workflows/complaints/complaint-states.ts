import type { StateMachine } from '../state-machine';

export const COMPLAINT_STATES = ['submitted', 'acknowledged', 'investigating', 'outcome-recorded', 'closed', 'withdrawn', 'escalated'] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

export type ComplaintEvent = 'acknowledge' | 'start-investigation' | 'record-outcome' | 'close' | 'withdraw' | 'escalate' | 'pass-on' | 'assign';

/**
 * Who acts on a complaint: the person who made it, its current handler, or the scheduler; `copy` is someone the
 * protocol sends a copy to, who may read it and do nothing else.
 */
export type ComplaintParty = 'complainant' | 'handler' | 'copy' | 'system';

/**
 * States in which the case is still open (messages allowed, counts as "my open cases"). A case left in one of them
 * with nothing happening for the retention period is closed by age by the scheduler (src/workflows/close-by-age.ts),
 * outside this machine: a case "escalated" to the protocol's last level whose handler never acts has nowhere else to go.
 */
export const OPEN_COMPLAINT_STATES: readonly ComplaintState[] = ['submitted', 'acknowledged', 'investigating', 'outcome-recorded', 'escalated'];

/**
 * The complaint life cycle. `escalate` moves the case to the next level the protocol gives: by the complainant
 * when they are not satisfied, or by the scheduler when the protocol's own deadline passes and the protocol makes
 * that a reason to go up; `pass-on` is the handler referring it up where the protocol lets them.
 */
export const COMPLAINT_MACHINE: StateMachine<ComplaintState, ComplaintEvent, ComplaintParty> = {
  acknowledge: { from: ['submitted', 'escalated'], to: 'acknowledged', by: ['handler'] },
  'start-investigation': { from: ['acknowledged'], to: 'investigating', by: ['handler'] },
  'record-outcome': { from: ['acknowledged', 'investigating'], to: 'outcome-recorded', by: ['handler'] },
  close: { from: ['outcome-recorded'], to: 'closed', by: ['handler', 'complainant'] },
  withdraw: { from: ['submitted', 'acknowledged', 'investigating', 'escalated'], to: 'withdrawn', by: ['complainant'] },
  escalate: { from: ['submitted', 'acknowledged', 'investigating', 'outcome-recorded', 'escalated'], to: 'escalated', by: ['complainant', 'system'] },
  // The handler passes the case to the next level the protocol lets a handler refer it to.
  'pass-on': { from: ['submitted', 'acknowledged', 'investigating', 'escalated'], to: 'escalated', by: ['handler'] },
  // Someone not in the directory was complained about: the person it went to names who it is about (or keeps it).
  assign: { from: ['submitted'], to: 'submitted', by: ['handler'] },
};
