// The OAuth `state` SignDesk sends: `<nonce>` or, for the relay, `<nonce>.<base64url(target)>` where the
// target is the extension's asExternalUri callback the relay page forwards to. media/oauth-relay.html
// reads the same format; keep the two in step (test/unit/auth/oauthRelayPage.test.ts checks both ways).

const SEPARATOR = '.';

export interface DecodedState {
  nonce: string;
  /** The relay target, when the state carries one. */
  target?: string;
}

export function encodeState(nonce: string, target?: string): string {
  if (nonce.includes(SEPARATOR)) {
    throw new Error('A nonce must not contain the state separator');
  }
  return target === undefined ? nonce : `${nonce}${SEPARATOR}${Buffer.from(target, 'utf8').toString('base64url')}`;
}

/** Undefined when the value cannot be a SignDesk state (empty, or a target that is not base64url). */
export function decodeState(state: string): DecodedState | undefined {
  const at = state.indexOf(SEPARATOR);
  const nonce = at < 0 ? state : state.slice(0, at);
  if (!/^[A-Za-z0-9_-]+$/.test(nonce)) {
    return undefined;
  }
  if (at < 0) {
    return { nonce };
  }
  const encoded = state.slice(at + 1);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) {
    return undefined;
  }
  return { nonce, target: Buffer.from(encoded, 'base64url').toString('utf8') };
}
