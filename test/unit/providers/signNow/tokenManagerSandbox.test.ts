// TokenManager with signNow's OAuth and API clients against the signNow sandbox over HTTP: the same
// guarantees as for Dropbox Sign (test/unit/auth/tokenManagerSandbox.test.ts): refresh before expiry, once
// on a refused token, single-flight in a window, and across windows with rotating refresh tokens (the
// sandbox rotates by default), under both readings of a spent refresh token's error.
import * as assert from 'node:assert/strict';
import { AuthError } from '../../../../src/core/errors';
import type { Timers } from '../../../../src/core/clock';
import type { TokenSet } from '../../../../src/model/tokens';
import { RotationLedger } from '../../../../src/auth/rotationLedger';
import { newSession, type AccountKey, type Disposable, type StoredSession } from '../../../../src/auth/session';
import { parseStoredSession, sessionSecretKey, SessionStore } from '../../../../src/auth/sessionStore';
import { RENEWED_ELSEWHERE, TokenManager } from '../../../../src/auth/tokenManager';
import { signNow } from '../../../../src/providers/signNow/definition';
import { SERVICES } from '../../../../src/providers';
import { authorize, useSignNowSandbox } from '../../../support/sandboxes/signNow';
import { RecordingLogger } from '../../../support/log';
import { FakeKeyring, KeyringWindowHooks } from '../../../support/secrets';
import { FakeMemento } from '../../../support/memento';
import { InstantTimers } from '../../../support/time';
import { signNowStack } from './support';

/** The service list with signNow in it (whether or not the extension lists it yet). */
const services = SERVICES.some((s) => s.id === signNow.id) ? SERVICES : [...SERVICES, signNow];

