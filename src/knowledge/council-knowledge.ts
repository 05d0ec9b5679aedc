import type { BriefingRules } from './schemas/briefing-rules-schema';
import type { Clause } from './schemas/clause-schema';
import type { ComplaintRoute } from './schemas/complaint-route-schema';
import type { CouncilProfile } from './schemas/council-profile-schema';
import type { AskerRole, SubjectRole } from './schemas/identifiers';
import type { Party } from './schemas/party-schema';
import type { KnowledgePoint } from './schemas/point-schema';
import type { TopicGuidance } from './schemas/topic-guidance-schema';

/** Everything the bot knows about one council, validated and cross-checked. */
export interface CouncilKnowledge {
  profile: CouncilProfile;
  /** Clauses in document order. */
  clauses: readonly Clause[];
  clauseById: ReadonlyMap<string, Clause>;
  /** Guidance for every topic of the taxonomy. */
  topics: ReadonlyMap<string, TopicGuidance>;
  routes: readonly ComplaintRoute[];
  briefing: BriefingRules;
  /** The specific points the protocol makes, each the direct answer to the questions it lists, in file order. */
  points: readonly KnowledgePoint[];
  pointById: ReadonlyMap<string, KnowledgePoint>;
  /** The protocol's text as published, kept beside the data. */
  sourceText: string;
}

/** The council's own title for a role (`Town Clerk (CEO)`), or the party's own wording where it has one. */
export function titleOf(council: CouncilKnowledge, party: Party | string): string {
  const role = typeof party === 'string' ? party : party.role;
  const override = typeof party === 'string' ? undefined : party.title;
  return override ?? council.profile.roles[role]?.title ?? role;
}

/** The route for a (complainant, subject) pair; the loader guarantees every pair has exactly one. */
export function routeFor(council: CouncilKnowledge, from: AskerRole, about: SubjectRole): ComplaintRoute {
  const route = council.routes.find((candidate) => candidate.from === from && candidate.about === about);
  if (!route) throw new Error(`no route for ${from} about ${about} at ${council.profile.id}`);
  return route;
}
