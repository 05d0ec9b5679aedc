import type { CouncilKnowledge } from './council-knowledge';
import { buildQuoteIndex } from './quote-check';
import { ASKER_ROLES, REQUIRED_PROFILE_ROLES, SUBJECT_ROLES } from './schemas/identifiers';
import type { Party } from './schemas/party-schema';
import type { Topic } from './schemas/topic-taxonomy-schema';
import { formatDataPath, type KbProblem, type YamlDataFile } from './yaml-data-file';

interface CouncilFiles {
  profile: YamlDataFile;
  clauses: YamlDataFile;
  topics: YamlDataFile;
  routes: YamlDataFile;
  briefing: YamlDataFile;
}

/**
 * Checks what a schema cannot: clause ids exist and are unique, quotes are verbatim, roles are defined in the
 * profile, every topic and every (complainant, subject) pair is answered exactly once.
 */
export function checkCouncilReferences(council: CouncilKnowledge, taxonomy: readonly Topic[], files: CouncilFiles, problems: KbProblem[]): void {
  const report = (file: YamlDataFile, path: PropertyKey[], message: string) => problems.push({ file: file.file, path: formatDataPath(path), line: file.lineOf(path), message });

  const roles = council.profile.roles;
  for (const role of REQUIRED_PROFILE_ROLES) {
    if (!roles[role]) {
      report(files.profile, ['roles'], `missing title for the canonical role "${role}"`);
    }
  }
  const checkRole = (file: YamlDataFile, path: PropertyKey[], party: Party | string) => {
    const role = typeof party === 'string' ? party : party.role;
    if (!roles[role]) report(file, path, `unknown role "${role}"; roles defined in council.yaml: ${Object.keys(roles).join(', ')}`);
  };
  const checkClauses = (file: YamlDataFile, path: PropertyKey[], ids: readonly string[]) => {
    ids.forEach((id, index) => {
      if (!council.clauseById.has(id)) report(file, [...path, index], `unknown clause "${id}"`);
    });
  };

  // Clauses: unique ids and verbatim quotes.
  const quoteIndex = buildQuoteIndex(council.sourceText);
  const seen = new Set<string>();
  council.clauses.forEach((clause, index) => {
    if (seen.has(clause.id)) report(files.clauses, ['clauses', index, 'id'], `duplicate clause id "${clause.id}"`);
    seen.add(clause.id);
    if (council.sourceText !== '' && !quoteIndex.contains(clause.text)) {
      report(files.clauses, ['clauses', index, 'text'], `text of clause "${clause.id}" is not word for word in ${council.profile.source.file}`);
    }
  });

  // Topics: every taxonomy topic answered, no unknown topic, references resolve.
  for (const topic of taxonomy) {
    if (!council.topics.has(topic.id)) report(files.topics, ['topics'], `missing topic "${topic.id}" (give guidance or covered: false)`);
  }
  for (const [topicId, guidance] of council.topics) {
    if (!taxonomy.some((topic) => topic.id === topicId)) {
      report(files.topics, ['topics', topicId], `unknown topic "${topicId}"; topics are listed in protocol-data/topics.yaml`);
    }
    checkClauses(files.topics, ['topics', topicId, 'clauses'], guidance.clauses);
    if (guidance.covered) guidance.contacts.forEach((role, index) => checkRole(files.topics, ['topics', topicId, 'contacts', index], role));
  }

  // Complaint routes: each pair exactly once, references resolve.
  const pairs = new Map<string, number>();
  council.routes.forEach((route, index) => {
    const key = `${route.from} about ${route.about}`;
    if (pairs.has(key)) report(files.routes, ['routes', index], `second route for ${key} (first at routes[${pairs.get(key)}])`);
    pairs.set(key, index);
    checkClauses(files.routes, ['routes', index, 'clauses'], route.clauses);
    if (route.protocolSpeaks) {
      checkRole(files.routes, ['routes', index, 'recipient'], route.recipient);
      for (const field of ['alternatives', 'copies', 'informed', 'escalation'] as const) {
        route[field].forEach((party, partyIndex) => checkRole(files.routes, ['routes', index, field, partyIndex], party));
      }
    } else {
      checkRole(files.routes, ['routes', index, 'fallback'], route.fallback);
    }
  });
  for (const from of ASKER_ROLES) {
    for (const about of SUBJECT_ROLES) {
      if (!pairs.has(`${from} about ${about}`)) {
        report(files.routes, ['routes'], `missing route for ${from} about ${about} (give the route, or protocolSpeaks: false with the fallback)`);
      }
    }
  }

  // Briefing rules.
  const briefing = council.briefing;
  checkRole(files.briefing, ['requestTo'], briefing.requestTo);
  checkRole(files.briefing, ['decidedBy'], briefing.decidedBy);
  briefing.alsoAdvised.forEach((party, index) => checkRole(files.briefing, ['alsoAdvised', index], party));
  if (briefing.nonCouncillorsPresent.requiresAgreementOf) {
    checkRole(files.briefing, ['nonCouncillorsPresent', 'requiresAgreementOf'], briefing.nonCouncillorsPresent.requiresAgreementOf);
  }
  if (briefing.preElection.contact) checkRole(files.briefing, ['preElection', 'contact'], briefing.preElection.contact);
  for (const field of ['mayDelegate', 'informOtherGroups', 'otherGroupsMayRequestSame', 'nonCouncillorsPresent', 'preElection'] as const) {
    checkClauses(files.briefing, [field, 'clauses'], briefing[field].clauses);
  }
  briefing.safeguards.forEach((safeguard, index) => checkClauses(files.briefing, ['safeguards', index, 'clauses'], safeguard.clauses));
  checkClauses(files.briefing, ['clauses'], briefing.clauses);
}
