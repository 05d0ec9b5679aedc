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
  text: string;
  citations: Array<{ council: string; section: string; title: string; quote: string }>;
  alternatives: Array<{ intent: string; confidence: number }>;
  topicTitle?: string | null;
  route?: ReplyModel['route'];
  followUps?: ReplyModel['followUps'];
}

/** Converts a reply model to the contract's Answer; `outOfScope` answers carry no citations. */
export function toContractAnswer(reply: ReplyModel, id?: string): ContractAnswer {
  return {
    ...(id === undefined ? {} : { id }),
    council: reply.council,
    role: reply.role,
    intent: reply.intent,
    confidence: reply.confidence,
    outOfScope: reply.outOfScope,
    text: renderPlainText(reply),
    citations: reply.outOfScope ? [] : reply.citations.map(({ council, section, title, quote }) => ({ council, section, title, quote })),
    alternatives: reply.alternatives.map(({ intent, confidence }) => ({ intent, confidence })),
    topicTitle: reply.topicTitle,
    route: reply.route,
    followUps: reply.followUps,
  };
}
