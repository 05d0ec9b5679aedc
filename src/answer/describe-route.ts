import { routeFor, titleOf, type CouncilKnowledge } from '../knowledge/council-knowledge';
import type { AskerRole, SubjectRole } from '../knowledge/schemas/identifiers';
import type { EscalationStep } from '../knowledge/schemas/complaint-route-schema';
import { theTitle } from '../knowledge/the-title';

/** Joins titles the way people list them: "A", "A or B", "A, B or C". */
export function listTitles(titles: readonly string[], conjunction: 'or' | 'and'): string {
  if (titles.length <= 1) return titles[0] ?? '';
  return `${titles.slice(0, -1).join(', ')} ${conjunction} ${titles[titles.length - 1]}`;
}

/** How a route is told. */
export interface RouteTelling {
  /** The asker says it stalled ("never replied", "not satisfied"): what comes next is said first. */
  escalationFirst: boolean;
  /** Working days in which a complaint made through the bot is acknowledged where the protocol sets none. */
  serviceStandardWorkingDays: number;
}

/**
 * A complaint route in plain sentences, each said once and all from this route: where the complaint goes, how
 * (what the protocol asks to try first), who else is copied or told, by when, and what next. Where the protocol
 * sets no deadline, the service standard is named as the council's practice, not the protocol's.
 */
export function describeRoute(council: CouncilKnowledge, from: AskerRole, about: SubjectRole, telling: RouteTelling): string[] {
  const route = routeFor(council, from, about);
  const subject = theTitle(titleOf(council, about));
  const byWhen =
    route.acknowledgeWithinWorkingDays === null
      ? [
          'The protocol sets no deadline for a response.',
          `A complaint you make through this service is acknowledged within ${telling.serviceStandardWorkingDays} working days: that is the council's own service standard, not the protocol's.`,
        ]
      : [`The protocol says a response is due within ${route.acknowledgeWithinWorkingDays} working days.`];

  if (!route.protocolSpeaks) {
    return [
      `The protocol does not say where a complaint about ${subject} goes; the nearest route it gives is to ${theTitle(titleOf(council, route.fallback))}.`,
      sentence(route.fallbackReason),
      ...byWhen,
    ];
  }

  const recipient = theTitle(titleOf(council, route.recipient));
  const alternatives = route.alternatives.map((party) => theTitle(titleOf(council, party)));
  const where = alternatives.length === 0 ? `${recipient}` : `${recipient}, or to ${listTitles(alternatives, 'or')}`;
  const whatNext = route.escalation.map((step) => escalationSentence(step, theTitle(titleOf(council, step))));
  const told = [
    ...(route.copies.length > 0
      ? [
          `A copy goes to ${listTitles(
            route.copies.map((party) => theTitle(titleOf(council, party))),
            'and',
          )}.`,
        ]
      : []),
    ...(route.informed.length > 0
      ? [
          `${capitalise(
            listTitles(
              route.informed.map((party) => theTitle(titleOf(council, party))),
              'and',
            ),
          )} ${route.informed.length > 1 ? 'are' : 'is'} told that a complaint was made, but not what it says.`,
        ]
      : []),
  ];
  const how = route.informalFirst ? [sentence(route.informalFirst)] : [];
  if (telling.escalationFirst && whatNext.length > 0) {
    return [...whatNext, `A complaint about ${subject} starts with ${where}.`, ...how, ...told, ...byWhen];
  }
  return [`A complaint about ${subject} goes to ${where}.`, ...how, ...told, ...byWhen, ...whatNext];
}

/**
 * One escalation step as a sentence. The protocol's wording of a step is a condition and what follows ("if not
 * satisfied with the result: refer the complaint to the Chief Executive"): joined with a comma. A bare condition
 * ("if the Monitoring Officer is absent") is completed with where it goes, and a statement that does not name who
 * takes the step gets them added.
 */
function escalationSentence(step: EscalationStep, title: string): string {
  const when = step.when.trim().replace(/[.;:]$/, '');
  const condition = /^(if|where|when|as)\b/i.test(when);
  const clause = /\s*[:;]\s+/;
  if (clause.test(when)) return sentence(condition ? when.replace(clause, ', ') : when);
  if (/^(if|where|when)\b/i.test(when)) return sentence(`${when}, it goes to ${title}`);
  const bare = title
    .replace(/^the\s+/i, '')
    .replace(/\s*\(.*\)$/, '')
    .toLowerCase();
  const names = [bare, bare.replace(/^[\w-]+'s\s+/, '')].some((words) => when.toLowerCase().includes(words));
  return sentence(names ? when : `${when}, take it to ${title}`);
}

/** Text as a sentence: a capital first letter and a full stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return capitalise(/[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
