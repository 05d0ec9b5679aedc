import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { citeClauses, type Citation } from './citation';
import { theTitle } from '../knowledge/the-title';

/** One council's position on a topic, for "how do other councils handle this?". */
export interface CouncilPosition {
  council: string;
  councilName: string;
  covered: boolean;
  summary: string;
  citations: Citation[];
}

/** Every council's position on a topic, side by side, each cited from its own protocol. */
export function compareCouncils(kb: KnowledgeBase, topicId: string): CouncilPosition[] {
  return kb.councils().map((council) => {
    const guidance = council.topics.get(topicId);
    const name = council.profile.name;
    if (!guidance || !guidance.covered) {
      return {
        council: council.profile.id,
        councilName: name,
        covered: false,
        summary: `Not covered by ${theTitle(council.profile.protocolTitle)}.${guidance?.note ? ` ${guidance.note}` : ''}`,
        citations: citeClauses(council, guidance?.clauses ?? []),
      };
    }
    return { council: council.profile.id, councilName: name, covered: true, summary: guidance.answer, citations: citeClauses(council, guidance.clauses.slice(0, 2)) };
  });
}
