import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/app/create-logger';
import { checkDirectoryAgainstKnowledgeBase } from '../../src/directory/check-directory';
import { loadDirectory } from '../../src/directory/load-directory';
import { loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base';
import { aesGcmCipher } from '../../src/security/content-cipher';
import { openDatabase } from '../../src/storage/sqlite/open-database';
import { SqliteCaseStore } from '../../src/storage/sqlite/sqlite-case-store';
import { englandAndWalesBankHolidays } from '../../src/workflows/deadlines/bank-holidays';
import type { WorkflowDeps } from '../../src/workflows/workflow-deps';
import { PROTOCOL_DATA_DIR } from './knowledge-base-fixture';
import { rememberDatabase } from './queued-notifications';

export const DIRECTORY_FIXTURE = path.join(__dirname, '..', '..', 'config', 'directory.example.yaml');
export const TEST_KEY = Buffer.alloc(32, 7);

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/** Workflow dependencies on a real SQLite file in a temp folder, with a fixed clock and captured logs. */
export function workflowHarness(startIso = '2026-08-27T10:00:00Z', dataDir = mkdtempSync(path.join(tmpdir(), 'etiquette-wf-'))) {
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  const kb = loadKnowledgeBase(PROTOCOL_DATA_DIR);
  const directory = loadDirectory(DIRECTORY_FIXTURE);
  const problems = checkDirectoryAgainstKnowledgeBase(directory, kb);
  if (problems.length > 0) throw new Error(`directory fixture does not match the knowledge base:\n${problems.join('\n')}`);
  const clock = new ManualClock(new Date(startIso));
  let counter = 0;
  const db = openDatabase(dataDir);
  const store = new SqliteCaseStore(db);
  rememberDatabase(store, db);
  const deps: WorkflowDeps = {
    store,
    kb,
    directory,
    cipher: aesGcmCipher(TEST_KEY),
    clock,
    newReference: (prefix) => `${prefix}-TEST${String((counter += 1)).padStart(4, '0')}`,
    holidays: englandAndWalesBankHolidays(),
    serviceStandardWorkingDays: 5,
    logger: createLogger('debug', sink),
  };
  return { deps, clock, store, db, dataDir, logLines };
}
