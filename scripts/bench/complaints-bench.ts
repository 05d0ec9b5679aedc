import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/storage/sqlite/open-database';
import { benchComplaintService } from './bench-complaint-service';
import { freshDataDir } from './bench-env';

/** Durable writes per second: the real complaint service, and a plain SQLite insert loop on the same settings. */
export interface ComplaintFigures {
  servicePerSecond: number;
  plainPerSecond: number;
  synchronous: number;
}

/** Calls `work(i)` for `seconds` (at least 50 times) and returns calls per second. */
async function rate(seconds: number, work: (i: number) => unknown): Promise<number> {
  const started = performance.now();
  let i = 0;
  while (i < 50 || performance.now() - started < seconds * 1000) await work((i += 1));
  return i / ((performance.now() - started) / 1000);
}

/**
 * The ComplaintService on SQLite as the server builds it (WAL, synchronous FULL: one fsync per acknowledged
 * case, with its audit line and three notifications in the same transaction), against one-row autocommit
 * inserts of a similar row into a table on a database opened the same way.
 */
export async function benchComplaints(seconds: number): Promise<ComplaintFigures> {
  const db = openDatabase(freshDataDir());
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const service = benchComplaintService(db, randomBytes(32));
  const run = `${Date.now()}`;
  const servicePerSecond = await rate(seconds, (i) =>
    service.open({
      idempotencyKey: `bench-${run}-${i}`,
      council: 'london-councils',
      complainant: { personId: 'lc-member', role: 'member' },
      subject: { role: 'officer', department: 'Services' },
      description: `Complaint number ${i}: an officer in Services has not replied to five emails about the grants round.`,
    }),
  );
  db.close();

  const plain = new Database(path.join(freshDataDir(), 'plain.sqlite'));
  plain.pragma('journal_mode = WAL');
  plain.pragma('synchronous = FULL');
  plain.exec('CREATE TABLE cases (reference TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, content TEXT NOT NULL, created_at TEXT NOT NULL)');
  const insert = plain.prepare('INSERT INTO cases (reference, idempotency_key, content, created_at) VALUES (?, ?, ?, ?)');
  const content = randomBytes(300).toString('base64');
  const plainPerSecond = await rate(seconds, (i) => insert.run(`C-${run}-${i}`, `bench-${run}-${i}`, content, new Date().toISOString()));
  plain.close();
  return { servicePerSecond, plainPerSecond, synchronous };
}
