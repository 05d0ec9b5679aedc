/** A signed-in web visitor: who they are in the directory, and until when. Only a hash of the session id is kept. */
export interface WebSession {
  idHash: string;
  council: string;
  personId: string;
  createdAt: string;
  expiresAt: string;
}

/** A sign-in under way at the identity provider: what the callback must check, keyed by a hash of the browser's cookie. */
export interface PendingSignIn {
  keyHash: string;
  council: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: string;
}

/**
 * Web sign-in sessions and sign-ins under way, kept in the database so any instance can answer a signed-in
 * request and a restart signs no one out.
 */
export interface SessionStore {
  saveSession(session: WebSession): Promise<void>;
  /** The session with this id hash, if it has not expired by `now`. */
  findSession(idHash: string, now: string): Promise<WebSession | undefined>;
  deleteSession(idHash: string): Promise<void>;
  savePendingSignIn(pending: PendingSignIn): Promise<void>;
  /** Takes (and forgets: a callback is used once) the sign-in under way with this key hash, if not expired by `now`. */
  takePendingSignIn(keyHash: string, now: string): Promise<PendingSignIn | undefined>;
  /** Forgets expired sessions and sign-ins; returns how many. */
  forgetExpired(now: string): Promise<number>;
}
