import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src/storage/sqlite/open-database';
import { builtEntry } from '../support/built-entry-points';

const CHILD = path.join(__dirname, '..', 'support', 'submit-complaints-child.js');

/** Runs the child until it has acknowledged a few cases, then SIGKILLs it at a random moment. */
function runAndKill(dataDir: string, start: number): Promise<Map<number, string>> {
  const acks = new Map<number, string>();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dataDir, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [, n, reference] = line.split(' ');
        if (n && reference) acks.set(Number(n), reference);
      }
      if (!killTimer && acks.size > 0) killTimer = setTimeout(() => child.kill('SIGKILL'), 50 + Math.floor(Math.random() * 250));
    });
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`child ended with ${code}: ${stderr}`));
    });
  });
}

describe('a crash during a stream of complaints', () => {
  it('loses no acknowledged case and duplicates none, across five SIGKILLs', async () => {
    builtEntry('src/workflows/complaints/complaint-service.js');
    const dataDir = mkdtempSync(path.join(tmpdir(), 'etiquette-crash-'));
    const acknowledged = new Map<number, string>();
    let next = 0;
    for (let round = 0; round < 5; round += 1) {
      // Restart from the first unacknowledged submission: it may or may not have been stored when the process
      // died, so resending it (as a client retry would) must not make a second case.
      const acks = await runAndKill(dataDir, next);
      for (const [n, reference] of acks) acknowledged.set(n, reference);
      next = Math.max(next, ...acks.keys()) + 1;
    }
    expect(acknowledged.size).toBeGreaterThan(5);

    const db = new Database(path.join(dataDir, DATABASE_FILE));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = db.prepare('SELECT reference, idempotency_key AS key FROM cases').all() as Array<{ reference: string; key: string }>;
    const byKey = new Map(rows.map((row) => [row.key, row.reference]));
    expect(byKey.size).toBe(rows.length);
    for (const [n, reference] of acknowledged) expect(byKey.get(`crash-test-${n}`)).toBe(reference);
    const opened = db.prepare("SELECT reference, COUNT(*) AS n FROM audit_log WHERE action = 'opened' GROUP BY reference HAVING n > 1").all();
    expect(opened).toEqual([]);
    db.close();
  }, 60_000);
});
