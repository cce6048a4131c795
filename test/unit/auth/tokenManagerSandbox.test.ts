// TokenManager against the real sandbox over HTTP (FetchHttpClient + the Dropbox Sign OAuth and API
// clients), with the sandbox's own counters as the judge of how many refresh requests were made.
import * as assert from 'node:assert/strict';
import { AuthError } from '../../../src/core/errors';
import type { DropboxSignApi } from '../../../src/providers/dropboxSign/apiClient';
import type { OAuthClient } from '../../../src/model/service';
import type { Timers } from '../../../src/core/clock';
import type { TokenSet } from '../../../src/model/tokens';
import { RotationLedger } from '../../../src/auth/rotationLedger';
import { AccountKey, Disposable, StoredSession } from '../../../src/auth/session';
import { parseStoredSession, sessionSecretKey, SessionStore } from '../../../src/auth/sessionStore';
import { RENEWED_ELSEWHERE, TokenManager } from '../../../src/auth/tokenManager';
import { SEED } from '../../sandbox/dropboxSign/server';
import { postJson, signedInSession, useSandbox } from '../../support/sandboxes/dropboxSign';
import { RecordingLogger } from '../../support/log';
import { FakeKeyring, KeyringWindowHooks } from '../../support/secrets';
import { FakeMemento } from '../../support/memento';
import { InstantTimers } from '../../support/time';
import { SERVICES } from '../../../src/providers';
import { dropboxSignStack } from '../../support/stacks';

