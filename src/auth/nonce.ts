// One random, url-safe nonce per sign-in attempt: it ties the browser's callback to the attempt that
// opened the browser (OAuth `state`), so a forged or replayed callback matches nothing.
import { randomBytes } from 'node:crypto';

/** 32 bytes = 256 bits, well above the 128 the OAuth security advice asks for. */
export const NONCE_BYTES = 32;

/** base64url without padding: only [A-Za-z0-9_-], so it survives every URL and needs no encoding. */
export function createNonce(random: (size: number) => Buffer = randomBytes): string {
  return random(NONCE_BYTES).toString('base64url');
}

export function isWellFormedNonce(value: string): boolean {
  return /^[A-Za-z0-9_-]{22,}$/.test(value);
}
