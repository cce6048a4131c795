// Bad inputs: windows (and web workbench tabs) refreshing one sign-in at once, in every order, with the
// token endpoint failing in each way it can. Dropbox Sign rotates refresh tokens: the second window's
// request with the same refresh token is refused (invalid_grant). Nobody may be signed out by that.
import * as assert from 'node:assert/strict';
import { AuthError, CancelledError, NetworkError, RateLimitError, ServerError } from '../../src/core/errors';
import { sessionSecretKey } from '../../src/auth/sessionStore';
import { RENEWED_ELSEWHERE, ROTATION_WAIT_PAUSES_MS } from '../../src/auth/tokenManager';
import { settle } from '../support/time';
import { HOUR } from '../support/tokenService';
import { TokenWindows, type TestWindow } from '../support/tokenWindows';
import { badInput } from './tally';

const authError = (errorName: string) => (error: unknown) => error instanceof AuthError && error.errorName === errorName;

describe('refresh races', () => {
  let w: TokenWindows;

  beforeEach(async () => {
    w = new TokenWindows();
    await w.signIn();
  });

  afterEach(() => w.dispose());

  /**
   * A window whose refresh request is refused because the other window rotated the tokens first; the other
   * window stores them once this one has read the keyring `readsBefore` more times (never when undefined).
   */
  function refusedWindow(
    readsBefore: number | undefined,
    options: { ledger?: boolean; rotatedExpiresAt?: number } = {},
  ): { window: TestWindow; rotated: () => typeof w.session } {
    let refused = false;
    let reads = 0;
    const rotated = { ...w.session };
    const window = w.open({
      ledger: options.ledger,
      hooks: {
        beforeRead: async () => {
          if (refused && readsBefore !== undefined && reads++ === readsBefore) await w.storeFromElsewhere(rotated);
        },
      },
    });
    w.service.beforeAnswer = async () => {
      Object.assign(rotated, w.service.rotate());
      if (options.rotatedExpiresAt !== undefined) rotated.expiresAt = options.rotatedExpiresAt;
      refused = true;
    };
    return { window, rotated: () => rotated };
  }

  async function usesTheOtherWindowsTokens(window: TestWindow, rotated: typeof w.session): Promise<void> {
    assert.equal(await window.call(), `ok with ${rotated.accessToken}`);
    assert.equal(w.stored()?.status, 'active');
    assert.equal(w.stored()?.refreshToken, rotated.refreshToken);
    assert.equal(w.service.refreshes, 1);
  }

  for (const reads of [0, 1, 2, 3, 4]) {
    badInput(
      `refused (the other window rotated first); its save lands after ${reads} re-read(s) of the refused window`,
      'the refused window uses its tokens: no error, nothing marked expired, no second request',
      async () => {
        const { window, rotated } = refusedWindow(reads);
        await usesTheOtherWindowsTokens(window, rotated());
      },
    );
  }

  badInput(
    'refused; the other window’s save lands between the last re-read and the expired mark',
    'compare-and-set sees it: its tokens are used, nothing marked expired',
    async () => {
      const { window, rotated } = refusedWindow(ROTATION_WAIT_PAUSES_MS.length + 1, { ledger: false });
      await usesTheOtherWindowsTokens(window, rotated());
    },
  );

  badInput('window 1 asks first, window 2 second, both with the expired token', 'both calls succeed with the same new token', async () => {
    const [one, two] = [w.open(), w.open()];
    const results = await Promise.all([one.call(), two.call()]);
    assert.equal(new Set(results).size, 1);
    assert.equal(w.stored()?.status, 'active');
  });

  badInput('window 2 asks first, window 1 second', 'both calls succeed with the same new token', async () => {
    const [one, two] = [w.open(), w.open()];
    const results = await Promise.all([two.call(), one.call()]);
    assert.equal(new Set(results).size, 1);
    assert.equal(w.stored()?.status, 'active');
  });

  badInput('three windows at once over a slow keyring', 'all three succeed; the stored session is active with the live refresh token', async () => {
    const slow = { beforeStore: async () => { for (let turn = 0; turn < 3; turn++) await settle(); } };
    const windows = [w.open({ hooks: slow }), w.open({ hooks: slow }), w.open({ hooks: slow })];
    const results = await Promise.all(windows.map((window) => window.call()));
    assert.equal(new Set(results).size, 1);
    assert.equal(w.stored()?.refreshToken, w.service.liveRefresh);
    assert.equal(w.stored()?.status, 'active');
  });

  badInput('refused, and nothing newer ever arrives (revoked in Dropbox Sign)', 'after ~2 s of re-reads: marked expired, "Sign in again"', async () => {
    const window = w.open({ ledger: false });
    w.service.liveRefresh = 'revoked-in-dropbox-sign';
    await assert.rejects(window.call(), (error: unknown) => authError('invalid_grant')(error) && /Sign in again/.test((error as Error).message));
    assert.equal(w.stored()?.status, 'expired');
  });

  badInput('refused, and another window already marked the same tokens expired', 'sign in again, without writing the mark twice', async () => {
    const window = w.open({ ledger: false });
    w.service.liveRefresh = 'revoked-in-dropbox-sign';
    w.service.beforeAnswer = () => w.storeFromElsewhere({ ...w.session, status: 'expired' });
    const writesBefore = w.keyring.writes;
    await assert.rejects(window.call(), authError('invalid_grant'));
    assert.equal(w.keyring.writes - writesBefore, 1, 'only the other window’s write');
  });

  badInput('refused; the other window stores newer tokens, already marked expired', 'session expired: sign in again, the newer tokens are not rewritten', async () => {
    const { window, rotated } = refusedWindow(undefined, { ledger: false });
    w.service.beforeAnswer = async () => {
      Object.assign(rotated(), w.service.rotate());
      await w.storeFromElsewhere({ ...rotated(), status: 'expired' });
    };
    await assert.rejects(window.call(), authError('session_expired'));
    assert.equal(w.stored()?.refreshToken, rotated().refreshToken);
  });

  badInput('refused; the tokens the other window stored are about to expire too', 'refreshed once more with the other window’s refresh token', async () => {
    const { window } = refusedWindow(0, { rotatedExpiresAt: w.now + 1000 });
    const refreshesBefore = w.service.refreshes;
    assert.match(await window.call(), /^ok with AccessGen2/);
    assert.equal(w.service.refreshes - refreshesBefore, 2);
    assert.equal(w.stored()?.refreshToken, w.service.liveRefresh);
  });

  const endpointFailures: [string, Error][] = [
    ['a network error (connection reset)', new NetworkError('Could not reach Dropbox Sign (ECONNRESET).')],
    ['a 500 from the token endpoint', new ServerError('Dropbox Sign failed (500).', { status: 500 })],
    ['a 503 HTML page from the token endpoint', new ServerError('Dropbox Sign is unavailable (503).', { status: 503 })],
    ['a 429 from the token endpoint', new RateLimitError('Too many requests.', { status: 429 })],
    ['a 401 invalid_client from the token endpoint', new AuthError('Client authentication failed.', { status: 401, errorName: 'invalid_client' })],
  ];
  for (const [input, failure] of endpointFailures) {
    badInput(`both windows refresh; one gets ${input}`, 'that error surfaces, nothing is marked expired, and its next call works', async () => {
      const [one, two] = [w.open(), w.open()];
      w.service.failNextWith = failure;
      const [first, second] = await Promise.allSettled([one.call(), two.call()]);
      const failed = [first, second].filter((r) => r.status === 'rejected');
      assert.equal(failed.length, 1);
      assert.equal((failed[0] as PromiseRejectedResult).reason, failure);
      assert.equal(w.stored()?.status, 'active');
      const loser = first.status === 'rejected' ? one : two;
      assert.match(await loser.call(), /^ok with /);
    });
  }

  badInput('refused; the account is signed out in another window during the wait', 'not signed in; nothing is written back', async () => {
    let refused = false;
    const window = w.open({
      ledger: false,
      hooks: {
        beforeRead: async () => {
          if (refused) {
            refused = false;
            w.keyring.setFromElsewhere(sessionSecretKey(w.key), undefined);
          }
        },
      },
    });
    w.service.beforeAnswer = async () => {
      w.service.rotate();
      refused = true;
    };
    await assert.rejects(window.call(), authError('not_signed_in'));
    assert.equal(w.stored(), undefined);
  });

  badInput('signed out in this window while the refresh request is on its way', 'the new tokens are not stored: still signed out', async () => {
    const window = w.open();
    w.service.beforeAnswer = async () => {
      await window.store.remove(w.key);
    };
    await assert.rejects(window.call(), authError('not_signed_in'));
    assert.equal(w.stored(), undefined);
  });

  badInput('refused; meanwhile the account signed in anew in another window', 'the new sign-in’s tokens are used', async () => {
    const { window } = refusedWindow(undefined);
    const fresh = { ...w.session, accessToken: 'AccessNewSignIn-0123456789', refreshToken: 'RefreshNewSignIn-0123456789', expiresAt: w.now + HOUR };
    w.service.beforeAnswer = async () => {
      w.service.rotate();
      w.service.liveAccess.add(fresh.accessToken);
      await w.storeFromElsewhere(fresh);
    };
    assert.equal(await window.call(), `ok with ${fresh.accessToken}`);
    assert.equal(w.stored()?.refreshToken, fresh.refreshToken);
  });

  badInput('a window that lost by a hair writes the old tokens marked expired over the winner’s', 'the winner stores its tokens again at once', async () => {
    const winner = w.open();
    await winner.call();
    const fresh = w.stored()!;
    await w.storeFromElsewhere({ ...w.session, status: 'expired' });
    for (let turn = 0; turn < 5 && w.stored()?.refreshToken !== fresh.refreshToken; turn++) await settle();
    assert.deepEqual(w.stored(), fresh);
  });

  badInput('the refused window is closed (disposed) while it waits', 'it gives up without writing anything', async () => {
    const { window } = refusedWindow(undefined, { ledger: false });
    const writesBefore = w.keyring.writes;
    const call = window.call();
    for (let turn = 0; turn < 3; turn++) await settle();
    window.tokens.dispose();
    await assert.rejects(call, CancelledError);
    assert.equal(w.keyring.writes, writesBefore);
    assert.equal(w.stored()?.status, 'active');
  });

  badInput('web workbench tabs: the tab whose request was refused', 'stays signed in, writes nothing, asks to reload the window', async () => {
    const winner = w.open({ keyring: w.tabKeyring() });
    const loserKeyring = w.tabKeyring();
    const loser = w.open({ keyring: loserKeyring });
    await winner.call();
    await assert.rejects(loser.tokens.refreshNow(w.key), (error: unknown) => authError(RENEWED_ELSEWHERE)(error) && /Reload the window/.test((error as Error).message));
    assert.equal(loserKeyring.writes, 0);
    assert.equal(w.stored(loserKeyring)?.status, 'active');
  });

  badInput('web workbench tabs: the refused tab tries again', 'it does not send the rotated refresh token again', async () => {
    const winner = w.open({ keyring: w.tabKeyring() });
    const loser = w.open({ keyring: w.tabKeyring() });
    await winner.call();
    const before = w.service.refreshes;
    await assert.rejects(loser.call(), authError(RENEWED_ELSEWHERE));
    await assert.rejects(loser.call(), authError(RENEWED_ELSEWHERE));
    assert.equal(w.service.refreshes, before);
  });

  badInput('web workbench tabs: the refused tab is reloaded', 'it reads the winner’s tokens and works, no new sign-in', async () => {
    const winner = w.open({ keyring: w.tabKeyring() });
    await winner.call();
    const reloaded = w.open({ keyring: w.tabKeyring(winner.keyring) });
    assert.equal(await reloaded.call(), `ok with ${w.stored(winner.keyring)!.accessToken}`);
    assert.equal(w.service.refreshes, 1);
  });

  badInput('a service that does not rotate refresh tokens, two windows at once', 'both succeed; no ledger note is made', async () => {
    const sameRefresh = async () => {
      const accessToken = `AccessNoRotation-${w.service.refreshes++}-0123456789`;
      w.service.liveAccess.add(accessToken);
      return { accessToken, refreshToken: w.session.refreshToken, expiresAt: w.now + HOUR };
    };
    const [one, two] = [w.open({ refresh: sameRefresh }), w.open({ refresh: sameRefresh })];
    w.service.liveAccess.clear();
    const results = await Promise.all([one.call(), two.call()]);
    assert.ok(results.every((r) => r.startsWith('ok with AccessNoRotation')));
    assert.equal(w.memento.values.size, 0);
  });

  badInput('the globalState ledger holds junk (a string, arrays of numbers)', 'ignored: refresh races behave as without it', async () => {
    w.memento.values.set('signdesk.rotatedRefreshTokens', 'junk');
    const { window, rotated } = refusedWindow(1);
    await usesTheOtherWindowsTokens(window, rotated());
    w.memento.values.set('signdesk.rotatedRefreshTokens', { [`${w.key.service}:${w.key.accountId}`]: [1, 2, 3] });
    assert.match(await w.open().call(), /^ok with /);
  });

  badInput('globalState refuses the ledger update', 'the refresh still succeeds and is stored', async () => {
    w.memento.failUpdates = true;
    const window = w.open();
    assert.match(await window.call(), /^ok with /);
    assert.equal(w.stored()?.refreshToken, w.service.liveRefresh);
  });
});
