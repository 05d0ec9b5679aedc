import { existsSync } from 'node:fs';
import path from 'node:path';

/** The project root. */
export const ROOT = path.join(__dirname, '..', '..');

/** A compiled entry point under dist/; `npm test` builds first (its pretest step), so it must exist. */
export function builtEntry(relative: string): string {
  const file = path.join(ROOT, 'dist', relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" (npm test does it first)`);
  return file;
}
