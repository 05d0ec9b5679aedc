import path from 'node:path';
import type { Settings } from '../config/settings-schema';
import { knowledgeBaseDir } from './knowledge-base-dir';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { loadKnowledgeBase } from '../knowledge/load-knowledge-base';
import { ParsedYamlCache } from '../knowledge/parsed-yaml-cache';
import { projectRoot } from './project-root';

/** Where `npm run build` saves the knowledge base's parsed YAML (scripts/save-parsed-yaml.ts). */
export function builtParsedYamlFile(): string {
  return path.join(projectRoot(), 'dist', 'parsed-yaml.json');
}

/**
 * The knowledge base the settings name (`KNOWLEDGE_BASE_DIR` or `protocol-data/`), read through the YAML the build
 * parsed where a file is unchanged since; without a build, or for a changed file, the YAML is parsed as before.
 */
export function loadConfiguredKnowledgeBase(settings: Pick<Settings, 'KNOWLEDGE_BASE_DIR'>): KnowledgeBase {
  return loadKnowledgeBase(knowledgeBaseDir(settings.KNOWLEDGE_BASE_DIR), ParsedYamlCache.load(builtParsedYamlFile()));
}
