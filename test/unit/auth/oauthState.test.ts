import * as assert from 'node:assert/strict';
import { decodeState, encodeState } from '../../../src/auth/oauthState';

describe('OAuth state encoding', () => {
  const nonce = 'AbC-_123abcdefghijklmnop';

  it('is the bare nonce without a target', () => {
    assert.equal(encodeState(nonce), nonce);
    assert.deepEqual(decodeState(nonce), { nonce });
  });

  it('carries a relay target as base64url after a dot, url-safe', () => {
    const target = 'http://127.0.0.1:8080/stable-abc/callback?vscode-reqid=3&vscode-scheme=code-oss&vscode-authority=signdesk.signdesk&vscode-path=%2Fcallback';
    const state = encodeState(nonce, target);
    assert.match(state, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeState(state), { nonce, target });
  });

  it('refuses values that cannot be ours', () => {
    assert.equal(decodeState(''), undefined);
    assert.equal(decodeState('a b'), undefined);
    assert.equal(decodeState(`${nonce}.not base64!`), undefined);
    assert.equal(decodeState(`${nonce}.`), undefined);
    assert.throws(() => encodeState('a.b'));
  });
});
