import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { Directory } from './directory';

/** Problems between the directory and the knowledge base: unknown councils, roles a council does not define. */
export function checkDirectoryAgainstKnowledgeBase(directory: Directory, kb: KnowledgeBase): string[] {
  const problems: string[] = [];
  for (const council of directory.councilIds()) {
    if (!kb.hasCouncil(council)) {
      problems.push(`councils.${council}: unknown council; known: ${kb.councilIds().join(', ')}`);
      continue;
    }
    const roles = kb.council(council).profile.roles;
    for (const role of new Set(directory.holdersOfAny(council).flatMap((person) => person.roles))) {
      if (!roles[role]) problems.push(`councils.${council}: role "${role}" is not defined in protocol-data/${council}/council.yaml`);
    }
  }
  return problems;
}