describe('TokenManager against the sandbox', function () {
  this.timeout(20_000);
  // 100 calls at once would hit the sandbox's (realistic) 100-per-minute limit; that is not under test here.
  const sandbox = useSandbox({ config: { rateLimits: { enabled: false } } });
  let keyring: FakeKeyring;
  let log: RecordingLogger;
  let oauth: OAuthClient;
  let api: DropboxSignApi;
  let key: AccountKey;
  let initial: StoredSession;
  let memento: FakeMemento;
  const stores: Disposable[] = [];

  const refreshAtSandbox = (refreshToken: string) =>
    oauth.refresh({ refreshToken, clientId: sandbox().info.clientId, clientSecret: sandbox().info.clientSecret });

  interface WindowOptions {
    /** Default: the shared keyring (a web workbench tab has a copy of its own). */
    keyring?: FakeKeyring;
    hooks?: KeyringWindowHooks;
    refresh?: (refreshToken: string) => Promise<TokenSet>;
    /** Default: real timers (the sandbox answers in real time). */
    timers?: Timers;
  }

  /** One VS Code window: its own SessionStore over the shared keyring, its own TokenManager; globalState is shared. */
  function openWindow(options: WindowOptions = {}): { store: SessionStore; tokens: TokenManager; keyring: FakeKeyring } {
    const windowKeyring = options.keyring ?? keyring;
    const store = new SessionStore({ services: SERVICES, secrets: windowKeyring.window(options.hooks), log });
    const refresh = options.refresh ?? refreshAtSandbox;
    const tokens = new TokenManager({
      store,
      refresh: (_service, refreshToken) => refresh(refreshToken),
      clock: { now: () => Date.now() },
      log,
      timers: options.timers,
      rotations: new RotationLedger(memento, log),
    });
    stores.push(store, tokens);
    return { store, tokens, keyring: windowKeyring };
  }

  const refreshesCounted = () => sandbox().admin.counters().token.refresh_token ?? 0;
  const whoAmI = (tokens: TokenManager) => tokens.withToken(key, async (t) => (await api.getAccount(t)).account.email_address);

  beforeEach(async () => {
    const sb = sandbox();
    ({ oauth, api } = dropboxSignStack(sb.info));
    keyring = new FakeKeyring();
    memento = new FakeMemento();
    log = new RecordingLogger();

    initial = await signedInSession(sb, SEED.alice.email);
    key = { service: 'dropboxSign', accountId: initial.accountId };
    await new SessionStore({ services: SERVICES, secrets: keyring.window(), log }).save(initial);
    sb.admin.resetCounters();
  });

  afterEach(() => {
    for (const s of stores.splice(0)) s.dispose();
  });

  it('100 concurrent calls with an access token the service expired → exactly 1 refresh request, all succeed', async () => {
    const { tokens } = openWindow();
    assert.equal(sandbox().admin.expireAccessTokens({ all: true }), 1);
    const emails = await Promise.all(Array.from({ length: 100 }, () => whoAmI(tokens)));
    assert.deepEqual(new Set(emails), new Set([SEED.alice.email]));
    assert.equal(refreshesCounted(), 1);
  });

  it('100 concurrent calls with a token past its stored expiry → exactly 1 refresh request before calling', async () => {
    const { store, tokens } = openWindow();
    await store.save({ ...initial, expiresAt: Date.now() - 1000 });
    sandbox().admin.expireAccessTokens({ all: true });
    const emails = await Promise.all(Array.from({ length: 100 }, () => whoAmI(tokens)));
    assert.equal(emails.length, 100);
    assert.equal(refreshesCounted(), 1);
    assert.equal(sandbox().admin.counters().http['GET /v3/account'], 100, 'no call was wasted on the dead token');
  });

  it('401 → refresh → retry once; a second 401 surfaces as AuthError', async () => {
    const { tokens } = openWindow();
    sandbox().admin.injectFault({ path: '/v3/account', method: 'GET', kind: 'unauthorized', count: 2 });
    await assert.rejects(whoAmI(tokens), (error: unknown) => error instanceof AuthError && error.status === 401);
    assert.equal(refreshesCounted(), 1);
    assert.equal(sandbox().admin.counters().http['GET /v3/account'], 2);
  });

  it('invalid_grant because another window rotated the refresh token first → re-read storage, keep going', async () => {
    const mine = openWindow();
    const other = openWindow();
    await mine.store.get(key); // this window has the old tokens cached
    sandbox().admin.expireAccessTokens({ all: true });
    // The other window's refresh lands between this window's read and its refresh request.
    const racing = new TokenManager({
      store: mine.store,
      clock: { now: () => Date.now() },
      log,
      refresh: async (_service, refreshToken) => {
        await other.tokens.refreshNow(key);
        return oauth.refresh({ refreshToken });
      },
    });
    stores.push(racing);
    assert.equal(await whoAmI(racing), SEED.alice.email);
    const counters = sandbox().admin.counters();
    assert.equal(counters.token.refresh_token, 2, 'the other window’s refresh and this window’s refused one');
    assert.equal(counters.tokenIssued.refresh_token, 1);
    assert.equal((await mine.store.get(key, { fresh: true }))!.status, 'active');
  });

  it('invalid_grant with nothing newer in storage → session marked expired, AuthError says sign in again', async () => {
    const { store, tokens } = openWindow({ timers: new InstantTimers() });
    // Someone outside SignDesk used the refresh token (rotation retires it): it is dead for us.
    const used = await postJson(sandbox(), '/oauth/token', { grant_type: 'refresh_token', refresh_token: initial.refreshToken });
    assert.equal(used.status, 200);
    sandbox().admin.expireAccessTokens({ all: true });
    await assert.rejects(whoAmI(tokens), (error: unknown) => error instanceof AuthError && error.errorName === 'invalid_grant');
    assert.equal((await store.get(key, { fresh: true }))!.status, 'expired');
  });

  it('never logs a token', async () => {
    const { tokens } = openWindow();
    sandbox().admin.expireAccessTokens({ all: true });
    await whoAmI(tokens);
    const stored = await openWindow().store.get(key);
    for (const secret of [initial.accessToken, initial.refreshToken, stored!.accessToken, stored!.refreshToken]) {
      assert.ok(!log.text().includes(secret));
    }
  });

  describe('two windows refresh at once (rotating refresh tokens: the second request is refused)', () => {
    const RUNS = 20;
    const storedNow = (): StoredSession | undefined => {
      const raw = keyring.values.get(sessionSecretKey(key));
      return raw === undefined ? undefined : parseStoredSession(raw, key);
    };

    /**
     * One race, decided on purpose: `winner`'s request reaches the sandbox first; the other window's request
     * goes out once the winner's is answered (and is refused), and the winner's keyring write is held until
     * the refused window has read the keyring `readsBeforeSave` more times: the interleaving of issue 10.
     */
    async function race(winnerIs: 1 | 2, readsBeforeSave: number): Promise<void> {
      const sessionKey = sessionSecretKey(key);
      let answerWinner!: () => void;
      const winnerAnswered = new Promise<void>((resolve) => (answerWinner = resolve));
      let releaseSave!: () => void;
      const saveReleased = new Promise<void>((resolve) => (releaseSave = resolve));
      let refused = false;
      let readsSinceRefused = 0;
      const winnerOptions: WindowOptions = {
        hooks: { beforeStore: async (secretKey) => (secretKey === sessionKey ? saveReleased : undefined) },
        refresh: (refreshToken) => refreshAtSandbox(refreshToken).finally(answerWinner),
        timers: new InstantTimers(),
      };
      const loserOptions: WindowOptions = {
        hooks: {
          beforeRead: () => {
            if (refused && readsSinceRefused++ === readsBeforeSave) releaseSave();
          },
        },
        refresh: async (refreshToken) => {
          await winnerAnswered;
          return refreshAtSandbox(refreshToken).catch((error: unknown) => {
            refused = true;
            throw error;
          });
        },
        timers: new InstantTimers(),
      };
      const one = openWindow(winnerIs === 1 ? winnerOptions : loserOptions);
      const two = openWindow(winnerIs === 2 ? winnerOptions : loserOptions);
      sandbox().admin.expireAccessTokens({ all: true });
      const issuedBefore = sandbox().admin.counters().tokenIssued.refresh_token ?? 0;
      const sentBefore = refreshesCounted();

      const emails = await Promise.all([whoAmI(one.tokens), whoAmI(two.tokens)]);

      const what = `window ${winnerIs} won, save after ${readsBeforeSave} read(s)`;
      assert.deepEqual(emails, [SEED.alice.email, SEED.alice.email], what);
      assert.equal(refreshesCounted() - sentBefore, 2, `${what}: both windows sent a refresh request`);
      assert.equal((sandbox().admin.counters().tokenIssued.refresh_token ?? 0) - issuedBefore, 1, `${what}: one was refused`);
      const stored = storedNow();
      assert.equal(stored?.status, 'active', what);
      assert.ok(log.lines.every((line) => !line.includes('the user must sign in again')), `${what}: nobody gave up`);
    }

    for (const winnerIs of [1, 2] as const) {
      it(`window ${winnerIs}'s request arrives first, the other is refused; ${RUNS} runs → both stay signed in and keep working`, async () => {
        for (let run = 0; run < RUNS; run++) {
          await race(winnerIs, run % 5); // the save lands during the wait, at each of its re-reads in turn
          // The stored refresh token is the live one: the next run starts from it (and would fail otherwise).
        }
        assert.equal(storedNow()?.status, 'active');
      });
    }

    for (const startsFirst of [1, 2] as const) {
      it(`both requests in flight together (token endpoint delayed), window ${startsFirst} asks first; ${RUNS} runs → both stay signed in`, async () => {
        // A keyring write takes a while (D-Bus, the OS keychain): the refused window re-reads before the save lands.
        const slowKeyring: KeyringWindowHooks = { beforeStore: () => new Promise((resolve) => setTimeout(resolve, 10)) };
        for (let run = 0; run < RUNS; run++) {
          const windows = [openWindow({ hooks: slowKeyring }), openWindow({ hooks: slowKeyring })];
          sandbox().admin.expireAccessTokens({ all: true });
          sandbox().admin.injectFault({ path: '/oauth/token', method: 'POST', kind: 'delay', delayMs: 20, count: 2 });
          const [first, second] = startsFirst === 1 ? windows : [windows[1], windows[0]];
          const calls = [whoAmI(first.tokens), whoAmI(second.tokens)];
          assert.deepEqual(await Promise.all(calls), [SEED.alice.email, SEED.alice.email], `run ${run}`);
          assert.equal(storedNow()?.status, 'active', `run ${run}`);
        }
        assert.ok(log.lines.every((line) => !line.includes('the user must sign in again')));
      });
    }

    it('web workbench tabs (secrets read once per tab, globalState shared): the refused tab asks for a reload and writes nothing; the reload works', async () => {
      const tab = (): FakeKeyring => {
        const copy = new FakeKeyring();
        for (const [k, v] of keyring.values) copy.values.set(k, v);
        return copy;
      };
      const winner = openWindow({ keyring: tab() });
      const loserKeyring = tab();
      let answerWinner!: () => void;
      const winnerAnswered = new Promise<void>((resolve) => (answerWinner = resolve));
      const loser = openWindow({
        keyring: loserKeyring,
        timers: new InstantTimers(),
        refresh: async (refreshToken) => {
          await winnerAnswered;
          return refreshAtSandbox(refreshToken);
        },
      });
      sandbox().admin.expireAccessTokens({ all: true });
      const winnerCall = whoAmI(winner.tokens).finally(answerWinner);
      await assert.rejects(whoAmI(loser.tokens), (error: unknown) => error instanceof AuthError && error.errorName === RENEWED_ELSEWHERE);
      assert.equal(await winnerCall, SEED.alice.email);
      assert.equal(loserKeyring.writes, 0, 'nothing written over the winner’s tokens');

      // Reloading the refused tab: it reads what the browser's storage holds, the winner's write.
      const reloadedKeyring = new FakeKeyring();
      for (const [k, v] of winner.keyring.values) reloadedKeyring.values.set(k, v);
      assert.equal(await whoAmI(openWindow({ keyring: reloadedKeyring }).tokens), SEED.alice.email);
    });
  });
});
