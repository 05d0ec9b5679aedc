import type Database from 'better-sqlite3';
import { statfsSync } from 'node:fs';
import path from 'node:path';
import { gateFor, transactionRunner, type SqliteRunner } from './sqlite-gate';
import { STORAGE_UNAVAILABLE_MESSAGE, StorageError } from '../../errors/storage-error';
import type { AuditRecord, CaseKind, CaseMessageRecord, CaseRecord, CaseStore, LegalHold, OutboxRecord, PreElectionPeriod } from '../case-store';
import { CASE_COLUMNS, camel, snake } from '../case-columns';

/** Converts a row's snake_case columns to the camelCase fields of the records. */
function fromRow<T>(row: unknown): T {
  return Object.fromEntries(Object.entries(row as Record<string, unknown>).map(([k, v]) => [camel(k), v])) as T;
}

/** The bytes free to this process in a folder (`statfs`); tests pass their own. */
export type FreeBytes = (folder: string) => number;

const statfsFreeBytes: FreeBytes = (folder) => {
  const stats = statfsSync(folder);
  return stats.bavail * stats.bsize;
};

/** What the readiness check of the store needs to know besides the database. */
export interface WritableCheckOptions {
  /** Below this many free bytes in the database's folder the store reports `disk_full` (default 8 MiB). */
  minFreeBytes: number;
  freeBytes: FreeBytes;
}

/** A small floor: room for a few thousand cases, so a node leaves the load balancer before its disk is full. */
export const DEFAULT_MIN_FREE_BYTES = 8 * 1024 * 1024;

