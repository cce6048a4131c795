// TokenManager when several windows share the keyring (issue 10, item 1): a refresh token refused because
// another window rotated it first must never sign the user out, and marking a session expired is a
// compare-and-set against what is stored right then.
import * as assert from 'node:assert/strict';
import { AuthError } from '../../../src/core/errors';
import { RENEWED_ELSEWHERE, ROTATION_WAIT_PAUSES_MS } from '../../../src/auth/tokenManager';
import { settle } from '../../support/time';
import { ManualTime } from '../../support/time';
import { InstantTimers } from '../../support/time';
import { HOUR } from '../../support/tokenService';
import { TokenWindows } from '../../support/tokenWindows';

const isAuthError = (errorName: string) => (error: unknown) => error instanceof AuthError && error.errorName === errorName;

describe('TokenManager across windows', () => {
  let w: TokenWindows;

  beforeEach(async () => {
    w = new TokenWindows();
    await w.signIn();
  });

  afterEach(() => w.dispose());

  /**
   * The other window rotates the tokens while this window's refresh request is on its way (so this one is
   * refused), and stores them only once this window has read the keyring `readsBefore` more times.
   */
  function otherWindowRotatesAndStoresAfter(readsBefore: number): { window: ReturnType<TokenWindows['open']> } {
    let refused = false;
    let reads = 0;
    const rotated = { ...w.session };
    const window = w.open({
      hooks: {
        beforeRead: async () => {
          if (refused && reads++ === readsBefore) await w.storeFromElsewhere(rotated);
        },
      },
    });
    w.service.beforeAnswer = async () => {
      Object.assign(rotated, w.service.rotate());
      refused = true;
    };
    return { window };
  }

  for (const readsBefore of [0, 1, 2, 3, 4, 5]) {
    it(`refused because the other window rotated first, its save lands after ${readsBefore} more read(s) → uses its tokens, no error, nothing marked expired`, async () => {
      const { window } = otherWindowRotatesAndStoresAfter(readsBefore);
      const result = await window.call();
      const stored = w.stored()!;
      assert.equal(stored.status, 'active');
      assert.equal(stored.refreshToken, w.service.liveRefresh);
      assert.equal(result, `ok with ${stored.accessToken}`);
      assert.equal(w.service.refreshes, 1, 'no second refresh request');
    });
  }

  it('the other window’s save ends the wait at once (its change event), without the timers firing', async () => {
    const time = new ManualTime();
    const window = w.open({ timers: time });
    const rotated = { ...w.session };
    w.service.beforeAnswer = async () => {
      Object.assign(rotated, w.service.rotate());
    };
    const call = window.call();
    call.catch(() => undefined); // asserted below
    for (let turn = 0; turn < 20 && time.pendingTimers === 0; turn++) await settle();
    assert.equal(time.pendingTimers, 1, 'refused, and waiting for the other window');
    await w.storeFromElsewhere(rotated);
    assert.equal(await call, `ok with ${rotated.accessToken}`);
    assert.equal(time.now(), new ManualTime().now(), 'no time had to pass');
    assert.equal(time.pendingTimers, 0, 'the pause was cancelled');
  });

  it('nothing newer arrives → re-reads for about 2 s, then marks the stored session expired and says sign in again', async () => {
    const timers = new InstantTimers();
    const window = w.open({ timers, ledger: false });
    w.service.liveRefresh = 'revoked-in-dropbox-sign';
    await assert.rejects(window.call(), isAuthError('invalid_grant'));
    assert.equal(timers.total(), 2000);
    assert.deepEqual(timers.asked, [...ROTATION_WAIT_PAUSES_MS]);
    assert.equal(w.stored()!.status, 'expired');
  });

  it('compare-and-set: newer tokens stored between the last re-read and the mark → used, nothing marked expired', async () => {
    let refused = false;
    let reads = 0;
    const rotated = { ...w.session };
    const window = w.open({
      hooks: {
        beforeRead: async () => {
          // The wait reads once per pause plus once more; the next read is the compare-and-set's.
          if (refused && reads++ === ROTATION_WAIT_PAUSES_MS.length + 1) await w.storeFromElsewhere(rotated);
        },
      },
      ledger: false,
    });
    w.service.beforeAnswer = async () => {
      Object.assign(rotated, w.service.rotate());
      refused = true;
    };
    assert.equal(await window.call(), `ok with ${rotated.accessToken}`);
    assert.equal(w.stored()!.status, 'active');
    assert.equal(w.stored()!.refreshToken, rotated.refreshToken);
  });

  it('the mark is made on what is stored: an expired mark never carries older tokens over newer ones', async () => {
    const window = w.open({ ledger: false });
    w.service.liveRefresh = 'revoked-in-dropbox-sign';
    await assert.rejects(window.call(), isAuthError('invalid_grant'));
    assert.deepEqual(w.stored(), { ...w.session, status: 'expired' });
  });

  it('a window that wrote older tokens over the winner’s (lost by a hair) → the winner stores its own again at once', async () => {
    const winner = w.open();
    await winner.call();
    const fresh = w.stored()!;
    assert.notEqual(fresh.refreshToken, w.session.refreshToken);
    await w.storeFromElsewhere({ ...w.session, status: 'expired' }); // the loser's late write
    for (let i = 0; i < 5 && w.stored()!.refreshToken !== fresh.refreshToken; i++) await settle();
    assert.deepEqual(w.stored(), fresh);
  });

  it('two windows at once over a slow keyring, both orders, 20 runs each: both calls succeed with the same tokens', async () => {
    // Each write takes a few turns, as a real keyring's does: the refused window reads before the winner's save lands.
    const slowWrites = { beforeStore: async () => { for (let turn = 0; turn < 3; turn++) await settle(); } };
    for (const order of ['first', 'second'] as const) {
      for (let run = 0; run < 20; run++) {
        const a = w.open({ hooks: slowWrites });
        const b = w.open({ hooks: slowWrites });
        w.service.liveAccess.clear();
        const before = w.service.refreshes;
        const [first, second] = order === 'first' ? [a, b] : [b, a];
        const results = await Promise.all([first.call(), second.call()]);
        assert.equal(new Set(results).size, 1, `${order} run ${run}: ${results.join(' / ')}`);
        assert.equal(w.stored()!.status, 'active');
        assert.equal(w.service.refreshes - before, 2, 'both sent their request: the race happened');
        w.dispose();
      }
    }
  });

  describe('web workbench tabs (each reads the secrets once, when it loads; globalState reaches all)', () => {
    it('the tab that lost the race does not mark the session expired: it asks for a reload, which brings the new tokens', async () => {
      const winner = w.open({ keyring: w.tabKeyring() });
      const loserKeyring = w.tabKeyring();
      const loser = w.open({ keyring: loserKeyring });
      await winner.call();
      const winnerTokens = w.stored(winner.keyring)!;

      // The loser's request was already on its way with the old refresh token.
      const error = await loser.tokens.refreshNow(w.key).then(() => assert.fail('refreshed'), (e: unknown) => e);
      assert.ok(isAuthError(RENEWED_ELSEWHERE)(error), String(error));
      assert.match((error as Error).message, /Reload the window/);
      assert.equal(loserKeyring.writes, 0, 'the loser wrote nothing over the winner’s tokens');
      assert.equal(w.stored(loserKeyring)!.status, 'active');

      // A reload: the tab reads what the browser's storage holds now (the winner's write).
      const reloaded = w.open({ keyring: w.tabKeyring(winner.keyring) });
      assert.equal(await reloaded.call(), `ok with ${winnerTokens.accessToken}`);
    });

    it('a tab whose refresh token the ledger lists as renewed does not send it again', async () => {
      const winner = w.open({ keyring: w.tabKeyring() });
      const loser = w.open({ keyring: w.tabKeyring() });
      await winner.call();
      const requests = w.service.refreshes;
      await assert.rejects(loser.call(), isAuthError(RENEWED_ELSEWHERE));
      assert.equal(w.service.refreshes, requests);
    });

    it('without the ledger (today’s behaviour) the losing tab is signed out and its write would carry the old tokens', async () => {
      const winner = w.open({ keyring: w.tabKeyring(), ledger: false });
      const loserKeyring = w.tabKeyring();
      const loser = w.open({ keyring: loserKeyring, ledger: false });
      await winner.call();
      await assert.rejects(loser.call(), isAuthError('invalid_grant'));
      assert.equal(w.stored(loserKeyring)!.status, 'expired');
    });
  });

  it('signed out in another window while this one waits → not signed in, and nothing is written back', async () => {
    let refused = false;
    const window = w.open({
      hooks: {
        beforeRead: async () => {
          if (refused) {
            refused = false;
            w.keyring.setFromElsewhere(`signdesk.session.${w.key.service}.${w.key.accountId}`, undefined);
          }
        },
      },
      ledger: false,
    });
    w.service.beforeAnswer = async () => {
      w.service.rotate();
      refused = true;
    };
    await assert.rejects(window.call(), isAuthError('not_signed_in'));
    assert.equal(w.stored(), undefined);
  });

  it('signed out while the refresh request is on its way → the new tokens are not stored (no sign-in comes back)', async () => {
    const window = w.open();
    w.service.beforeAnswer = async () => {
      await window.store.remove(w.key);
    };
    await assert.rejects(window.call(), isAuthError('not_signed_in'));
    assert.equal(w.stored(), undefined);
  });

  it('a service that does not rotate refresh tokens: no ledger note, the new access token is stored', async () => {
    const window = w.open({
      refresh: async () => {
        w.service.liveAccess.add('AccessSameRefresh-1234567890');
        return { accessToken: 'AccessSameRefresh-1234567890', refreshToken: '', expiresAt: w.now + HOUR };
      },
    });
    w.service.liveAccess.clear();
    assert.equal(await window.call(), 'ok with AccessSameRefresh-1234567890');
    assert.equal(w.stored()!.refreshToken, w.session.refreshToken);
    assert.equal(w.stored()!.accessToken, 'AccessSameRefresh-1234567890');
    assert.equal(w.memento.values.size, 0);
  });

  it('the ledger holds fingerprints, never a token', async () => {
    const window = w.open();
    await window.call();
    const text = JSON.stringify([...w.memento.values]);
    for (const secret of [w.session.refreshToken, w.session.accessToken, w.stored()!.refreshToken]) {
      assert.ok(!text.includes(secret));
    }
    assert.match(text, /[0-9a-f]{16}/);
  });
});
