import path from 'node:path';
import type Database from 'better-sqlite3';
import { createLogger } from '../../src/app/create-logger';
import { projectRoot } from '../../src/app/project-root';
import { loadDirectory } from '../../src/directory/load-directory';
import { loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base';
import { aesGcmCipher } from '../../src/security/content-cipher';
import { SqliteCaseStore } from '../../src/storage/sqlite/sqlite-case-store';
import { randomReference } from '../../src/workflows/case-reference';
import { ComplaintService } from '../../src/workflows/complaints/complaint-service';
import { englandAndWalesBankHolidays } from '../../src/workflows/deadlines/bank-holidays';

/**
 * The real ComplaintService on an open SQLite database, built as the server builds it (the example directory, the
 * knowledge base, AES-GCM sealing with `key`), so what it writes is what the server would have written.
 */
export function benchComplaintService(db: Database.Database, key: Buffer): ComplaintService {
  const root = projectRoot();
  return new ComplaintService({
    store: new SqliteCaseStore(db),
    kb: loadKnowledgeBase(path.join(root, 'protocol-data')),
    directory: loadDirectory(path.join(root, 'config', 'directory.example.yaml')),
    cipher: aesGcmCipher(key),
    clock: { now: () => new Date() },
    newReference: randomReference,
    holidays: englandAndWalesBankHolidays(),
    serviceStandardWorkingDays: 5,
    logger: createLogger('silent'),
  });
}
