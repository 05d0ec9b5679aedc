import type { ReplyRequest } from './compose-reply';
import { emptyReply } from './compose-reply';
import type { ClarifyChoice, ReplyModel } from './reply-model';

/**
 * When the classifier is unsure between topics, the bot asks instead of answering as if sure: "Is this about A or
 * B?", each choice the best point of that topic for the question (a button answers it at once), and "something
 * else", which says what the bot can help with. Null when fewer than two topics have a point to offer.
 */
export function composeClarifyReply(request: ReplyRequest): ReplyModel | null {
  const choices: ClarifyChoice[] = [];
  for (const topic of request.understanding.clarify) {
    const ranked = request.points.rank(request.question, new Map([[topic.intent, 1]]), request.role, request.subjectRole)[0]?.point;
    const point = ranked ?? request.points.pointsOf(topic.intent, request.role)[0];
    if (point && !choices.some((c) => c.point === point.id)) choices.push({ point: point.id, label: request.kb.topic(topic.intent)?.title ?? topic.intent });
  }
  if (choices.length < 2) return null;
  const reply = emptyReply(request);
  const labels = choices.map((c) => c.label);
  reply.clarify = choices;
  reply.lead = `I want to be sure I answer the right question: is this about ${labels.slice(0, -1).join(', ')} or ${labels.at(-1) as string}?`;
  reply.followUps = [
    ...choices.map((c) => ({ kind: 'did-you-mean-point' as const, label: c.label, value: c.point })),
    { kind: 'ask-example' as const, label: 'Something else', value: 'what can you help with?' },
  ];
  return reply;
}
