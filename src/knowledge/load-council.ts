import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Clause } from './schemas/clause-schema';
import { clausesFileSchema } from './schemas/clause-schema';
import { complaintRoutesFileSchema } from './schemas/complaint-route-schema';
import { councilProfileSchema } from './schemas/council-profile-schema';
import { briefingRulesSchema } from './schemas/briefing-rules-schema';
import { pointsFileSchema } from './schemas/point-schema';
import { topicGuidanceFileSchema } from './schemas/topic-guidance-schema';
import type { Topic } from './schemas/topic-taxonomy-schema';
import type { CouncilKnowledge } from './council-knowledge';
import { checkCouncilReferences } from './check-council-references';
import { checkPointReferences } from './check-points';
import type { ParsedYamlCache } from './parsed-yaml-cache';
import { readYamlDataFile, validateDataFile, type KbProblem } from './yaml-data-file';

/** The data files of one council folder, by the name each must have. */
export const COUNCIL_FILES = {
  profile: 'council.yaml',
  clauses: 'clauses.yaml',
  topics: 'topics.yaml',
  routes: 'complaint-routes.yaml',
  briefing: 'briefing-rules.yaml',
  points: 'points.yaml',
} as const;

/**
 * Loads and checks one council folder. Every problem found is pushed to `problems` (all of them, not just the
 * first), and the council is returned only when it has none.
 */
export function loadCouncil(folder: string, displayFolder: string, taxonomy: readonly Topic[], problems: KbProblem[], parsed: ParsedYamlCache | null = null): CouncilKnowledge | null {
  const before = problems.length;
  const read = (name: string) => readYamlDataFile(path.join(folder, name), `${displayFolder}/${name}`, problems, parsed);

  const files = {
    profile: read(COUNCIL_FILES.profile),
    clauses: read(COUNCIL_FILES.clauses),
    topics: read(COUNCIL_FILES.topics),
    routes: read(COUNCIL_FILES.routes),
    briefing: read(COUNCIL_FILES.briefing),
    points: read(COUNCIL_FILES.points),
  };
  const profile = files.profile && validateDataFile(files.profile, councilProfileSchema, problems);
  const clausesFile = files.clauses && validateDataFile(files.clauses, clausesFileSchema, problems);
  const topicsFile = files.topics && validateDataFile(files.topics, topicGuidanceFileSchema, problems);
  const routesFile = files.routes && validateDataFile(files.routes, complaintRoutesFileSchema, problems);
  const briefing = files.briefing && validateDataFile(files.briefing, briefingRulesSchema, problems);
  const pointsFile = files.points && validateDataFile(files.points, pointsFileSchema, problems);

  let sourceText = '';
  if (profile) {
    try {
      sourceText = readFileSync(path.join(folder, profile.source.file), 'utf8');
    } catch {
      problems.push({
        file: `${displayFolder}/${COUNCIL_FILES.profile}`,
        path: 'source.file',
        line: files.profile?.lineOf(['source', 'file']),
        message: `source text "${profile.source.file}" is missing`,
      });
    }
    const folderName = path.basename(folder);
    if (profile.id !== folderName) {
      problems.push({
        file: `${displayFolder}/${COUNCIL_FILES.profile}`,
        path: 'id',
        line: files.profile?.lineOf(['id']),
        message: `id "${profile.id}" must match the folder name "${folderName}"`,
      });
    }
  }

  if (!profile || !files.profile || !clausesFile || !topicsFile || !routesFile || !briefing || !pointsFile || !files.clauses || !files.topics || !files.routes || !files.briefing || !files.points) {
    return null;
  }
  const clauses: Clause[] = clausesFile.clauses.map((clause) => ({ ...clause, section: clause.section ?? clause.id }));
  const council: CouncilKnowledge = {
    profile,
    clauses,
    clauseById: new Map(clauses.map((clause) => [clause.id, clause])),
    topics: new Map(Object.entries(topicsFile.topics)),
    routes: routesFile.routes,
    briefing,
    points: pointsFile.points,
    // the first of any repeated id, as a search of the list would find (checkPointReferences refuses repeats anyway)
    pointById: new Map([...pointsFile.points].reverse().map((point) => [point.id, point])),
    sourceText,
  };
  checkCouncilReferences(council, taxonomy, { profile: files.profile, clauses: files.clauses, topics: files.topics, routes: files.routes, briefing: files.briefing }, problems);
  checkPointReferences(council, taxonomy, files.points, problems);
  return problems.length === before ? council : null;
}
