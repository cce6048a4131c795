// PKCE (RFC 7636, S256): the verifier stays in memory until the code exchange; the authorize request
// carries only its SHA-256 challenge, so a stolen code is useless without the verifier.
import { createHash, randomBytes } from 'crypto';

export interface PkcePair {
  /** 43–128 characters of [A-Za-z0-9-._~] */
  verifier: string;
  /** base64url(SHA-256(verifier)) */
  challenge: string;
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** 48 random bytes → a 64-character verifier. */
export function createPkcePair(random: (n: number) => Buffer = randomBytes): PkcePair {
  const verifier = random(48).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier) };
}
