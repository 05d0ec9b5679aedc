import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh DATA_DIR for one test file, so tests never write into the project's own data folder. */
export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'etiquette-data-'));
}
