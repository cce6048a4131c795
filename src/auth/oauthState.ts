// The OAuth `state` SignDesk sends: `<nonce>` or, for the relay, `<nonce>.<base64url(target)>` where the
// target is the extension's asExternalUri callback the relay page forwards to. When that would pass a
// service's limit (Dropbox: 500 bytes; a Codespaces callback is long), the target travels compressed:
// `<nonce>~<base64url(deflate-raw(target))>`. media/oauth-relay.html reads both forms; keep the two in
// step (test/unit/media/oauthRelay.test.ts checks both ways).
import { deflateRawSync, inflateRawSync } from 'zlib';

const SEPARATOR = '.';
const COMPACT_SEPARATOR = '~';
/** No callback address comes near this; a longer inflated target is refused (no decompression bomb). */
const MAX_TARGET_BYTES = 16 * 1024;

export interface DecodedState {
  nonce: string;
  /** The relay target, when the state carries one. */
  target?: string;
}

/** Thrown when even the compact state passes the service's limit: the user can switch to another mode. */
export class StateTooLongError extends Error {}

/**
 * `maxBytes`: the service's limit on `state` (undefined: none). The plain form is used whenever it fits, so
 * states stay as they always were for services without a limit.
 */
export function encodeState(nonce: string, target?: string, maxBytes?: number): string {
  if (!/^[A-Za-z0-9_-]+$/.test(nonce)) {
    throw new Error('A nonce must be base64url characters (no state separator)');
  }
  if (target === undefined) {
    return nonce;
  }
  const bytes = Buffer.from(target, 'utf8');
  const plain = `${nonce}${SEPARATOR}${bytes.toString('base64url')}`;
  if (maxBytes === undefined || plain.length <= maxBytes) {
    return plain;
  }
  const compact = `${nonce}${COMPACT_SEPARATOR}${deflateRawSync(bytes, { level: 9 }).toString('base64url')}`;
  if (compact.length > maxBytes) {
    throw new StateTooLongError(
      `VS Code's callback address is too long for the service's sign-in state (${compact.length} of at most ${maxBytes} bytes, even compressed). Use the manual or loopback redirect mode.`,
    );
  }
  return compact;
}

/** Undefined when the value cannot be a SignDesk state (empty, or a target that is not base64url / deflate). */
export function decodeState(state: string): DecodedState | undefined {
  const match = /^([A-Za-z0-9_-]+)(?:([.~])([A-Za-z0-9_-]+))?$/.exec(state);
  if (!match) {
    return undefined;
  }
  const [, nonce, separator, encoded] = match;
  if (!separator) {
    return { nonce };
  }
  const bytes = Buffer.from(encoded, 'base64url');
  if (separator === SEPARATOR) {
    return { nonce, target: bytes.toString('utf8') };
  }
  try {
    return { nonce, target: inflateRawSync(bytes, { maxOutputLength: MAX_TARGET_BYTES }).toString('utf8') };
  } catch {
    return undefined;
  }
}
