// PKCE (RFC 7636, S256) and a `state` that fits Dropbox's 500-byte limit.
import { createHash, randomBytes } from 'crypto';
import { deflateRawSync, inflateRawSync } from 'zlib';
import { STATE_MAX_BYTES } from './endpoints';

export interface PkcePair {
  /** 43–128 characters of [A-Za-z0-9-._~]; stays in memory until the code exchange */
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

/**
 * The sign-in `state`: `<nonce>` or `<nonce>.<base64url(target)>` (the format the relay page reads), or, when
 * that would pass Dropbox's 500 bytes (a long Codespaces callback), `<nonce>~<base64url(deflate-raw(target))>`.
 * Throws when even the compressed form does not fit: the caller then offers the manual mode.
 */
export function encodeDropboxState(nonce: string, target?: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(nonce)) throw new Error('A nonce must be base64url characters');
  if (target === undefined) return nonce;
  const plain = `${nonce}.${Buffer.from(target, 'utf8').toString('base64url')}`;
  if (plain.length <= STATE_MAX_BYTES) return plain;
  const compact = `${nonce}~${deflateRawSync(Buffer.from(target, 'utf8'), { level: 9 }).toString('base64url')}`;
  if (compact.length <= STATE_MAX_BYTES) return compact;
  throw new Error(`The callback address is too long for Dropbox's sign-in state (${compact.length} of at most ${STATE_MAX_BYTES} bytes, compressed).`);
}

/** Undefined when the value is not a state SignDesk made. */
export function decodeDropboxState(state: string): { nonce: string; target?: string } | undefined {
  const m = /^([A-Za-z0-9_-]+)(?:([.~])([A-Za-z0-9_-]+))?$/.exec(state);
  if (!m) return undefined;
  if (!m[2]) return { nonce: m[1] };
  const bytes = Buffer.from(m[3], 'base64url');
  if (m[2] === '.') return { nonce: m[1], target: bytes.toString('utf8') };
  try {
    // A state is small; a "decompression bomb" is cut off at a size no callback address reaches.
    return { nonce: m[1], target: inflateRawSync(bytes, { maxOutputLength: 16 * 1024 }).toString('utf8') };
  } catch {
    return undefined;
  }
}
