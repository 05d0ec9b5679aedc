import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import type { CouncilKnowledge } from './council-knowledge';
import { KnowledgeBase } from './knowledge-base';
import { loadCouncil } from './load-council';
import type { ParsedYamlCache } from './parsed-yaml-cache';
import { topicTaxonomyFileSchema, type Topic } from './schemas/topic-taxonomy-schema';
import { vocabularyFileSchema, type Vocabulary } from './schemas/vocabulary-schema';
import { formatKbProblem, readYamlDataFile, validateDataFile, type KbProblem } from './yaml-data-file';

/** What loading found: the knowledge base when every file is valid, and every problem otherwise. */
export interface KnowledgeBaseLoadResult {
  knowledgeBase: KnowledgeBase | null;
  problems: KbProblem[];
}

/** Lists the council folders of a protocol-data directory (every sub-folder holding a council.yaml). */
export function listCouncilFolders(dataDir: string): string[] {
  return readdirSync(dataDir)
    .filter((name) => statSync(path.join(dataDir, name)).isDirectory())
    .filter((name) => existsSync(path.join(dataDir, name, 'council.yaml')))
    .sort();
}

/**
 * Reads and checks the whole knowledge base, collecting every problem in every file. `only` restricts the
 * councils loaded (the others are not read); `parsed` holds files parsed at build time (see ParsedYamlCache).
 */
export function inspectKnowledgeBase(dataDir: string, only?: readonly string[], parsed: ParsedYamlCache | null = null): KnowledgeBaseLoadResult {
  const problems: KbProblem[] = [];
  const display = (name: string) => path.join(path.basename(dataDir), name);
  if (!existsSync(dataDir)) {
    return { knowledgeBase: null, problems: [{ file: dataDir, path: '', message: 'knowledge-base folder not found' }] };
  }
  const taxonomyFile = readYamlDataFile(path.join(dataDir, 'topics.yaml'), display('topics.yaml'), problems, parsed);
  const taxonomy: Topic[] = (taxonomyFile && validateDataFile(taxonomyFile, topicTaxonomyFileSchema, problems)?.topics) ?? [];

  const folders = listCouncilFolders(dataDir);
  for (const id of only ?? []) {
    if (!folders.includes(id)) problems.push({ file: display(id), path: '', message: `no council folder "${id}" (with a council.yaml)` });
  }
  const councils: CouncilKnowledge[] = [];
  for (const folder of folders.filter((name) => !only || only.includes(name))) {
    const council = loadCouncil(path.join(dataDir, folder), display(folder), taxonomy, problems, parsed);
    if (council) councils.push(council);
  }
  if (folders.length === 0) problems.push({ file: display(''), path: '', message: 'no council folders found' });
  const vocabulary = loadVocabulary(dataDir, display('vocabulary.yaml'), folders, problems, parsed);
  return { knowledgeBase: problems.length === 0 ? new KnowledgeBase(taxonomy, councils, vocabulary) : null, problems };
}

/** `vocabulary.yaml`, if present (it is optional: without it, no synonyms), checked against the council folders. */
function loadVocabulary(dataDir: string, displayPath: string, folders: readonly string[], problems: KbProblem[], parsed: ParsedYamlCache | null): Vocabulary {
  const none: Vocabulary = { everywhere: [], councils: {} };
  const file = path.join(dataDir, 'vocabulary.yaml');
  if (!existsSync(file)) return none;
  const data = readYamlDataFile(file, displayPath, problems, parsed);
  const vocabulary = data ? validateDataFile(data, vocabularyFileSchema, problems) : null;
  if (!vocabulary) return none;
  for (const council of Object.keys(vocabulary.councils)) {
    if (!folders.includes(council)) problems.push({ file: displayPath, path: `councils.${council}`, line: data?.lineOf(['councils', council]), message: `no council folder "${council}"` });
  }
  return vocabulary;
}

/** Loads the knowledge base or throws `kb_invalid` listing every problem, so nothing starts half-configured. */
export function loadKnowledgeBase(dataDir: string, parsed: ParsedYamlCache | null = null): KnowledgeBase {
  const { knowledgeBase, problems } = inspectKnowledgeBase(dataDir, undefined, parsed);
  if (!knowledgeBase) {
    const lines = problems.map(formatKbProblem);
    throw new AppError('kb_invalid', `the knowledge base in ${dataDir} has ${lines.length} problem(s):\n  ${lines.join('\n  ')}`, lines);
  }
  return knowledgeBase;
}
