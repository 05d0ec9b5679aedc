import type Database from 'better-sqlite3';
import type { PendingSignIn, SessionStore, WebSession } from '../session-store';
import { guard } from './storage-guard';

/** SessionStore on the embedded SQLite database; failed writes are `storage_unavailable`. */
export class SqliteSessionStore implements SessionStore {
  constructor(private readonly db: Database.Database) {}

  saveSession(session: WebSession): void {
    guard(() => this.db.prepare('INSERT INTO web_sessions (id_hash, council, person_id, created_at, expires_at) VALUES (@idHash, @council, @personId, @createdAt, @expiresAt)').run(session));
  }

  findSession(idHash: string, now: string): WebSession | undefined {
    return guard(
      () =>
        this.db
          .prepare('SELECT id_hash AS idHash, council, person_id AS personId, created_at AS createdAt, expires_at AS expiresAt FROM web_sessions WHERE id_hash = ? AND expires_at > ?')
          .get(idHash, now) as WebSession | undefined,
    );
  }

  deleteSession(idHash: string): void {
    guard(() => this.db.prepare('DELETE FROM web_sessions WHERE id_hash = ?').run(idHash));
  }

  savePendingSignIn(pending: PendingSignIn): void {
    guard(() =>
      this.db.prepare('INSERT INTO web_sign_ins (key_hash, council, state, nonce, code_verifier, expires_at) VALUES (@keyHash, @council, @state, @nonce, @codeVerifier, @expiresAt)').run(pending),
    );
  }

  takePendingSignIn(keyHash: string, now: string): PendingSignIn | undefined {
    return guard(() =>
      this.db.transaction(() => {
        const row = this.db.prepare('SELECT key_hash AS keyHash, council, state, nonce, code_verifier AS codeVerifier, expires_at AS expiresAt FROM web_sign_ins WHERE key_hash = ?').get(keyHash) as
          PendingSignIn | undefined;
        if (row) this.db.prepare('DELETE FROM web_sign_ins WHERE key_hash = ?').run(keyHash);
        return row && row.expiresAt > now ? row : undefined;
      })(),
    );
  }

  forgetExpired(now: string): number {
    return guard(() => this.db.prepare('DELETE FROM web_sessions WHERE expires_at <= ?').run(now).changes + this.db.prepare('DELETE FROM web_sign_ins WHERE expires_at <= ?').run(now).changes);
  }
}
