// TokenManager when the secret storage fails right after a rotation (issue 10, item 6): the old refresh
// token is already dead, so the refreshed session is kept in memory and used, and storing it is retried
// (with backoff on the injected timers, and again on its next use); it is never dropped.
import * as assert from 'node:assert/strict';
import { AuthError } from '../../../src/core/errors';
import { SecretStorageUnavailableError } from '../../../src/auth/session';
import { STORE_RETRY_PAUSES_MS } from '../../../src/auth/tokenManager';
import { settle } from '../../support/time';
import { ManualTime } from '../../support/time';
import { TokenWindows, type TestWindow } from '../../support/tokenWindows';

describe('TokenManager when the secret storage fails', () => {
  let w: TokenWindows;
  let time: ManualTime;
  let window: TestWindow;

  beforeEach(async () => {
    w = new TokenWindows();
    await w.signIn();
    time = new ManualTime();
    window = w.open({ timers: time });
  });

  afterEach(() => w.dispose());

  /** Lets the background work that timers or events started run to its next pause. */
  async function flush(): Promise<void> {
    for (let turn = 0; turn < 5; turn++) await settle();
  }

  async function advance(ms: number): Promise<void> {
    time.advance(ms);
    await flush();
  }

  const storeFailures = (): number => w.log.lines.filter((line) => line.includes('Could not store the refreshed session')).length;

  it('a write that fails right after a rotation: the call and the next ones use the new tokens; the write is retried after 1 s, then 2 s, and lands', async () => {
    w.keyring.failNext.store = 2;
    assert.equal(await window.call(), `ok with ${[...w.service.liveAccess][0]}`);
    const refreshed = [...w.service.liveAccess][0];
    assert.equal(w.stored()!.refreshToken, w.session.refreshToken, 'not stored yet');
    assert.equal(await window.call(), `ok with ${refreshed}`, 'the next call uses the tokens kept in memory');
    assert.equal(w.service.refreshes, 1, 'without refreshing again (the stored refresh token is dead)');

    await advance(STORE_RETRY_PAUSES_MS[0]);
    assert.equal(w.stored()!.refreshToken, w.session.refreshToken, 'the first retry failed too');
    await advance(STORE_RETRY_PAUSES_MS[1]);
    assert.equal(w.stored()!.refreshToken, w.service.liveRefresh, 'the second retry stored it');
    assert.equal(w.stored()!.accessToken, refreshed);
    assert.equal(time.pendingTimers, 0, 'no more retries');
    assert.equal(storeFailures(), 2);
  });

  it('a write that always fails: never dropped; retries stop after 1, 2, 4 and 8 s, start again on the next use, and land once the keyring is back', async () => {
    w.keyring.failNext.store = Infinity;
    await window.call();
    const refreshed = w.service.liveRefresh;
    for (const pause of STORE_RETRY_PAUSES_MS) await advance(pause);
    assert.equal(storeFailures(), 1 + STORE_RETRY_PAUSES_MS.length);
    assert.equal(time.pendingTimers, 0, 'bounded: it stopped');
    assert.match(w.log.text(), /Still could not store the refreshed session of dropboxSign:\S+; this window keeps using it and tries again on its next use/);

    assert.equal(await window.call(), `ok with ${[...w.service.liveAccess][0]}`, 'still signed in with the kept tokens');
    await flush();
    assert.equal(storeFailures(), 2 + STORE_RETRY_PAUSES_MS.length, 'the use tried again at once');
    w.keyring.failNext.store = 0;
    await advance(STORE_RETRY_PAUSES_MS[0]);
    assert.equal(w.stored()!.refreshToken, refreshed);
    assert.equal(w.service.refreshes, 1);
    for (const secret of [w.session.refreshToken, w.session.accessToken, refreshed, ...w.service.liveAccess]) {
      assert.ok(!w.log.text().includes(secret), 'the log names no token');
    }
  });

  it('the keyring cannot be read either: the tokens kept in memory are used', async () => {
    w.keyring.failNext.store = Infinity;
    await window.call();
    w.keyring.failNext.get = Infinity;
    assert.equal(await window.call(), `ok with ${[...w.service.liveAccess][0]}`);
    assert.equal(w.service.refreshes, 1);
  });

  it('without tokens kept in memory, an unreadable keyring still says what to do (SecretStorageUnavailableError)', async () => {
    w.keyring.failNext.get = Infinity;
    await assert.rejects(window.call(), SecretStorageUnavailableError);
  });

  it('a 401 while the new tokens are only in memory refreshes with them (never the dead stored one); that chain is stored over the old tokens', async () => {
    w.keyring.failNext.store = Infinity;
    await window.call();
    w.service.liveAccess.clear(); // the service drops the access token early
    assert.equal(await window.call(), `ok with ${[...w.service.liveAccess][0]}`);
    assert.equal(w.service.refreshes, 2, 'the second refresh used the kept refresh token (else invalid_grant)');
    w.keyring.failNext.store = 0;
    await advance(STORE_RETRY_PAUSES_MS[0]);
    assert.equal(w.stored()!.refreshToken, w.service.liveRefresh);
    assert.equal(w.stored()!.status, 'active');
  });

  it('signed out while the write is being retried: the retries stop and the session stays signed out', async () => {
    w.keyring.failNext.store = Infinity;
    await window.call();
    w.keyring.setFromElsewhere(`signdesk.session.${w.key.service}.${w.key.accountId}`, undefined);
    await advance(STORE_RETRY_PAUSES_MS[0]);
    w.keyring.failNext.store = 0;
    for (const pause of STORE_RETRY_PAUSES_MS.slice(1)) await advance(pause);
    assert.equal(w.stored(), undefined, 'nothing stored back');
    await assert.rejects(window.call(), (error: unknown) => error instanceof AuthError && error.errorName === 'not_signed_in');
  });

  it('closing the window (dispose) ends the retries', async () => {
    w.keyring.failNext.store = Infinity;
    await window.call();
    assert.equal(time.pendingTimers, 1);
    window.tokens.dispose();
    await flush();
    assert.equal(time.pendingTimers, 0);
  });

  it('marking a refused session expired fails to write → still says sign in again', async () => {
    w.service.liveRefresh = 'revoked-in-dropbox-sign';
    const plain = w.open({ ledger: false });
    w.keyring.failNext.store = Infinity;
    await assert.rejects(plain.call(), (error: unknown) => error instanceof AuthError && error.errorName === 'invalid_grant');
    assert.match(w.log.text(), /Could not mark the session of \S+ expired/);
  });
});
