import { AppError } from '../errors/app-error';

/** One allowed move: from which states, to which, and which parties may make it. */
export interface Transition<State extends string, Party extends string> {
  from: readonly State[];
  to: State;
  by: readonly Party[];
}

/** An explicit state machine: every event names its transition; anything else is refused. */
export type StateMachine<State extends string, Event extends string, Party extends string> = Readonly<Record<Event, Transition<State, Party>>>;

/**
 * The state after `event`, or a typed error that changes nothing: `bad_request` for an action the machine does
 * not have, `not_permitted` when the party may not make this move, `invalid_transition` when the case is not in a
 * state the event applies to.
 */
export function nextState<State extends string, Event extends string, Party extends string>(machine: StateMachine<State, Event, Party>, current: State, event: Event, party: Party): State {
  const transition = Object.hasOwn(machine, event) ? machine[event] : undefined;
  if (!transition) throw new AppError('bad_request', `there is no action "${String(event).slice(0, 40)}" on this case`);
  if (!transition.by.includes(party)) {
    throw new AppError('not_permitted', `the ${party} cannot ${event.replace(/-/g, ' ')} this case`);
  }
  if (!transition.from.includes(current)) {
    throw new AppError('invalid_transition', `cannot ${event.replace(/-/g, ' ')} a case that is ${current.replace(/-/g, ' ')}`);
  }
  return transition.to;
}
