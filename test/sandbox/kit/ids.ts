import { createHash, randomBytes } from 'crypto';

/** Random hex id of `bytes` bytes (signature request ids are 40 hex chars, signature ids 32). */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Url-safe random secret for tokens and codes. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Stable hex id derived from a label, so seeded ids are the same on every start. */
export function stableHex(label: string, chars = 40): string {
  return createHash('sha256').update(label).digest('hex').slice(0, chars);
}