/** The statements a case store runs often, prepared once per connection. */
function prepareStatements(db: Database.Database) {
  return {
    insertCase: db.prepare(`INSERT INTO cases (${CASE_COLUMNS.map(snake).join(', ')}) VALUES (${CASE_COLUMNS.map((c) => `@${c}`).join(', ')})`),
    byKey: db.prepare('SELECT * FROM cases WHERE idempotency_key = ?'),
    byReference: db.prepare('SELECT * FROM cases WHERE reference = ?'),
    byPerson: db.prepare('SELECT * FROM cases WHERE opened_by = @id OR handler_id = @id OR assigned_to = @id ORDER BY created_at DESC'),
    // By the (state, ack_deadline) index: only deadlines up to the horizon, and not those already dealt with.
    awaiting: db.prepare(
      "SELECT * FROM cases WHERE state IN ('submitted', 'escalated') AND ack_deadline IS NOT NULL AND ack_deadline <= @horizon" +
        ' AND (breach_escalated_for IS NULL OR breach_escalated_for <> ack_deadline)' +
        ' AND NOT (reminder_sent_for IS NOT NULL AND reminder_sent_for = ack_deadline AND ack_deadline >= @today) ORDER BY ack_deadline',
    ),
    closedBefore: db.prepare('SELECT * FROM cases WHERE closed_at IS NOT NULL AND closed_at < ?'),
    openInactive: db.prepare(
      'SELECT * FROM cases WHERE closed_at IS NULL AND legal_hold_at IS NULL AND updated_at < @instant AND NOT EXISTS (SELECT 1 FROM case_messages AS m WHERE m.reference = cases.reference AND m.created_at >= @instant) ORDER BY updated_at',
    ),
    setHold: db.prepare('UPDATE cases SET legal_hold_by = @by, legal_hold_at = @at, legal_hold_reason = @reason WHERE reference = @reference'),
    deleteCase: db.prepare('DELETE FROM cases WHERE reference = ?'),
    deleteOutbox: db.prepare('DELETE FROM outbox WHERE reference = ?'),
    pseudonymise: db.prepare('UPDATE audit_log SET actor = ?, detail = ? WHERE id = ?'),
    insertMessage: db.prepare('INSERT INTO case_messages (reference, author_id, author_party, body_enc, created_at) VALUES (@reference, @authorId, @authorParty, @bodyEnc, @createdAt)'),
    messages: db.prepare('SELECT * FROM case_messages WHERE reference = ? ORDER BY id'),
    audit: db.prepare('INSERT INTO audit_log (reference, actor, action, detail, at) VALUES (@reference, @actor, @action, @detail, @at)'),
    auditAll: db.prepare('SELECT * FROM audit_log ORDER BY id'),
    auditFor: db.prepare('SELECT * FROM audit_log WHERE reference = ? ORDER BY id'),
    enqueue: db.prepare(
      'INSERT OR IGNORE INTO outbox (dedupe_key, reference, recipient_json, kind, payload_json, created_at, next_attempt_at) VALUES (@dedupeKey, @reference, @recipientJson, @kind, @payloadJson, @createdAt, @nextAttemptAt)',
    ),
    claim: db.prepare('UPDATE outbox SET next_attempt_at = @leaseUntil WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= @now ORDER BY id LIMIT @limit) RETURNING *'),
    release: db.prepare('UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND sent_at IS NULL'),
    sent: db.prepare('UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?'),
    failed: db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?'),
    deliveredVia: db.prepare('UPDATE outbox SET delivered_via = ? WHERE id = ?'),
    probe: db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('readiness-probe', ?)"),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

const toCase = (row: unknown) => fromRow<CaseRecord>(row);

/**
 * The default CaseStore on an embedded SQLite database. Outside a transaction its calls go through the
 * connection's gate (sqlite-gate.ts); the `tx` store a transaction hands its work runs them directly.
 */
export class SqliteCaseStore implements CaseStore {
  private readonly statements: Statements;
  private readonly writableCheck: WritableCheckOptions;
  private readonly runner: SqliteRunner;
  private readonly insideTransaction: boolean;
  private boundView: SqliteCaseStore | undefined;

  constructor(
    private readonly db: Database.Database,
    writableCheck: Partial<WritableCheckOptions> = {},
    bound?: { statements: Statements; runner: SqliteRunner },
  ) {
    this.writableCheck = { minFreeBytes: DEFAULT_MIN_FREE_BYTES, freeBytes: statfsFreeBytes, ...writableCheck };
    this.statements = bound?.statements ?? prepareStatements(db);
    this.runner = bound?.runner ?? gateFor(db);
    this.insideTransaction = bound !== undefined;
  }

  /** The store bound to a running transaction (prepared statements shared with this one). */
  private get txStore(): SqliteCaseStore {
    if (this.insideTransaction) return this;
    this.boundView ??= new SqliteCaseStore(this.db, this.writableCheck, { statements: this.statements, runner: transactionRunner(gateFor(this.db)) });
    return this.boundView;
  }

  transaction<T>(work: (tx: CaseStore) => Promise<T>): Promise<T> {
    const tx = this.txStore;
    return this.runner.transaction(() => work(tx));
  }

  findByIdempotencyKey(key: string): Promise<CaseRecord | undefined> {
    return this.runner.read(() => {
      const row = this.statements.byKey.get(key);
      return row ? toCase(row) : undefined;
    });
  }

  insertCase(record: CaseRecord): Promise<void> {
    return this.runner.write(() => {
      this.statements.insertCase.run(record);
    });
  }

  getCase(reference: string): Promise<CaseRecord | undefined> {
    return this.runner.read(() => {
      const row = this.statements.byReference.get(reference);
      return row ? toCase(row) : undefined;
    });
  }

  async updateCase(reference: string, expectedState: string, patch: Partial<Omit<CaseRecord, 'reference' | 'kind'>>): Promise<boolean> {
    const fields = Object.keys(patch).filter((key) => (CASE_COLUMNS as readonly string[]).includes(key));
    if (fields.length === 0) return true;
    const sql = `UPDATE cases SET ${fields.map((f) => `${snake(f)} = @${f}`).join(', ')} WHERE reference = @__reference AND state = @__expected`;
    return this.runner.write(() => this.db.prepare(sql).run({ ...patch, __reference: reference, __expected: expectedState }).changes === 1);
  }

  listOpenedSince(personId: string, since: string): Promise<string[]> {
    return this.runner.read(() =>
      (this.db.prepare('SELECT created_at FROM cases WHERE opened_by = ? AND created_at >= ? ORDER BY created_at').all(personId, since) as Array<{ created_at: string }>).map((row) => row.created_at),
    );
  }

  listCasesByPerson(personId: string): Promise<CaseRecord[]> {
    return this.runner.read(() => this.statements.byPerson.all({ id: personId }).map(toCase));
  }

  listCases(filter: { council?: string; kind?: CaseKind; state?: string } = {}): Promise<CaseRecord[]> {
    const where = Object.entries(filter).filter(([, v]) => v !== undefined);
    const sql = `SELECT * FROM cases${where.length ? ` WHERE ${where.map(([k]) => `${snake(k)} = @${k}`).join(' AND ')}` : ''} ORDER BY created_at`;
    return this.runner.read(() => this.db.prepare(sql).all(Object.fromEntries(where)).map(toCase));
  }

  countByKindAndState(): Promise<Array<{ kind: CaseKind; state: string; count: number }>> {
    return this.runner.read(
      () => this.db.prepare('SELECT kind, state, COUNT(*) AS count FROM cases GROUP BY kind, state ORDER BY kind, state').all() as Array<{ kind: CaseKind; state: string; count: number }>,
    );
  }

  countOverdue(today: string): Promise<number> {
    return this.runner.read(
      () => (this.db.prepare("SELECT COUNT(*) AS n FROM cases WHERE ack_deadline IS NOT NULL AND ack_deadline < ? AND state IN ('submitted', 'escalated')").get(today) as { n: number }).n,
    );
  }

  listDueForDeadlineCheck(today: string, horizon: string): Promise<CaseRecord[]> {
    return this.runner.read(() => this.statements.awaiting.all({ today, horizon }).map(toCase));
  }

  listClosedBefore(instant: string): Promise<CaseRecord[]> {
    return this.runner.read(() => this.statements.closedBefore.all(instant).map(toCase));
  }

  listOpenInactiveSince(instant: string): Promise<CaseRecord[]> {
    return this.runner.read(() => this.statements.openInactive.all({ instant }).map(toCase));
  }

  setLegalHold(reference: string, hold: LegalHold | null): Promise<boolean> {
    return this.runner.write(() => this.statements.setHold.run({ reference, by: hold?.by ?? null, at: hold?.at ?? null, reason: hold?.reason ?? null }).changes === 1);
  }

  deleteCase(reference: string): Promise<void> {
    return this.runner.write(() => {
      this.statements.deleteCase.run(reference);
    });
  }

  deleteOutboxFor(reference: string): Promise<number> {
    return this.runner.write(() => this.statements.deleteOutbox.run(reference).changes);
  }

  pseudonymiseAuditLine(id: number, actor: string, detail: string): Promise<void> {
    return this.runner.write(() => {
      this.statements.pseudonymise.run(actor, detail, id);
    });
  }

  /**
   * With `secure_delete` on (see openDatabase) deleted rows are zeroed in their pages; the old page images still
   * sit in the write-ahead log until it is checkpointed and truncated, which this does. A reader holding an old
   * snapshot, or another process writing, can delay the truncation: the next purge pass tries again.
   */
  scrubDeleted(): Promise<void> {
    return this.runner.write(() => {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    });
  }

  insertMessage(message: CaseMessageRecord): Promise<void> {
    return this.runner.write(() => {
      this.statements.insertMessage.run(message);
    });
  }

  listMessages(reference: string): Promise<CaseMessageRecord[]> {
    return this.runner.read(() => this.statements.messages.all(reference).map((row) => fromRow<CaseMessageRecord>(row)));
  }

  appendAudit(entry: AuditRecord): Promise<void> {
    return this.runner.write(() => {
      this.statements.audit.run(entry);
    });
  }

  listAudit(reference?: string): Promise<AuditRecord[]> {
    return this.runner.read(() => {
      const rows = reference === undefined ? this.statements.auditAll.all() : this.statements.auditFor.all(reference);
      return rows.map((row) => fromRow<AuditRecord>(row));
    });
  }

  enqueue(item: Omit<OutboxRecord, 'id' | 'sentAt' | 'attempts' | 'lastError' | 'deliveredVia'>): Promise<void> {
    return this.runner.write(() => {
      this.statements.enqueue.run(item);
    });
  }

  /** One statement selects and leases (UPDATE … RETURNING), so two instances never claim the same row. */
  claimOutbox(now: string, limit: number, leaseUntil: string): Promise<OutboxRecord[]> {
    return this.runner.write(() =>
      this.statements.claim
        .all({ now, limit, leaseUntil })
        .map((row) => fromRow<OutboxRecord>(row))
        .sort((a, b) => (a.id ?? 0) - (b.id ?? 0)),
    );
  }

  releaseOutboxClaims(ids: readonly number[], nextAttemptAt: string): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return this.runner.write(() => {
      this.db.transaction(() => {
        for (const id of ids) this.statements.release.run(nextAttemptAt, id);
      })();
    });
  }

  markOutboxSent(id: number, at: string): Promise<void> {
    return this.runner.write(() => {
      this.statements.sent.run(at, id);
    });
  }

  markOutboxFailed(id: number, error: string, nextAttemptAt: string): Promise<void> {
    return this.runner.write(() => {
      this.statements.failed.run(error, nextAttemptAt, id);
    });
  }

  markOutboxDeliveredVia(id: number, channels: string): Promise<void> {
    return this.runner.write(() => {
      this.statements.deliveredVia.run(channels, id);
    });
  }

  declarePreElectionPeriod(period: PreElectionPeriod): Promise<void> {
    return this.runner.write(() => {
      this.db
        .prepare('INSERT OR REPLACE INTO pre_election_periods (council, starts_on, ends_on, declared_by, declared_at) VALUES (@council, @startsOn, @endsOn, @declaredBy, @declaredAt)')
        .run(period);
    });
  }

  clearPreElectionPeriods(council: string): Promise<void> {
    return this.runner.write(() => {
      this.db.prepare('DELETE FROM pre_election_periods WHERE council = ?').run(council);
    });
  }

  listPreElectionPeriods(council?: string): Promise<PreElectionPeriod[]> {
    return this.runner.read(() => {
      const rows =
        council === undefined
          ? this.db.prepare('SELECT * FROM pre_election_periods ORDER BY starts_on').all()
          : this.db.prepare('SELECT * FROM pre_election_periods WHERE council = ? ORDER BY starts_on').all(council);
      return rows.map((row) => fromRow<PreElectionPeriod>(row));
    });
  }

  resealContent(reference: string, contentEnc: string): Promise<void> {
    return this.runner.write(() => {
      this.db.prepare('UPDATE cases SET content_enc = ? WHERE reference = ?').run(contentEnc, reference);
    });
  }

  listAllMessages(): Promise<CaseMessageRecord[]> {
    return this.runner.read(() =>
      this.db
        .prepare('SELECT * FROM case_messages ORDER BY id')
        .all()
        .map((row) => fromRow<CaseMessageRecord>(row)),
    );
  }

  resealMessage(id: number, bodyEnc: string): Promise<void> {
    return this.runner.write(() => {
      this.db.prepare('UPDATE case_messages SET body_enc = ? WHERE id = ?').run(bodyEnc, id);
    });
  }

  metaValue(key: string): Promise<string | undefined> {
    return this.runner.read(() => (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value);
  }

  setMetaValue(key: string, value: string): Promise<void> {
    return this.runner.write(() => {
      this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
    });
  }

  /**
   * Proves a case could be written now, quickly and without reading any table: enough free space in the
   * database's folder, room for the file to grow, and a real committed write. A rolled-back probe is not enough:
   * in WAL mode a small write can still fit space the database already has while a case, which needs new pages,
   * gets SQLITE_FULL; so the free space is checked against a floor, and the page limit against the file's size.
   * Throws a StorageError whose `fault` says why (`disk_full`, `read_only`, `storage_busy`, `not_writable`).
   */
  async checkWritable(): Promise<void> {
    const folder = path.dirname(this.db.name);
    let free: number;
    try {
      free = this.writableCheck.freeBytes(folder);
    } catch (error) {
      throw new StorageError('storage_unavailable', STORAGE_UNAVAILABLE_MESSAGE, 'not_writable', (error as NodeJS.ErrnoException).code);
    }
    if (free < this.writableCheck.minFreeBytes) throw new StorageError('storage_unavailable', STORAGE_UNAVAILABLE_MESSAGE, 'disk_full', 'below_free_space_floor');
    const roomInPages = await this.runner.read(() => {
      const pages = this.db.pragma('page_count', { simple: true }) as number;
      const maxPages = this.db.pragma('max_page_count', { simple: true }) as number;
      const freePages = this.db.pragma('freelist_count', { simple: true }) as number;
      return maxPages - pages + freePages;
    });
    // A case with its audit line and notifications takes a few pages: fewer than that left is a full database.
    if (roomInPages < 8) throw new StorageError('storage_unavailable', STORAGE_UNAVAILABLE_MESSAGE, 'disk_full', 'SQLITE_FULL');
    await this.runner.write(() => this.statements.probe.run(new Date().toISOString()));
  }

  /** Closes the connection once calls already under way have finished. */
  close(): Promise<void> {
    return this.runner.read(() => {
      this.db.close();
    });
  }
}
