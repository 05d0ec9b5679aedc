import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: references are read aloud and typed by hand.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A random case reference such as `C-7F3K2QXA`: short, unguessable, easy to read out. */
export function randomReference(prefix: 'C' | 'B'): string {
  let body = '';
  for (let i = 0; i < 8; i += 1) body += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}-${body}`;
}
/**
 * A case reference as it may be echoed back to a person: a well-formed reference as it is, anything else (a
 * forged button value, a lone surrogate that no chat API can encode) named only as "that reference".
 */
export function referenceText(reference: string): string {
  return /^[CB]-[A-Z0-9]{4,16}$/.test(reference) ? reference : 'that reference';
}
