import type { CouncilKnowledge } from './council-knowledge';

/** Every clause id that a council's topics, complaint routes and briefing rules rest on. */
export function referencedClauseIds(council: CouncilKnowledge): Set<string> {
  const ids = new Set<string>();
  const add = (list: readonly string[]) => list.forEach((id) => ids.add(id));
  for (const guidance of council.topics.values()) add(guidance.clauses);
  for (const route of council.routes) add(route.clauses);
  const briefing = council.briefing;
  add(briefing.clauses);
  for (const safeguard of briefing.safeguards) add(safeguard.clauses);
  for (const provision of [briefing.mayDelegate, briefing.informOtherGroups, briefing.otherGroupsMayRequestSame, briefing.nonCouncillorsPresent, briefing.preElection]) {
    add(provision.clauses);
  }
  return ids;
}
