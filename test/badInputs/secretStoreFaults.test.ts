// Bad inputs: the secret storage (OS keyring) failing around a sign-in: writes that fail once or always,
// reads and deletes that fail, corrupt entries. A refreshed session is never lost (its old refresh token is
// already dead), a sign-out is never undone, and the user reads what to do.
import * as assert from 'node:assert/strict';
import { AuthError } from '../../src/core/errors';
import { SecretStorageUnavailableError } from '../../src/auth/session';
import { indexSecretKey, sessionSecretKey } from '../../src/auth/sessionStore';
import { STORE_RETRY_PAUSES_MS } from '../../src/auth/tokenManager';
import { settle } from '../support/time';
import { ManualTime } from '../support/time';
import { TokenWindows, type TestWindow } from '../support/tokenWindows';
import { badInput, badInputs } from './tally';

const authError = (errorName: string) => (error: unknown) => error instanceof AuthError && error.errorName === errorName;

describe('secret-store faults', () => {
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

  async function advance(ms: number): Promise<void> {
    time.advance(ms);
    for (let turn = 0; turn < 5; turn++) await settle();
  }

  const live = (): string => [...w.service.liveAccess][0];

  badInputs<number>(
    [
      ['the write right after a rotation fails once', 1],
      ['the write right after a rotation fails twice', 2],
      ['the write right after a rotation fails 3 times', 3],
      ['the write right after a rotation fails 5 times (initial + every retry)', 5],
    ],
    'calls keep working on the new tokens (kept in memory); stored once the keyring takes it (after 1, 2, 4, 8 s or the next use)',
    async (failures) => {
      w.keyring.failNext.store = failures;
      assert.equal(await window.call(), `ok with ${live()}`);
      for (const pause of STORE_RETRY_PAUSES_MS) await advance(pause);
      assert.equal(await window.call(), `ok with ${live()}`);
      await advance(0);
      assert.equal(w.stored()?.refreshToken, w.service.liveRefresh);
      assert.equal(w.service.refreshes, 1, 'the dead stored refresh token was never sent again');
    },
  );

  badInput('every write fails, for good', 'never dropped: every call works on the kept tokens; the retries stop (bounded); the log says so, without tokens', async () => {
    w.keyring.failNext.store = Infinity;
    for (let call = 0; call < 3; call++) {
      assert.equal(await window.call(), `ok with ${live()}`);
      for (const pause of STORE_RETRY_PAUSES_MS) await advance(pause);
    }
    assert.equal(time.pendingTimers, 0);
    assert.equal(w.service.refreshes, 1);
    assert.match(w.log.text(), /Still could not store the refreshed session/);
    for (const secret of [w.session.refreshToken, w.service.liveRefresh, live()]) assert.ok(!w.log.text().includes(secret));
  });

  badInput('the write fails, and the keyring is unreadable afterwards too', 'the kept tokens are used', async () => {
    w.keyring.failNext.store = Infinity;
    await window.call();
    w.keyring.failNext.get = Infinity;
    assert.equal(await window.call(), `ok with ${live()}`);
  });

  badInput('the keyring is unreadable before any refresh', 'SecretStorageUnavailableError that says to unlock the keyring; nothing written', async () => {
    const writesBefore = w.keyring.writes;
    w.keyring.failNext.get = Infinity;
    await assert.rejects(window.call(), (error: unknown) => error instanceof SecretStorageUnavailableError && /keyring/.test((error as Error).message));
    assert.equal(w.keyring.writes, writesBefore);
    assert.equal(w.service.refreshes, 0);
  });

  badInput('the write fails, then the service drops the new access token early (401)', 'refreshed with the kept refresh token; that newer chain is stored over the old tokens', async () => {
    w.keyring.failNext.store = Infinity;
    await window.call();
    w.service.liveAccess.clear();
    assert.equal(await window.call(), `ok with ${live()}`);
    w.keyring.failNext.store = 0;
    await advance(STORE_RETRY_PAUSES_MS[0]);
    assert.equal(w.stored()?.refreshToken, w.service.liveRefresh);
  });

  badInput('the write fails, then the user signs out (in another window)', 'the sign-out wins: retries stop, nothing is stored back, "sign in"', async () => {
    w.keyring.failNext.store = Infinity;
    await window.call();
    w.keyring.setFromElsewhere(sessionSecretKey(w.key), undefined);
    w.keyring.failNext.store = 0;
    for (const pause of STORE_RETRY_PAUSES_MS) await advance(pause);
    assert.equal(w.stored(), undefined);
    await assert.rejects(window.call(), authError('not_signed_in'));
  });

  badInput('the write fails, then the window closes', 'the retries end with it (no timer left)', async () => {
    w.keyring.failNext.store = Infinity;
    await window.call();
    window.tokens.dispose();
    await advance(0);
    assert.equal(time.pendingTimers, 0);
  });

  badInput('the keyring locks (every operation fails) while the refresh request is on its way, then unlocks', 'the call works on the new tokens; they are stored on the first retry after the unlock', async () => {
    w.service.beforeAnswer = async () => {
      w.keyring.failWith = new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    };
    assert.equal(await window.call(), `ok with ${live()}`);
    assert.equal(await window.call(), `ok with ${live()}`, 'the next call too, from memory');
    w.keyring.failWith = undefined;
    await advance(STORE_RETRY_PAUSES_MS[0]);
    assert.equal(w.stored()?.refreshToken, w.service.liveRefresh);
    assert.equal(w.stored()?.status, 'active');
  });

  badInput('the index entry write fails (the index lost the account) right after a rotation', 'calls keep working; the session and the index are stored on a retry', async () => {
    w.keyring.values.set(indexSecretKey('dropboxSign'), JSON.stringify([]));
    w.keyring.failNext.store = 1;
    assert.equal(await window.call(), `ok with ${live()}`);
    await advance(STORE_RETRY_PAUSES_MS[0]);
    assert.deepEqual(JSON.parse(w.keyring.values.get(indexSecretKey('dropboxSign'))!), [w.key.accountId]);
    assert.equal(w.stored()?.refreshToken, w.service.liveRefresh);
  });

  badInput('writing the expired mark fails (refresh token revoked)', 'still "Sign in again"; the failure is logged', async () => {
    w.service.liveRefresh = 'revoked-in-dropbox-sign';
    const plain = w.open({ ledger: false });
    w.keyring.failNext.store = Infinity;
    await assert.rejects(plain.call(), (error: unknown) => authError('invalid_grant')(error) && /Sign in again/.test((error as Error).message));
    assert.match(w.log.text(), /Could not mark the session of \S+ expired/);
  });

  badInput('writing "active" after a new account’s first call fails', 'the call’s result is returned anyway; the mark is logged and made later', async () => {
    await w.signIn({ status: 'awaitingActivation', expiresAt: w.now + 3600_000 });
    const fresh = w.open({ timers: time });
    w.keyring.failNext.store = 1;
    assert.equal(await fresh.call(), `ok with ${w.session.accessToken}`);
    assert.match(w.log.text(), /Could not mark \S+ active/);
    await fresh.call();
    assert.equal(w.stored()?.status, 'active');
  });

  badInput('the delete fails when signing out', 'SecretStorageUnavailableError; the session is not half removed (still listed and usable)', async () => {
    w.keyring.failNext.delete = 1;
    await assert.rejects(window.store.remove(w.key), SecretStorageUnavailableError);
    assert.deepEqual((await window.store.list()).map((s) => s.accountId), [w.key.accountId]);
    assert.match(await window.call(), /^ok with /);
  });

  badInputs<string>(
    [
      ['the stored session is not JSON', '{"service":"dropboxSign",'],
      ['the stored session is JSON null', 'null'],
      ['the stored session has a null refresh token', JSON.stringify({ refreshToken: null })],
      ['the stored session has an empty access token', JSON.stringify({ accessToken: '' })],
      ['the stored session names another account', JSON.stringify({ accountId: 'someone-else' })],
      ['the stored session has a non-numeric expiry', JSON.stringify({ expiresAt: 'tomorrow' })],
      ['the stored session has an unknown status', JSON.stringify({ status: 'admin' })],
    ],
    'dropped cleanly: "Sign in" (not_signed_in), no refresh request sent, no stack trace',
    async (raw) => {
      const patch = raw.startsWith('{"service"') || raw === 'null' ? undefined : (JSON.parse(raw) as Record<string, unknown>);
      const value = patch ? JSON.stringify({ ...w.session, ...patch }) : raw;
      w.keyring.values.set(sessionSecretKey(w.key), value);
      const fresh = w.open();
      await assert.rejects(fresh.call(), authError('not_signed_in'));
      assert.equal(w.service.refreshes, 0);
      assert.equal(w.stored(), undefined);
    },
  );

  badInput('another window writes a corrupt entry while this one waits for its tokens', 'treated as signed out: "Sign in", nothing written back', async () => {
    let refused = false;
    const waiting = w.open({
      ledger: false,
      hooks: {
        beforeRead: async () => {
          if (refused) {
            refused = false;
            w.keyring.setFromElsewhere(sessionSecretKey(w.key), '{"truncated":');
          }
        },
      },
    });
    w.service.beforeAnswer = async () => {
      w.service.rotate();
      refused = true;
    };
    await assert.rejects(waiting.call(), authError('not_signed_in'));
    assert.equal(w.keyring.values.get(sessionSecretKey(w.key)), undefined);
  });

  badInput('the keyring cannot be read during the wait for another window’s tokens', 'no expired mark is written blind: SecretStorageUnavailableError', async () => {
    let refused = false;
    const waiting = w.open({ ledger: false });
    w.service.liveRefresh = 'revoked-in-dropbox-sign';
    w.service.beforeAnswer = async () => {
      refused = true;
    };
    const call = waiting.call();
    while (!refused) await settle();
    w.keyring.failNext.get = Infinity;
    await assert.rejects(call, SecretStorageUnavailableError);
    w.keyring.failNext.get = 0;
    assert.equal(w.stored()?.status, 'active');
  });
});
