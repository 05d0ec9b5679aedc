import { referencedClauseIds } from './clause-references';
import type { CouncilKnowledge } from './council-knowledge';

/** How much of one council's protocol the knowledge base puts to use. */
export interface CouncilCoverage {
  councilId: string;
  clauses: number;
  /** Clauses marked as context (introductions, review dates): not expected to be cited. */
  context: number;
  substantive: number;
  substantiveUsed: number;
  /** Substantive clauses no topic, route or rule rests on: each is a gap to fill. */
  unused: string[];
  topicsCovered: number;
  topicsNotCovered: number;
  routesStated: number;
  routesSilent: number;
  points: number;
  /** Substantive clauses that are the deciding or a supporting clause of some point. */
  substantiveInPoints: number;
  /** Substantive clauses no point rests on: a question about them has no point to answer it. */
  notInPoints: string[];
}

/**
 * Measures coverage, by topics, routes and rules and by points. A lead-in clause ("2.2 Councillors have three main
 * areas of responsibility") counts as used when one of its lettered items (`2.2(a)`) is cited, since the item cannot
 * be read without it.
 */
export function measureCoverage(council: CouncilKnowledge): CouncilCoverage {
  const substantive = council.clauses.filter((clause) => !clause.context);
  const unused = unusedOf(substantive, [...referencedClauseIds(council)]);
  const notInPoints = unusedOf(
    substantive,
    council.points.flatMap((point) => point.clauses),
  );
  const topics = [...council.topics.values()];
  return {
    councilId: council.profile.id,
    clauses: council.clauses.length,
    context: council.clauses.length - substantive.length,
    substantive: substantive.length,
    substantiveUsed: substantive.length - unused.length,
    unused,
    topicsCovered: topics.filter((topic) => topic.covered).length,
    topicsNotCovered: topics.filter((topic) => !topic.covered).length,
    routesStated: council.routes.filter((route) => route.protocolSpeaks).length,
    routesSilent: council.routes.filter((route) => !route.protocolSpeaks).length,
    points: council.points.length,
    substantiveInPoints: substantive.length - notInPoints.length,
    notInPoints,
  };
}

/** The ids of the clauses none of `referenced` uses, a lead-in clause counting as used through its items. */
function unusedOf(clauses: ReadonlyArray<{ id: string }>, referenced: readonly string[]): string[] {
  const isUsed = (id: string) => referenced.some((ref) => ref === id || ref.startsWith(`${id}(`));
  return clauses.filter((clause) => !isUsed(clause.id)).map((clause) => clause.id);
}
