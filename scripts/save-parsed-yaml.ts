import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { builtParsedYamlFile } from '../src/app/load-configured-knowledge-base';
import { projectRoot } from '../src/app/project-root';
import { ParsedYamlCache } from '../src/knowledge/parsed-yaml-cache';

// Part of `npm run build`: parses the knowledge base's YAML files once, into dist/, so that start-up reads them
// as JSON (a file changed after the build is parsed at start-up as before).
const root = projectRoot();

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return entry.name.endsWith('.yaml') ? [full] : [];
  });
}

const files = yamlFiles(path.join(root, 'protocol-data'));
const saved = ParsedYamlCache.save(
  builtParsedYamlFile(),
  files.map((file) => readFileSync(file, 'utf8')),
);
process.stdout.write(`parsed YAML saved: ${saved} of ${files.length} knowledge-base files -> ${builtParsedYamlFile()}\n`);
