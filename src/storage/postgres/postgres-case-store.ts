import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient } from 'pg';
import type { AuditRecord, CaseKind, CaseMessageRecord, CaseRecord, CaseStore, LegalHold, OutboxRecord, PreElectionPeriod } from '../case-store';
import { STORAGE_UNAVAILABLE_MESSAGE, StorageError } from '../../errors/storage-error';
import { isRetryable, storageErrorOf } from './pg-errors';
import { fromRow, query, type Queryable } from './pg-query';
import { CASE_COLUMNS, snake } from '../case-columns';

const FILTER_COLUMNS = ['council', 'kind', 'state'] as const;

const INSERT_CASE = `INSERT INTO cases (${CASE_COLUMNS.map(snake).join(', ')}) VALUES (${CASE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

/** How often a transaction that lost a race to a concurrent one (serialization, deadlock, a unique key) is run again. */
export const TRANSACTION_ATTEMPTS = 4;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How long the writable check waits for its probe write before it reports the store not writable. */
export const DEFAULT_PROBE_TIMEOUT_MS = 3000;

/**
 * CaseStore on PostgreSQL. The store `openPostgres` returns runs each call on the pool (one statement, its own
 * transaction); `transaction(work)` takes one client, BEGIN, hands `work` a store bound to that client, and
 * COMMITs or ROLLs BACK. Inside a transaction a case is read `FOR UPDATE`, so a second transaction on the same
 * case waits for the first, as SQLite's write lock makes it; one that still loses a race (two submissions with one
 * idempotency key, a deadlock) is rolled back and run again, and then finds what the winner wrote.
 */
export class PostgresCaseStore implements CaseStore {
  /** Set while a transaction's work runs, so a call on this (outer) store from inside it is caught, not left waiting on the transaction's own row locks. */
  private readonly inside = new AsyncLocalStorage<true>();
  private savepoints = 0;

  /**
   * A store on `pool`; with `client`, the store bound to the transaction running on that client. `probeTimeoutMs`
   * bounds the writable check, so readiness answers even while a write hangs (a lock held, a lost standby).
   */
  constructor(
    private readonly pool: Pool,
    private readonly client?: PoolClient,
    private readonly probeTimeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
  ) {}

  /** Where this store's statements go; the outer store refuses calls made from inside one of its transactions. */
  private get db(): Queryable {
    if (this.client) return this.client;
    if (this.inside.getStore()) throw new Error('a transaction’s work called the outer case store: use the `tx` store it was given');
    return this.pool;
  }

  private get forUpdate(): string {
    return this.client ? ' FOR UPDATE' : '';
  }

  async transaction<T>(work: (tx: CaseStore) => Promise<T>): Promise<T> {
    if (this.client) return this.nested(work);
    if (this.inside.getStore()) throw new Error('a transaction’s work called the outer case store: use the `tx` store it was given');
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.once(work);
      } catch (error) {
        if (attempt >= TRANSACTION_ATTEMPTS || !isRetryable(error)) throw error;
        await pause(5 * attempt + Math.random() * 10 * attempt);
      }
    }
  }

  /** One attempt: BEGIN, the work with a bound store, COMMIT; ROLLBACK on any error (the work's own errors pass through). */
  private async once<T>(work: (tx: CaseStore) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw storageErrorOf(error);
    }
    const tx = new PostgresCaseStore(this.pool, client, this.probeTimeoutMs);
    let broken: unknown;
    // A connection lost mid-transaction fails the statement under way (a StorageError); without a listener its
    // 'error' event would also end the process (the pool listens only while a client is idle).
    const lost = (error: Error) => {
      broken = error;
    };
    client.on('error', lost);
    try {
      await query(client, 'BEGIN');
      const result = await this.inside.run(true, () => work(tx));
      await query(client, 'COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      // A client whose connection was lost (or whose ROLLBACK failed) is dropped by the pool, not lent again.
      client.removeListener('error', lost);
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  /** `tx.transaction(w)`: a savepoint inside the running transaction, so a failed `w` undoes only its own writes. */
  private async nested<T>(work: (tx: CaseStore) => Promise<T>): Promise<T> {
    this.savepoints += 1;
    const name = `nested_${this.savepoints}`;
    await query(this.db, `SAVEPOINT ${name}`);
    try {
      const result = await work(this);
      await query(this.db, `RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await this.client?.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
      throw error;
    }
  }

  async findByIdempotencyKey(key: string): Promise<CaseRecord | undefined> {
    const { rows } = await query(this.db, `SELECT * FROM cases WHERE idempotency_key = $1${this.forUpdate}`, [key]);
    return rows[0] ? fromRow<CaseRecord>(rows[0]) : undefined;
  }

  async insertCase(record: CaseRecord): Promise<void> {
    await query(
      this.db,
      INSERT_CASE,
      CASE_COLUMNS.map((column) => record[column] ?? null),
    );
  }

  async getCase(reference: string): Promise<CaseRecord | undefined> {
    const { rows } = await query(this.db, `SELECT * FROM cases WHERE reference = $1${this.forUpdate}`, [reference]);
    return rows[0] ? fromRow<CaseRecord>(rows[0]) : undefined;
  }

  async updateCase(reference: string, expectedState: string, patch: Partial<Omit<CaseRecord, 'reference' | 'kind'>>): Promise<boolean> {
    const fields = Object.keys(patch).filter((key): key is (typeof CASE_COLUMNS)[number] => (CASE_COLUMNS as readonly string[]).includes(key));
    if (fields.length === 0) return true;
    const values = fields.map((field) => (patch as Record<string, unknown>)[field] ?? null);
    const sql = `UPDATE cases SET ${fields.map((f, i) => `${snake(f)} = $${i + 1}`).join(', ')} WHERE reference = $${fields.length + 1} AND state = $${fields.length + 2}`;
    return (await query(this.db, sql, [...values, reference, expectedState])).rowCount === 1;
  }

  async listOpenedSince(personId: string, since: string): Promise<string[]> {
    const { rows } = await query<{ created_at: string }>(this.db, 'SELECT created_at FROM cases WHERE opened_by = $1 AND created_at >= $2 ORDER BY created_at', [personId, since]);
    return rows.map((row) => row.created_at);
  }

  async listCasesByPerson(personId: string): Promise<CaseRecord[]> {
    const { rows } = await query(this.db, 'SELECT * FROM cases WHERE opened_by = $1 OR handler_id = $1 OR assigned_to = $1 ORDER BY created_at DESC', [personId]);
    return rows.map((row) => fromRow<CaseRecord>(row));
  }

  async listCases(filter: { council?: string; kind?: CaseKind; state?: string } = {}): Promise<CaseRecord[]> {
    const where = FILTER_COLUMNS.filter((column) => filter[column] !== undefined);
    const sql = `SELECT * FROM cases${where.length ? ` WHERE ${where.map((column, i) => `${column} = $${i + 1}`).join(' AND ')}` : ''} ORDER BY created_at`;
    const { rows } = await query(
      this.db,
      sql,
      where.map((column) => filter[column]),
    );
    return rows.map((row) => fromRow<CaseRecord>(row));
  }

  async countByKindAndState(): Promise<Array<{ kind: CaseKind; state: string; count: number }>> {
    const { rows } = await query<{ kind: CaseKind; state: string; count: number }>(this.db, 'SELECT kind, state, COUNT(*)::integer AS count FROM cases GROUP BY kind, state ORDER BY kind, state');
    return rows;
  }

  async countOverdue(today: string): Promise<number> {
    const { rows } = await query<{ n: number }>(this.db, "SELECT COUNT(*)::integer AS n FROM cases WHERE ack_deadline IS NOT NULL AND ack_deadline < $1 AND state IN ('submitted', 'escalated')", [
      today,
    ]);
    return rows[0]?.n ?? 0;
  }

  async listDueForDeadlineCheck(today: string, horizon: string): Promise<CaseRecord[]> {
    // By the (state, ack_deadline) index: only deadlines up to the horizon, and not those already dealt with.
    const { rows } = await query(
      this.db,
      "SELECT * FROM cases WHERE state IN ('submitted', 'escalated') AND ack_deadline IS NOT NULL AND ack_deadline <= $2" +
        ' AND (breach_escalated_for IS NULL OR breach_escalated_for <> ack_deadline)' +
        ' AND NOT (reminder_sent_for IS NOT NULL AND reminder_sent_for = ack_deadline AND ack_deadline >= $1) ORDER BY ack_deadline',
      [today, horizon],
    );
    return rows.map((row) => fromRow<CaseRecord>(row));
  }

  async listClosedBefore(instant: string): Promise<CaseRecord[]> {
    const { rows } = await query(this.db, 'SELECT * FROM cases WHERE closed_at IS NOT NULL AND closed_at < $1', [instant]);
    return rows.map((row) => fromRow<CaseRecord>(row));
  }

  async listOpenInactiveSince(instant: string): Promise<CaseRecord[]> {
    const { rows } = await query(
      this.db,
      'SELECT * FROM cases WHERE closed_at IS NULL AND legal_hold_at IS NULL AND updated_at < $1 AND NOT EXISTS (SELECT 1 FROM case_messages AS m WHERE m.reference = cases.reference AND m.created_at >= $1) ORDER BY updated_at',
      [instant],
    );
    return rows.map((row) => fromRow<CaseRecord>(row));
  }

  async setLegalHold(reference: string, hold: LegalHold | null): Promise<boolean> {
    const result = await query(this.db, 'UPDATE cases SET legal_hold_by = $2, legal_hold_at = $3, legal_hold_reason = $4 WHERE reference = $1', [
      reference,
      hold?.by ?? null,
      hold?.at ?? null,
      hold?.reason ?? null,
    ]);
    return result.rowCount === 1;
  }

  async deleteCase(reference: string): Promise<void> {
    await query(this.db, 'DELETE FROM cases WHERE reference = $1', [reference]);
  }

  async deleteOutboxFor(reference: string): Promise<number> {
    return (await query(this.db, 'DELETE FROM outbox WHERE reference = $1', [reference])).rowCount;
  }

  async pseudonymiseAuditLine(id: number, actor: string, detail: string): Promise<void> {
    await query(this.db, 'UPDATE audit_log SET actor = $1, detail = $2 WHERE id = $3', [actor, detail, id]);
  }

  /**
   * PostgreSQL has no `secure_delete`: VACUUM prunes the purged rows so their space is reused (and overwritten)
   * by later writes, instead of waiting for autovacuum. It cannot run inside a transaction, so it always runs on
   * the pool; copies in the write-ahead log and in backups age out under the operator's own retention.
   */
  async scrubDeleted(): Promise<void> {
    await query(this.pool, 'VACUUM cases, case_messages, outbox');
  }

  async insertMessage(message: CaseMessageRecord): Promise<void> {
    await query(this.db, 'INSERT INTO case_messages (reference, author_id, author_party, body_enc, created_at) VALUES ($1, $2, $3, $4, $5)', [
      message.reference,
      message.authorId,
      message.authorParty,
      message.bodyEnc,
      message.createdAt,
    ]);
  }

  async listMessages(reference: string): Promise<CaseMessageRecord[]> {
    const { rows } = await query(this.db, 'SELECT * FROM case_messages WHERE reference = $1 ORDER BY id', [reference]);
    return rows.map((row) => fromRow<CaseMessageRecord>(row));
  }

  async appendAudit(entry: AuditRecord): Promise<void> {
    await query(this.db, 'INSERT INTO audit_log (reference, actor, action, detail, at) VALUES ($1, $2, $3, $4, $5)', [entry.reference, entry.actor, entry.action, entry.detail, entry.at]);
  }

  async listAudit(reference?: string): Promise<AuditRecord[]> {
    const { rows } =
      reference === undefined ? await query(this.db, 'SELECT * FROM audit_log ORDER BY id') : await query(this.db, 'SELECT * FROM audit_log WHERE reference = $1 ORDER BY id', [reference]);
    return rows.map((row) => fromRow<AuditRecord>(row));
  }

  async enqueue(item: Omit<OutboxRecord, 'id' | 'sentAt' | 'attempts' | 'lastError' | 'deliveredVia'>): Promise<void> {
    await query(
      this.db,
      'INSERT INTO outbox (dedupe_key, reference, recipient_json, kind, payload_json, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING',
      [item.dedupeKey, item.reference, item.recipientJson, item.kind, item.payloadJson, item.createdAt, item.nextAttemptAt],
    );
  }

  /** One statement: the due rows are locked as they are chosen and rows another claim holds are skipped, so two instances never claim one row. */
  async claimOutbox(now: string, limit: number, leaseUntil: string): Promise<OutboxRecord[]> {
    const { rows } = await query(
      this.db,
      'UPDATE outbox SET next_attempt_at = $3 WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING *',
      [now, Math.max(0, Math.trunc(limit)), leaseUntil],
    );
    return rows.map((row) => fromRow<OutboxRecord>(row)).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  }

  async releaseOutboxClaims(ids: readonly number[], nextAttemptAt: string): Promise<void> {
    if (ids.length === 0) return;
    await query(this.db, 'UPDATE outbox SET next_attempt_at = $1 WHERE id = ANY($2::bigint[]) AND sent_at IS NULL', [nextAttemptAt, [...ids]]);
  }

  async markOutboxSent(id: number, at: string): Promise<void> {
    await query(this.db, 'UPDATE outbox SET sent_at = $1, attempts = attempts + 1 WHERE id = $2', [at, id]);
  }

  async markOutboxFailed(id: number, error: string, nextAttemptAt: string): Promise<void> {
    await query(this.db, 'UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3', [error, nextAttemptAt, id]);
  }

  async markOutboxDeliveredVia(id: number, channels: string): Promise<void> {
    await query(this.db, 'UPDATE outbox SET delivered_via = $1 WHERE id = $2', [channels, id]);
  }

  async declarePreElectionPeriod(period: PreElectionPeriod): Promise<void> {
    await query(
      this.db,
      'INSERT INTO pre_election_periods (council, starts_on, ends_on, declared_by, declared_at) VALUES ($1, $2, $3, $4, $5)' +
        ' ON CONFLICT (council, starts_on) DO UPDATE SET ends_on = EXCLUDED.ends_on, declared_by = EXCLUDED.declared_by, declared_at = EXCLUDED.declared_at',
      [period.council, period.startsOn, period.endsOn, period.declaredBy, period.declaredAt],
    );
  }

  async clearPreElectionPeriods(council: string): Promise<void> {
    await query(this.db, 'DELETE FROM pre_election_periods WHERE council = $1', [council]);
  }

  async listPreElectionPeriods(council?: string): Promise<PreElectionPeriod[]> {
    const { rows } =
      council === undefined
        ? await query(this.db, 'SELECT * FROM pre_election_periods ORDER BY starts_on')
        : await query(this.db, 'SELECT * FROM pre_election_periods WHERE council = $1 ORDER BY starts_on', [council]);
    return rows.map((row) => fromRow<PreElectionPeriod>(row));
  }

  async resealContent(reference: string, contentEnc: string): Promise<void> {
    await query(this.db, 'UPDATE cases SET content_enc = $1 WHERE reference = $2', [contentEnc, reference]);
  }

  async listAllMessages(): Promise<CaseMessageRecord[]> {
    const { rows } = await query(this.db, 'SELECT * FROM case_messages ORDER BY id');
    return rows.map((row) => fromRow<CaseMessageRecord>(row));
  }

  async resealMessage(id: number, bodyEnc: string): Promise<void> {
    await query(this.db, 'UPDATE case_messages SET body_enc = $1 WHERE id = $2', [bodyEnc, id]);
  }

  async metaValue(key: string): Promise<string | undefined> {
    const { rows } = await query<{ value: string }>(this.db, 'SELECT value FROM meta WHERE key = $1', [key]);
    return rows[0]?.value;
  }

  async setMetaValue(key: string, value: string): Promise<void> {
    await query(this.db, 'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, value]);
  }

  /**
   * Proves a case could be written now with a real committed write (an upsert of one meta row): it fails with a
   * StorageError whose `fault` says why when PostgreSQL is unreachable (`not_writable`), read-only (a standby, or
   * `default_transaction_read_only`: `read_only`), out of disk (`disk_full`) or overloaded (`storage_busy`), and
   * `not_writable` (`probe_timeout`) when the write has not landed within the probe timeout.
   */
  async checkWritable(): Promise<void> {
    const probe = query(this.pool, "INSERT INTO meta (key, value) VALUES ('readiness-probe', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [new Date().toISOString()]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StorageError('storage_unavailable', STORAGE_UNAVAILABLE_MESSAGE, 'not_writable', 'probe_timeout')), this.probeTimeoutMs);
    });
    // A probe still waiting when the timeout wins finishes (or fails) on its own; nothing waits for it.
    probe.catch(() => undefined);
    try {
      await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the pool the four stores share (once; later calls do nothing). A transaction's store closes nothing. */
  async close(): Promise<void> {
    if (this.client || this.pool.ended) return;
    await this.pool.end();
  }
}
