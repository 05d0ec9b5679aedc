import type { ReplyModel } from '../../src/answer/reply-model';

/** A reply as the evaluator reads it: the lead, the point and the first citation's clause (and the topic answered). */
export function reply(lead: string, point: string | null, clause: string | undefined, outOfScope = false, intent = 'topic'): ReplyModel {
  return {
    council: 'lydney',
    councilName: 'Lydney',
    role: 'member',
    intent: outOfScope ? null : intent,
    topicTitle: null,
    confidence: 0.9,
    outOfScope,
    lead,
    point,
    clarify: null,
    summary: '',
    doList: [],
    dontList: [],
    contacts: [],
    route: null,
    elsewhere: [],
    followUps: [],
    alternatives: [],
    citations: clause === undefined ? [] : [{ council: 'lydney', section: clause, title: 't', quote: 'q', clause, label: clause }],
  };
}

/** An engine that answers each sample question with a reply written for it. */
export function engineAnswering(replies: Record<string, ReplyModel>) {
  return { ask: ({ question }: { question: string }) => replies[question] ?? reply('Sorry.', null, undefined, true) };
}
