import * as assert from 'node:assert/strict';
import { encodeState } from '../../../src/auth/oauthState';
import { PendingSignIns } from '../../../src/auth/pendingSignIns';
import { AuthorizationDeniedError, SignInCallbackError, SignInCancelledError, SignInTimedOutError } from '../../../src/auth/signInErrors';
import { ManualTime } from '../../support/time';

const NONCE = 'n0nce-aaaaaaaaaaaaaaaaaaaaaaa';
const TTL = 5 * 60_000;

describe('PendingSignIns (the state/nonce store)', () => {
  let time: ManualTime;
  let store: PendingSignIns;

  beforeEach(() => {
    time = new ManualTime();
    store = new PendingSignIns(time);
  });

  it('accepts the callback of a pending attempt and resolves it with code and state', async () => {
    const attempt = store.begin(NONCE, NONCE, TTL);
    assert.deepEqual(store.deliver({ code: 'the-code', state: NONCE }), { accepted: true });
    assert.deepEqual(await attempt.grant, { code: 'the-code', state: NONCE });
    assert.equal(store.has(NONCE), false);
  });

  it('uses a nonce once: the same callback again is ignored as already used', async () => {
    const attempt = store.begin(NONCE, NONCE, TTL);
    store.deliver({ code: 'the-code', state: NONCE });
    await attempt.grant;
    assert.deepEqual(store.deliver({ code: 'the-code', state: NONCE }), { accepted: false, reason: 'alreadyUsed' });
    assert.throws(() => store.begin(NONCE, NONCE, TTL), /one sign-in attempt/);
  });

  it('ignores unknown, missing and malformed states', () => {
    store.begin(NONCE, NONCE, TTL);
    assert.deepEqual(store.deliver({ code: 'c', state: 'someone-elses-nonce-xxxxxxxx' }), { accepted: false, reason: 'unknown' });
    assert.deepEqual(store.deliver({ code: 'c' }), { accepted: false, reason: 'noState' });
    assert.deepEqual(store.deliver({ code: 'c', state: 'not a state' }), { accepted: false, reason: 'malformedState' });
    assert.equal(store.has(NONCE), true, 'the real attempt is still waiting');
  });

  it('refuses a callback once the attempt has expired (injected clock), and ends the attempt as timed out', async () => {
    const attempt = store.begin(NONCE, NONCE, TTL);
    time.advance(TTL - 1);
    assert.equal(store.has(NONCE), true);
    time.advance(1);
    assert.deepEqual(store.deliver({ code: 'late', state: NONCE }), { accepted: false, reason: 'expired' });
    await assert.rejects(attempt.grant, SignInTimedOutError);
    assert.equal(store.deliver({ code: 'late', state: NONCE }).accepted, false);
  });

  it('forgets settled nonces after their expiry (bounded memory): a late replay is then unknown', async () => {
    const attempt = store.begin(NONCE, NONCE, TTL);
    store.deliver({ code: 'c', state: NONCE });
    await attempt.grant;
    time.advance(TTL);
    assert.deepEqual(store.deliver({ code: 'c', state: NONCE }), { accepted: false, reason: 'unknown' });
  });

  it('keeps waiting when the nonce matches but the rest of the state was altered', () => {
    const state = encodeState(NONCE, 'vscode://signdesk.signdesk/callback');
    store.begin(NONCE, state, TTL);
    const forged = encodeState(NONCE, 'https://evil.example/steal');
    assert.deepEqual(store.deliver({ code: 'c', state: forged }), { accepted: false, reason: 'stateMismatch' });
    assert.equal(store.has(NONCE), true);
  });

  it('turns Deny (state without code) into "Authorization was denied"', async () => {
    const attempt = store.begin(NONCE, NONCE, TTL, 'Dropbox Sign');
    assert.deepEqual(store.deliver({ state: NONCE }), { accepted: true });
    await assert.rejects(attempt.grant, (error: Error) => error instanceof AuthorizationDeniedError && /^Authorization was denied in Dropbox Sign/.test(error.message));
  });

  it('treats error=access_denied as Deny and other errors as a failed authorization', async () => {
    const denied = store.begin(NONCE, NONCE, TTL);
    store.deliver({ state: NONCE, error: 'access_denied' });
    await assert.rejects(denied.grant, AuthorizationDeniedError);
    const other = 'other-nonce-bbbbbbbbbbbbbbbbbbbb';
    const failed = store.begin(other, other, TTL);
    store.deliver({ state: other, error: 'server_error', errorDescription: 'try later' });
    await assert.rejects(failed.grant, (error: Error) => error instanceof SignInCallbackError && /server_error: try later/.test(error.message));
  });

  it('cancels and expires on request, once', async () => {
    const attempt = store.begin(NONCE, NONCE, TTL);
    store.cancel(NONCE);
    store.expire(NONCE);
    await assert.rejects(attempt.grant, SignInCancelledError);
    const other = 'other-nonce-bbbbbbbbbbbbbbbbbbbb';
    const second = store.begin(other, other, TTL);
    store.expire(other);
    await assert.rejects(second.grant, SignInTimedOutError);
    assert.equal(store.size, 0);
  });

  it('holds the attempts of every service: each callback settles the attempt its nonce names, in that service\'s words', async () => {
    const other = 'other-nonce-bbbbbbbbbbbbbbbbbbbb';
    const first = store.begin(NONCE, NONCE, TTL, 'Dropbox Sign');
    const second = store.begin(other, other, TTL, 'signNow');
    assert.deepEqual(store.deliver({ state: other, error: 'access_denied' }), { accepted: true });
    await assert.rejects(second.grant, (error: Error) => /^Authorization was denied in signNow/.test(error.message));
    assert.equal(store.has(NONCE), true, 'the other service\'s attempt keeps waiting');
    assert.deepEqual(store.deliver({ code: 'the-code', state: NONCE }), { accepted: true });
    assert.deepEqual(await first.grant, { code: 'the-code', state: NONCE });
    const third = store.begin('third-nonce-cccccccccccccccccccc', 'third-nonce-cccccccccccccccccccc', TTL, 'Dropbox');
    store.deliver({ state: 'third-nonce-cccccccccccccccccccc', error: 'server_error' });
    await assert.rejects(third.grant, (error: Error) => /^Dropbox did not authorize SignDesk \(server_error\)/.test(error.message));
  });

  it('insists that the state carries the nonce', () => {
    assert.throws(() => store.begin(NONCE, 'different-nonce-ccccccccccccc', TTL));
  });
});
