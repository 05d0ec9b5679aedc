import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The project's real knowledge base. */
export const PROTOCOL_DATA_DIR = path.join(__dirname, '..', '..', 'protocol-data');

/** The council ids of shared/CONTRACTS.md. */
export const CONTRACT_COUNCILS = ['council-2016', 'district-code', 'london-councils', 'lydney', 'rushcliffe'];

/** A throwaway copy of the real knowledge base, for tests that break a file on purpose. */
export function copyKnowledgeBase(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'etiquette-kb-')), 'protocol-data');
  cpSync(PROTOCOL_DATA_DIR, dir, { recursive: true });
  return dir;
}

/** Rewrites one file of a copied knowledge base; fails the test if the text to replace is absent. */
export function editFile(dir: string, relative: string, from: string | RegExp, to: string): void {
  const file = path.join(dir, relative);
  const before = readFileSync(file, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`fixture edit found nothing to replace in ${relative}`);
  writeFileSync(file, after);
}

/** Parses one YAML file of a copied knowledge base, lets the test change it, and writes it back. */
export function editYaml(dir: string, relative: string, change: (data: any) => void): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const file = path.join(dir, relative);
  const data = YAML.parse(readFileSync(file, 'utf8'));
  change(data);
  writeFileSync(file, YAML.stringify(data));
}
