import path from 'node:path';
import { ParsedYamlCache } from '../knowledge/parsed-yaml-cache';
import { projectRoot } from './project-root';

/** Where `npm run build` saves the knowledge base's parsed YAML (scripts/save-parsed-yaml.ts). */
export function builtParsedYamlFile(): string {
  return path.join(projectRoot(), 'dist', 'parsed-yaml.json');
}

/** The knowledge base's YAML as parsed at build time, or null if this is not a build (it then parses as before). */
export function builtParsedYaml(): ParsedYamlCache | null {
  return ParsedYamlCache.load(builtParsedYamlFile());
}
