import type { Pool } from 'pg';
import type { PendingSignIn, SessionStore, WebSession } from '../session-store';
import { query } from './pg-query';

const SESSION_COLUMNS = 'id_hash AS "idHash", council, person_id AS "personId", created_at AS "createdAt", expires_at AS "expiresAt"';
const SIGN_IN_COLUMNS = 'key_hash AS "keyHash", council, state, nonce, code_verifier AS "codeVerifier", expires_at AS "expiresAt"';

/** SessionStore on PostgreSQL, so any instance can answer a signed-in request and a restart signs no one out. */
export class PostgresSessionStore implements SessionStore {
  constructor(private readonly pool: Pool) {}

  async saveSession(session: WebSession): Promise<void> {
    await query(this.pool, 'INSERT INTO web_sessions (id_hash, council, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      session.idHash,
      session.council,
      session.personId,
      session.createdAt,
      session.expiresAt,
    ]);
  }

  async findSession(idHash: string, now: string): Promise<WebSession | undefined> {
    return (await query<WebSession>(this.pool, `SELECT ${SESSION_COLUMNS} FROM web_sessions WHERE id_hash = $1 AND expires_at > $2`, [idHash, now])).rows[0];
  }

  async deleteSession(idHash: string): Promise<void> {
    await query(this.pool, 'DELETE FROM web_sessions WHERE id_hash = $1', [idHash]);
  }

  async savePendingSignIn(pending: PendingSignIn): Promise<void> {
    await query(this.pool, 'INSERT INTO web_sign_ins (key_hash, council, state, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      pending.keyHash,
      pending.council,
      pending.state,
      pending.nonce,
      pending.codeVerifier,
      pending.expiresAt,
    ]);
  }

  /** Deleted and returned by one statement, so a callback replayed against another instance finds nothing. */
  async takePendingSignIn(keyHash: string, now: string): Promise<PendingSignIn | undefined> {
    const row = (await query<PendingSignIn>(this.pool, `DELETE FROM web_sign_ins WHERE key_hash = $1 RETURNING ${SIGN_IN_COLUMNS}`, [keyHash])).rows[0];
    return row && row.expiresAt > now ? row : undefined;
  }

  async forgetExpired(now: string): Promise<number> {
    const sessions = await query(this.pool, 'DELETE FROM web_sessions WHERE expires_at <= $1', [now]);
    const signIns = await query(this.pool, 'DELETE FROM web_sign_ins WHERE expires_at <= $1', [now]);
    return sessions.rowCount + signIns.rowCount;
  }
}
