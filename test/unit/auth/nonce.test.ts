import * as assert from 'node:assert/strict';
import { createNonce, isWellFormedNonce, NONCE_BYTES } from '../../../src/auth/nonce';

describe('createNonce', () => {
  it('is url-safe and carries at least 128 bits', () => {
    const nonce = createNonce();
    assert.match(nonce, /^[A-Za-z0-9_-]+$/);
    assert.ok(NONCE_BYTES * 8 >= 128);
    assert.equal(Buffer.from(nonce, 'base64url').length, NONCE_BYTES);
    assert.ok(isWellFormedNonce(nonce));
  });

  it('differs on every call', () => {
    const seen = new Set(Array.from({ length: 200 }, () => createNonce()));
    assert.equal(seen.size, 200);
  });

  it('uses the random source it is given', () => {
    assert.equal(createNonce((size) => Buffer.alloc(size, 0xff)), `${'_'.repeat(42)}8`);
  });
});