describe('TokenManager with signNow against the signNow sandbox', function () {
  this.timeout(30_000);
  const sandbox = useSignNowSandbox();
  let keyring: FakeKeyring;
  let log: RecordingLogger;
  let memento: FakeMemento;
  let stack: ReturnType<typeof signNowStack>;
  let key: AccountKey;
  let initial: StoredSession;
  const opened: Disposable[] = [];

  const client = () => ({ clientId: sandbox().info.clientId, clientSecret: sandbox().info.clientSecret });
  const refreshAtSandbox = (refreshToken: string): Promise<TokenSet> => stack.oauth.refresh({ ...client(), refreshToken });

  interface WindowOptions {
    keyring?: FakeKeyring;
    hooks?: KeyringWindowHooks;
    refresh?: (refreshToken: string) => Promise<TokenSet>;
    timers?: Timers;
  }

  function openWindow(options: WindowOptions = {}): { store: SessionStore; tokens: TokenManager; keyring: FakeKeyring } {
    const windowKeyring = options.keyring ?? keyring;
    const store = new SessionStore({ services, secrets: windowKeyring.window(options.hooks), log });
    const refresh = options.refresh ?? refreshAtSandbox;
    const tokens = new TokenManager({
      store,
      refresh: (_service, refreshToken) => refresh(refreshToken),
      clock: { now: () => Date.now() },
      log,
      timers: options.timers,
      rotations: new RotationLedger(memento, log),
    });
    opened.push(store, tokens);
    return { store, tokens, keyring: windowKeyring };
  }

  /** Signs in through the browser leg and the code grant (its expires_in is an epoch string), as SignDesk does. */
  async function codeGrantSession(): Promise<StoredSession> {
    const code = (await authorize(sandbox(), { state: 's' })).searchParams.get('code')!;
    const tokens = await stack.oauth.exchangeCode({ ...client(), code, state: 's' });
    const account = await stack.service.getAccount(tokens.accessToken);
    return newSession('signNow', { id: account.id, email: account.email }, tokens, 'active', Date.now());
  }

  const refreshesSent = () => sandbox().admin.counters().token.refresh_token ?? 0;
  const refreshesIssued = () => sandbox().admin.counters().tokenIssued.refresh_token ?? 0;
  const whoAmI = (tokens: TokenManager) => tokens.withToken(key, async (t) => (await stack.service.getAccount(t)).email);
  const storedNow = (): StoredSession | undefined => {
    const raw = keyring.values.get(sessionSecretKey(key));
    return raw === undefined ? undefined : parseStoredSession(raw, key);
  };
  const alice = () => sandbox().info.users[0].email;

  beforeEach(async () => {
    stack = signNowStack(sandbox());
    keyring = new FakeKeyring();
    memento = new FakeMemento();
    log = new RecordingLogger();
    initial = await codeGrantSession();
    key = { service: 'signNow', accountId: initial.accountId };
    await new SessionStore({ services, secrets: keyring.window(), log }).save(initial);
    sandbox().admin.resetCounters();
  });

  afterEach(() => {
    for (const item of opened.splice(0)) item.dispose();
  });

  describe('expires_in: an epoch string for the code grant, a lifetime for the refresh grant', () => {
    for (const epoch of [true, false]) {
      it(`a 60 s token (code grant answers ${epoch ? 'an epoch time' : 'a lifetime'}) is refreshed before the first call, not after a refusal`, async () => {
        sandbox().admin.configure({ expiresIn: 60, codeGrantExpiresInEpoch: epoch });
        const session = await codeGrantSession();
        assert.ok(session.expiresAt > Date.now() && session.expiresAt <= Date.now() + 61_000, `expiresAt ${session.expiresAt - Date.now()} ms ahead`);
        await openWindow().store.save(session);
        sandbox().admin.resetCounters();
        assert.equal(await whoAmI(openWindow().tokens), alice());
        assert.equal(refreshesSent(), 1, 'refreshed within the margin');
        assert.equal(sandbox().admin.counters().http['GET /user'], 1, 'no call was made with the old token');
        // The refresh grant's lifetime (60 s) is within the margin too: the stored expiry follows it.
        const stored = storedNow()!;
        assert.ok(stored.expiresAt <= Date.now() + 61_000 && stored.expiresAt > Date.now());
      });
    }

    it('a 30-day code-grant token is used as it is (the epoch is not read as 47 years of lifetime, nor as expired)', async () => {
      const { tokens } = openWindow();
      assert.equal(await whoAmI(tokens), alice());
      assert.equal(refreshesSent(), 0);
      assert.ok(Math.abs(initial.expiresAt - (Date.now() + 2_592_000_000)) < 10_000);
    });
  });

  it('100 concurrent calls with an access token the service expired → exactly 1 refresh request, all succeed', async () => {
    const { tokens } = openWindow();
    assert.equal(sandbox().admin.expireAccessTokens({ all: true }), 1);
    const emails = await Promise.all(Array.from({ length: 100 }, () => whoAmI(tokens)));
    assert.deepEqual(new Set(emails), new Set([alice()]));
    assert.equal(refreshesSent(), 1);
    assert.notEqual(storedNow()!.refreshToken, initial.refreshToken, 'the rotated refresh token is stored');
  });

  it('100 concurrent calls with a token past its stored expiry → exactly 1 refresh request before calling', async () => {
    const { store, tokens } = openWindow();
    await store.save({ ...initial, expiresAt: Date.now() - 1000 });
    sandbox().admin.expireAccessTokens({ all: true });
    const emails = await Promise.all(Array.from({ length: 100 }, () => whoAmI(tokens)));
    assert.equal(emails.length, 100);
    assert.equal(refreshesSent(), 1);
    assert.equal(sandbox().admin.counters().http['GET /user'], 100, 'no call was wasted on the dead token');
  });

  for (const status of [401, 400] as const) {
    it(`invalid_token (1537) with ${status} → refresh → retry once; a second refusal surfaces as AuthError`, async () => {
      sandbox().admin.configure({ invalidTokenStatus: status });
      const { tokens } = openWindow();
      sandbox().admin.expireAccessTokens({ all: true });
      assert.equal(await whoAmI(tokens), alice());
      assert.equal(refreshesSent(), 1);
      sandbox().admin.resetCounters();
      sandbox().admin.injectFault({ path: '/user', method: 'GET', kind: 'unauthorized', count: 2 });
      await assert.rejects(whoAmI(tokens), (error: unknown) => error instanceof AuthError && error.status === 401);
      assert.equal(refreshesSent(), 1);
      assert.equal(sandbox().admin.counters().http['GET /user'], 2);
    });
  }

  for (const spent of ['invalid_grant', 'invalid_request'] as const) {
    describe(`a spent refresh token answers ${spent}`, () => {
      beforeEach(() => {
        sandbox().admin.configure({ spentRefreshTokenError: spent });
      });

      it('refused because another window rotated it first → re-reads storage and keeps going', async () => {
        const mine = openWindow();
        const other = openWindow();
        await mine.store.get(key);
        sandbox().admin.expireAccessTokens({ all: true });
        const racing = new TokenManager({
          store: mine.store,
          clock: { now: () => Date.now() },
          log,
          refresh: async (_service, refreshToken) => {
            await other.tokens.refreshNow(key);
            return refreshAtSandbox(refreshToken);
          },
        });
        opened.push(racing);
        assert.equal(await whoAmI(racing), alice());
        assert.equal(refreshesSent(), 2, 'the other window’s refresh and this window’s refused one');
        assert.equal(refreshesIssued(), 1);
        assert.equal(storedNow()!.status, 'active');
      });

      it('refused with nothing newer in storage → the session is marked expired and the error says sign in again', async () => {
        const { tokens } = openWindow({ timers: new InstantTimers() });
        await refreshAtSandbox(initial.refreshToken); // used outside SignDesk: rotation retired it
        sandbox().admin.expireAccessTokens({ all: true });
        await assert.rejects(whoAmI(tokens), (error: unknown) => error instanceof AuthError && error.errorName === 'invalid_grant');
        assert.equal(storedNow()!.status, 'expired');
      });

      for (const winnerIs of [1, 2] as const) {
        it(`two windows refresh at once, window ${winnerIs}'s request arrives first; 10 runs → both stay signed in`, async () => {
          for (let run = 0; run < 10; run++) {
            let answerWinner!: () => void;
            const winnerAnswered = new Promise<void>((resolve) => (answerWinner = resolve));
            let releaseSave!: () => void;
            const saveReleased = new Promise<void>((resolve) => (releaseSave = resolve));
            let refused = false;
            let readsSinceRefused = 0;
            const sessionKey = sessionSecretKey(key);
            const winnerOptions: WindowOptions = {
              hooks: { beforeStore: async (secretKey) => (secretKey === sessionKey ? saveReleased : undefined) },
              refresh: (refreshToken) => refreshAtSandbox(refreshToken).finally(answerWinner),
              timers: new InstantTimers(),
            };
            const loserOptions: WindowOptions = {
              hooks: {
                beforeRead: () => {
                  if (refused && readsSinceRefused++ === run % 5) releaseSave();
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
            const issuedBefore = refreshesIssued();
            const sentBefore = refreshesSent();
            const emails = await Promise.all([whoAmI(one.tokens), whoAmI(two.tokens)]);
            assert.deepEqual(emails, [alice(), alice()], `run ${run}`);
            assert.equal(refreshesSent() - sentBefore, 2, `run ${run}: both windows sent a refresh request`);
            assert.equal(refreshesIssued() - issuedBefore, 1, `run ${run}: one was refused`);
            assert.equal(storedNow()?.status, 'active', `run ${run}`);
          }
          assert.ok(log.lines.every((line) => !line.includes('the user must sign in again')));
        });
      }
    });
  }

  it('web workbench tabs: the refused tab asks for a reload and writes nothing; the reload works', async () => {
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
    assert.equal(await winnerCall, alice());
    assert.equal(loserKeyring.writes, 0, 'nothing written over the winner’s tokens');
    const reloaded = new FakeKeyring();
    for (const [k, v] of winner.keyring.values) reloaded.values.set(k, v);
    assert.equal(await whoAmI(openWindow({ keyring: reloaded }).tokens), alice());
  });

  it('never logs a token', async () => {
    const { tokens } = openWindow();
    sandbox().admin.expireAccessTokens({ all: true });
    await whoAmI(tokens);
    const stored = storedNow()!;
    for (const secret of [initial.accessToken, initial.refreshToken, stored.accessToken, stored.refreshToken]) {
      assert.ok(!log.text().includes(secret));
    }
  });
});
