import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { StorageError } from '../../errors/storage-error';
import { STORAGE_BUSY_MESSAGE } from '../../errors/storage-error';
import { guard, storageFaultOf } from './storage-guard';

/** How long a write waits, in all, for a write lock another process holds, unless openDatabase was told otherwise. */
export const DEFAULT_BUSY_BUDGET_MS = 200;

/** The first pause before trying a busy write again; each next pause doubles, up to the budget. */
const FIRST_PAUSE_MS = 5;

const budgets = new WeakMap<Database.Database, number>();
const gates = new WeakMap<Database.Database, SqliteGate>();

/** Records how long writes on `db` may wait for another process's write lock (SQLITE_BUSY_TIMEOUT_MS). */
export function setBusyBudget(db: Database.Database, ms: number): void {
  budgets.set(db, Math.max(0, Math.trunc(ms)));
}

/** The one gate of a connection, shared by every store on it (they share its transaction state). */
export function gateFor(db: Database.Database): SqliteGate {
  let gate = gates.get(db);
  if (!gate) gates.set(db, (gate = new SqliteGate(db, budgets.get(db) ?? DEFAULT_BUSY_BUDGET_MS)));
  return gate;
}

const isBusy = (error: unknown) => storageFaultOf(error) === 'storage_busy' || (error instanceof StorageError && error.code === 'storage_busy');
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Turns one synchronous better-sqlite3 connection into an asynchronous store's engine without blocking the process.
 *
 * - An in-process lock: a transaction spans awaits, so while one runs every other call on the connection waits for
 *   it, instead of slipping its statements into it.
 * - A write lock held by another process (SQLITE_BUSY; the connection's busy_timeout is 0) never freezes the event
 *   loop: the write lets go of the in-process lock, waits on a timer (doubling pauses) and tries again, until the
 *   busy budget is spent; then it fails with `storage_busy`. Meanwhile other requests, reads included, go on.
 */
export class SqliteGate {
  private tail: Promise<void> = Promise.resolve();
  /** Set inside a transaction's work, so a call on the outer store from it is caught, not left waiting forever. */
  private readonly inside = new AsyncLocalStorage<SqliteGate>();

  constructor(
    readonly db: Database.Database,
    readonly busyBudgetMs: number,
  ) {}

  /** Runs a read (or anything that takes no write lock) once no transaction of this process is running. */
  read<T>(work: () => T): Promise<T> {
    return this.exclusive(async () => guard(work));
  }

  /** Runs a statement that writes, waiting out another process's write lock on timers (see the class comment). */
  write<T>(work: () => T): Promise<T> {
    return this.whenNotBusy(() => this.exclusive(async () => guard(work)));
  }

  /** Runs a statement that writes, once: with another process holding the write lock it fails at once (`storage_busy`). */
  writeOnce<T>(work: () => T): Promise<T> {
    return this.exclusive(async () => guard(work));
  }

  /**
   * Runs `work` between BEGIN IMMEDIATE and COMMIT, holding the in-process lock throughout (ROLLBACK and rethrow
   * when it throws). BEGIN IMMEDIATE takes the write lock at once or fails at once; a busy start is tried again
   * on timers without holding the in-process lock.
   */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.whenNotBusy(() =>
      this.exclusive(async () => {
        guard(() => this.db.exec('BEGIN IMMEDIATE'));
        try {
          const result = await this.inside.run(this, work);
          guard(() => this.db.exec('COMMIT'));
          return result;
        } catch (error) {
          if (this.db.inTransaction) this.db.exec('ROLLBACK');
          throw error;
        }
      }),
    );
  }

  /** Runs `work` (inside a running transaction) in a savepoint: its writes are undone alone when it throws. */
  async savepoint<T>(work: () => Promise<T>): Promise<T> {
    this.db.exec('SAVEPOINT nested');
    try {
      const result = await work();
      this.db.exec('RELEASE nested');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK TO nested');
      this.db.exec('RELEASE nested');
      throw error;
    }
  }

  /** Runs `work` when every earlier holder of the in-process lock has finished. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.inside.getStore() === this) {
      return Promise.reject(new Error('a call on the outer store inside its own transaction would wait for itself: inside transaction(work), use the tx store work is given'));
    }
    const run = this.tail.then(work);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Tries `attempt` again on timers while it fails busy, within the busy budget; then `storage_busy`. */
  private async whenNotBusy<T>(attempt: () => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let wait = FIRST_PAUSE_MS; ; wait *= 2) {
      try {
        return await attempt();
      } catch (error) {
        if (!isBusy(error)) throw error;
        const left = this.busyBudgetMs - (Date.now() - started);
        if (left <= 0) throw error instanceof StorageError ? error : new StorageError('storage_busy', STORAGE_BUSY_MESSAGE, 'storage_busy', 'SQLITE_BUSY');
        await pause(Math.min(wait, left));
      }
    }
  }
}

/** How a SQLite store runs its statements: through the gate (outside a transaction) or directly (inside one). */
export interface SqliteRunner {
  read<T>(work: () => T): Promise<T>;
  write<T>(work: () => T): Promise<T>;
  transaction<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * The runner of a store bound to a running transaction: its statements run at once (the transaction holds the
 * gate and the write lock), and a nested transaction is a savepoint.
 */
export function transactionRunner(gate: SqliteGate): SqliteRunner {
  return {
    read: async (work) => guard(work),
    write: async (work) => guard(work),
    transaction: (work) => gate.savepoint(work),
  };
}
