import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error';

/** Encrypts complaint and briefing content at rest, each value bound to the case (or record) it belongs to. */
export interface ContentCipher {
  /** Seals `plain`; `boundTo` (the case reference) is authenticated with it, so the value opens only there. */
  encrypt(plain: string, boundTo: string): string;
  /** Opens a value sealed for `boundTo`; a value moved from another case, or tampered with, fails. */
  decrypt(sealed: string, boundTo: string): string;
  /** A keyed digest of `text`: the same submission gives the same value, and it reveals nothing without the key. */
  fingerprint(text: string): string;
}

const VERSION = 'v2';
const LEGACY_VERSION = 'v1';

/** Values 32 random bytes almost never fall below: 64 zeros, a repeated pattern, a typed phrase. */
const MIN_DISTINCT_BYTES = 16;

function unreadable(boundTo: string): AppError {
  return new AppError('case_unreadable', `the stored content of ${boundTo} cannot be read: it was sealed with another key, or altered`);
}

/**
 * AES-256-GCM with a fresh 96-bit nonce per value and the case reference as associated data; stored as
 * `v2.<nonce>.<tag>.<ciphertext>` in base64url. The tag means a tampered value, or one copied from another case,
 * fails to open rather than yielding someone else's complaint.
 */
export function aesGcmCipher(key: Buffer): ContentCipher {
  if (key.length !== 32) throw new AppError('config_invalid', 'COMPLAINT_KEY must be 32 bytes (64 hex characters or 44 base64 characters)');
  const fingerprintKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'etiquette submission fingerprint', 32));
  return {
    encrypt(plain, boundTo) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(sealed, boundTo) {
      const [version, nonce, tag, body] = sealed.split('.');
      if (version !== VERSION || !nonce || !tag || body === undefined) throw unreadable(boundTo);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
        decipher.setAAD(Buffer.from(boundTo, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw unreadable(boundTo);
      }
    },
    fingerprint(text) {
      return createHmac('sha256', fingerprintKey).update(text, 'utf8').digest('base64url');
    },
  };
}

/** True for a value sealed by the first version, before values were bound to their case. */
export function isLegacySealed(sealed: string): boolean {
  return sealed.startsWith(`${LEGACY_VERSION}.`);
}

/** Opens a first-version value (no associated data), only to seal it again bound to its case. */
export function openLegacySealed(key: Buffer, sealed: string, boundTo: string): string {
  const [version, nonce, tag, body] = sealed.split('.');
  if (version !== LEGACY_VERSION || !nonce || !tag || body === undefined) throw unreadable(boundTo);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw unreadable(boundTo);
  }
}

/** Parses COMPLAINT_KEY: 64 hex characters or base64 of 32 bytes, refusing keys too regular to be random. */
export function parseContentKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new AppError('config_invalid', 'COMPLAINT_KEY must be 32 bytes: 64 hex characters, or base64 of 32 random bytes');
  if (new Set(key).size < MIN_DISTINCT_BYTES)
    throw new AppError('config_invalid', 'COMPLAINT_KEY is too regular to be a random key (all zeros, or a repeated pattern): make one with `openssl rand -hex 32`');
  return key;
}
