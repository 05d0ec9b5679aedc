import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error';

/** Encrypts complaint and briefing content at rest. */
export interface ContentCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

const VERSION = 'v1';

/**
 * AES-256-GCM with a fresh 96-bit nonce per value; stored as `v1.<nonce>.<tag>.<ciphertext>` in base64url.
 * The authentication tag means a tampered value fails to decrypt rather than yielding altered text.
 */
export function aesGcmCipher(key: Buffer): ContentCipher {
  if (key.length !== 32) throw new AppError('config_invalid', 'COMPLAINT_KEY must be 32 bytes (64 hex characters or 44 base64 characters)');
  return {
    encrypt(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [version, nonce, tag, body] = sealed.split('.');
      if (version !== VERSION || !nonce || !tag || body === undefined) throw new AppError('internal_error', 'stored content is not in a known format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** Parses COMPLAINT_KEY: 64 hex characters or base64 of 32 bytes. */
export function parseContentKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new AppError('config_invalid', 'COMPLAINT_KEY must be 32 bytes: 64 hex characters, or base64 of 32 random bytes');
  return key;
}
