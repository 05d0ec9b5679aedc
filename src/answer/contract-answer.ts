import type { RoutingDecision } from '../workflows/complaints/complaint-routing';
import type { ReplyModel } from './reply-model';
import { renderPlainText } from './render-plain-text';

/** The Answer JSON of CONTRACTS.md, extended with optional fields channels use. */
export interface ContractAnswer {
  id?: string;
  council: string;
  role: string;
  intent: string | null;
  confidence: number;
  outOfScope: boolean;
  /** The id of the point that answers the question, or null when none does. */
  point: string | null;
  /** What a person reads first: the direct answer with its clause, at most 400 characters. */
  lead: string;
  /** Choices when the bot asks which point the person means instead of answering; null when it answers. */
  clarify: Array<{ point: string; label: string }> | null;
  /** The whole plain-text answer, starting with the lead. */
  text: string;
  citations: Array<{ council: string; section: string; title: string; quote: string }>;
  alternatives: Array<{ intent: string; confidence: number }>;
  topicTitle?: string | null;
  /** The routing decision of a complaint answer; its citations name the clauses, whose words are in `citations`. */
  route?: ContractRoute | null;
  followUps?: ReplyModel['followUps'];
}

/** A routing decision as an answer carries it: the clauses' words are already in the answer's `citations`. */
export type ContractRoute = Omit<RoutingDecision, 'citations'> & { citations: Array<{ council: string; section: string; title: string }> };

/** The route as an answer carries it. */
export function contractRoute(route: RoutingDecision | null): ContractRoute | null {
  if (route === null) return null;
  return { ...route, citations: route.citations.map(({ council, section, title }) => ({ council, section, title })) };
}

/** Converts a reply model to the contract's Answer; `outOfScope` answers carry no citations; `citations[0]` decides. */
export function toContractAnswer(reply: ReplyModel, id?: string): ContractAnswer {
  return {
    ...(id === undefined ? {} : { id }),
    council: reply.council,
    role: reply.role,
    intent: reply.intent,
    confidence: reply.confidence,
    outOfScope: reply.outOfScope,
    point: reply.point,
    lead: reply.lead,
    clarify: reply.clarify === null ? null : reply.clarify.map(({ point, label }) => ({ point, label })),
    text: renderPlainText(reply),
    citations: reply.outOfScope ? [] : reply.citations.map(({ council, section, title, quote }) => ({ council, section, title, quote })),
    alternatives: reply.alternatives.map(({ intent, confidence }) => ({ intent, confidence })),
    topicTitle: reply.topicTitle,
    route: contractRoute(reply.route),
    followUps: reply.followUps,
  };
}
