import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder holding the project's package.json, found from this file whether it runs from src/ or dist/. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
