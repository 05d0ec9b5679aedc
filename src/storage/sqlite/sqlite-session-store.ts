import type Database from 'better-sqlite3';
import type { PendingSignIn, SessionStore, WebSession } from '../session-store';
import { gateFor, type SqliteGate } from './sqlite-gate';

/** SessionStore on the embedded SQLite database (same gate as the cases); failed writes are `storage_unavailable`. */
export class SqliteSessionStore implements SessionStore {
  private readonly gate: SqliteGate;

  constructor(private readonly db: Database.Database) {
    this.gate = gateFor(db);
  }

  saveSession(session: WebSession): Promise<void> {
    return this.gate.write(() => {
      this.db.prepare('INSERT INTO web_sessions (id_hash, council, person_id, created_at, expires_at) VALUES (@idHash, @council, @personId, @createdAt, @expiresAt)').run(session);
    });
  }

  findSession(idHash: string, now: string): Promise<WebSession | undefined> {
    return this.gate.read(
      () =>
        this.db
          .prepare('SELECT id_hash AS idHash, council, person_id AS personId, created_at AS createdAt, expires_at AS expiresAt FROM web_sessions WHERE id_hash = ? AND expires_at > ?')
          .get(idHash, now) as WebSession | undefined,
    );
  }

  deleteSession(idHash: string): Promise<void> {
    return this.gate.write(() => {
      this.db.prepare('DELETE FROM web_sessions WHERE id_hash = ?').run(idHash);
    });
  }

  savePendingSignIn(pending: PendingSignIn): Promise<void> {
    return this.gate.write(() => {
      this.db.prepare('INSERT INTO web_sign_ins (key_hash, council, state, nonce, code_verifier, expires_at) VALUES (@keyHash, @council, @state, @nonce, @codeVerifier, @expiresAt)').run(pending);
    });
  }

  takePendingSignIn(keyHash: string, now: string): Promise<PendingSignIn | undefined> {
    return this.gate.write(() =>
      this.db
        .transaction(() => {
          const row = this.db.prepare('SELECT key_hash AS keyHash, council, state, nonce, code_verifier AS codeVerifier, expires_at AS expiresAt FROM web_sign_ins WHERE key_hash = ?').get(keyHash) as
            PendingSignIn | undefined;
          if (row) this.db.prepare('DELETE FROM web_sign_ins WHERE key_hash = ?').run(keyHash);
          return row && row.expiresAt > now ? row : undefined;
        })
        .immediate(),
    );
  }

  forgetExpired(now: string): Promise<number> {
    return this.gate.write(
      () => this.db.prepare('DELETE FROM web_sessions WHERE expires_at <= ?').run(now).changes + this.db.prepare('DELETE FROM web_sign_ins WHERE expires_at <= ?').run(now).changes,
    );
  }
}
