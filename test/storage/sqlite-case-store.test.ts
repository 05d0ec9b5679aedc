import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ComplaintService } from '../../src/workflows/complaints/complaint-service';
import { MIGRATIONS } from '../../src/storage/sqlite/migrations';
import { DATABASE_FILE, openDatabase } from '../../src/storage/sqlite/open-database';
import { workflowHarness } from '../support/workflow-harness';

const SECRET = 'Mr Grimshaw in parking shouted at me about the Elm Street permit';

describe('the SQLite case store', () => {
  it('keeps complaint text encrypted at rest: the database file never contains it', async () => {
    const { deps, dataDir, store } = workflowHarness();
    const service = new ComplaintService(deps);
    const receipt = await service.open({
      idempotencyKey: 'form-0001-abc',
      council: 'london-councils',
      complainant: { personId: 'lc-member', role: 'member' },
      subject: { role: 'officer', name: 'Mr Grimshaw', department: 'Services' },
      description: SECRET,
    });
    await service.message(receipt.reference, 'lc-member', 'Another secret line about Elm Street');
    await store.close();
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    const dump = JSON.stringify(db.prepare('SELECT * FROM cases').all()) + JSON.stringify(db.prepare('SELECT * FROM case_messages').all());
    db.close();
    expect(dump).not.toMatch(/Grimshaw|Elm Street/);
    const raw = readFileSync(path.join(dataDir, DATABASE_FILE)).toString('latin1') + readFileSync(path.join(dataDir, `${DATABASE_FILE}-wal`)).toString('latin1');
    expect(raw).not.toMatch(/Grimshaw|Elm Street/);
  });

  it('makes one case from a repeated submission (same idempotency key)', async () => {
    const { deps, store } = workflowHarness();
    const service = new ComplaintService(deps);
    const input = {
      idempotencyKey: 'slack-view-V123',
      council: 'lydney',
      complainant: { personId: 'ly-member', role: 'member' as const },
      subject: { role: 'officer' as const },
      description: 'The assistant has not answered three emails about the allotments.',
    };
    const first = await service.open(input);
    const second = await service.open(input);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.reference).toBe(first.reference);
    expect(await store.listCases()).toHaveLength(1);
    expect((await store.listAudit(first.reference)).filter((a) => a.action === 'opened')).toHaveLength(1);
  });

  it('refuses to change or delete audit records', async () => {
    const { deps, store } = workflowHarness();
    await store.appendAudit({ reference: 'C-X', actor: 'a', action: 'read', detail: '', at: deps.clock.now().toISOString() });
    const db = (store as unknown as { db: Database.Database }).db;
    expect(() => db.prepare("UPDATE audit_log SET actor = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('on upgrade, pseudonymises the audit lines of cases purged before, and leaves live cases and the purge record alone', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'etiquette-upgrade-'));
    const old = new Database(path.join(dataDir, DATABASE_FILE));
    const forgetting = MIGRATIONS.findIndex((sql) => sql.includes('audit_log_only_pseudonymised'));
    MIGRATIONS.slice(0, forgetting).forEach((sql) => old.exec(sql));
    old.pragma(`user_version = ${forgetting}`);
    const line = old.prepare('INSERT INTO audit_log (reference, actor, action, detail, at) VALUES (?, ?, ?, ?, ?)');
    line.run('C-GONE', 'lc-member', 'opened', 'routed to Director', '2024-01-01T00:00:00Z');
    line.run('C-GONE', 'system', 'purged', 'complaint closed 2024-01-02', '2026-01-03T00:00:00Z');
    line.run('C-LIVE', 'lc-member', 'opened', 'routed to Director', '2026-01-01T00:00:00Z');
    old.close();
    const db = openDatabase(dataDir);
    const rows = db.prepare('SELECT reference, actor, action, detail FROM audit_log ORDER BY id').all();
    db.close();
    expect(rows).toEqual([
      { reference: 'C-GONE', actor: 'purged:person', action: 'opened', detail: 'removed at purge' },
      { reference: 'C-GONE', actor: 'system', action: 'purged', detail: 'complaint closed 2024-01-02' },
      { reference: 'C-LIVE', actor: 'lc-member', action: 'opened', detail: 'routed to Director' },
    ]);
  });

  it('applies migrations once and reopens an existing database', async () => {
    const { dataDir, store } = workflowHarness();
    await store.close();
    const again = openDatabase(dataDir);
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    again.close();
  });
});
