import type { RoutingDecision } from '../workflows/complaints/complaint-routing';
import { theTitle } from '../knowledge/the-title';

/** Joins titles the way people list them: "A", "A or B", "A, B or C". */
export function listTitles(titles: readonly string[], conjunction: 'or' | 'and'): string {
  if (titles.length <= 1) return titles[0] ?? '';
  return `${titles.slice(0, -1).join(', ')} ${conjunction} ${titles[titles.length - 1]}`;
}

/** Plain sentences describing a routing decision, escalation first when the asker says it stalled. */
export function describeRoute(decision: RoutingDecision, subjectTitle: string, escalationFirst: boolean): string[] {
  const sentences: string[] = [];
  const recipients = listTitles([decision.recipient.title, ...decision.alternatives.map((p) => p.title)].map(theTitle), 'or');
  const escalation = decision.escalation.map(escalationSentence);
  if (!decision.protocolSpeaks) {
    sentences.push(`The protocol does not set out where a complaint about ${theTitle(subjectTitle)} goes; the nearest route it gives is ${theTitle(decision.recipient.title)}.`);
  } else if (escalationFirst && escalation.length > 0) {
    sentences.push(...escalation);
    sentences.push(`A complaint about ${theTitle(subjectTitle)} starts with ${recipients}.`);
  } else {
    sentences.push(`Raise a complaint about ${theTitle(subjectTitle)} with ${recipients}.`);
    sentences.push(...escalation);
  }
  if (decision.informalFirst) sentences.push(`First: ${decision.informalFirst}`);
  if (decision.copies.length > 0) sentences.push(`Copied or told: ${listTitles(decision.copies.map((p) => p.title), 'and')}.`);
  sentences.push(
    decision.acknowledgeWithinWorkingDays === null
      ? 'The protocol sets no deadline for a response.'
      : `A response is due within ${decision.acknowledgeWithinWorkingDays} working days.`,
  );
  return sentences;
}

/**
 * One escalation step as a sentence. Where the protocol's own wording of the step already names who takes it
 * ("…: refer the complaint to the Chief Executive"), it is not named a second time.
 */
function escalationSentence(step: RoutingDecision['escalation'][number]): string {
  const names = step.when.toLowerCase().includes(step.title.replace(/^the\s+/i, '').toLowerCase());
  const sentence = names ? step.when : `${step.when}, take it to ${theTitle(step.title)}`;
  return `${capitalise(sentence)}${/[.!?]$/.test(sentence) ? '' : '.'}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
