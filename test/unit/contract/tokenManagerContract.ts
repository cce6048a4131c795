// The token manager's contract, run per service against that service's own sandbox over HTTP (its OAuth
// and API clients, FetchHttpClient), with the sandbox's counters as the judge of how many refresh requests
// were made: refresh before expiry, once on a refused token, single-flight in a window, and across windows
// with rotating refresh tokens (a spent refresh token is refused), web workbench tabs included; never a
// token in the log. A service's suite is one call: tokenManagerContract(target) inside its test file.
import * as assert from 'node:assert/strict';
import { RotationLedger } from '../../../src/auth/rotationLedger';
import type { AccountKey, Disposable, StoredSession } from '../../../src/auth/session';
import { parseStoredSession, sessionSecretKey, SessionStore } from '../../../src/auth/sessionStore';
import { RENEWED_ELSEWHERE, TokenManager } from '../../../src/auth/tokenManager';
import type { Timers } from '../../../src/core/clock';
import { AuthError } from '../../../src/core/errors';
import type { ServiceDefinition } from '../../../src/model/service';
import type { TokenSet } from '../../../src/model/tokens';
import { RecordingLogger } from '../../support/log';
import { FakeMemento } from '../../support/memento';
import { FakeKeyring, type KeyringWindowHooks } from '../../support/secrets';
import { InstantTimers } from '../../support/time';

/** A service's sandbox as the contract drives it; each service's test file writes one. */
export interface TokenManagerSandbox {
  /** The session SignDesk stores after signing in through the sandbox's pages and the code grant. */
  signIn(): Promise<StoredSession>;
  /** The refresh grant as the service's runtime sends it (with the app's credentials). */
  refresh(refreshToken: string): Promise<TokenSet>;
  /** The signed-in account's email, through the provider's own API call. */
  whoAmI(accessToken: string): Promise<string>;
  /** The seeded user signIn() signs in. */
  readonly email: string;
  /** The API call whoAmI makes, as the sandbox counts it (`GET /v3/account`) and as a fault names it. */
  readonly accountCall: { method: 'GET'; path: string };
  /** The token endpoint's path (a fault delays it). */
  readonly tokenPath: string;
  readonly admin: {
    counters(): { http: Record<string, number>; token: Record<string, number>; tokenIssued: Record<string, number> };
    resetCounters(): void;
    expireAccessTokens(selection: { all: true }): number;
    injectFault(fault: { path: string; method: string; kind: 'unauthorized' | 'delay'; count: number; delayMs?: number }): void;
  };
}

export interface WindowOptions {
  /** Default: the shared keyring (a web workbench tab has a copy of its own). */
  keyring?: FakeKeyring;
  hooks?: KeyringWindowHooks;
  refresh?: (refreshToken: string) => Promise<TokenSet>;
  /** Default: real timers (the sandbox answers in real time). */
  timers?: Timers;
}

/** What the contract's tests use, for a service's own tests beside them. */
export interface TokenManagerHarness {
  sandbox(): TokenManagerSandbox;
  /** One VS Code window: its own SessionStore over the shared keyring, its own TokenManager; globalState is shared. */
  openWindow(options?: WindowOptions): { store: SessionStore; tokens: TokenManager; keyring: FakeKeyring };
  whoAmI(tokens: TokenManager): Promise<string>;
  /** The session signed in before each test (stored in the shared keyring). */
  initial(): StoredSession;
  /** What the shared keyring holds for the account now. */
  storedNow(): StoredSession | undefined;
  refreshesSent(): number;
  log(): RecordingLogger;
}

export interface TokenManagerContractTarget {
  readonly title: string;
  readonly definition: ServiceDefinition;
  /** The service list the session store knows (it must include the definition). */
  readonly services: readonly ServiceDefinition[];
  readonly timeoutMs: number;
  /** How often each two-window race is run. */
  readonly raceRuns: number;
  /** Installs mocha hooks that start the sandbox once and reset it before each test. */
  useSandbox(): () => TokenManagerSandbox;
  /** The sandbox's readings of a spent refresh token's error: the rotation tests run under each. */
  readonly spentTokenReadings?: ReadonlyArray<{ title: string; configure(sandbox: TokenManagerSandbox): void }>;
  /** The service's own tests, beside the contract's. */
  extraTests?(harness: TokenManagerHarness): void;
}

export function tokenManagerContract(target: TokenManagerContractTarget): void {
  describe(target.title, function () {
    this.timeout(target.timeoutMs);
    const sandbox = target.useSandbox();
    let keyring: FakeKeyring;
    let log: RecordingLogger;
    let memento: FakeMemento;
    let key: AccountKey;
    let initial: StoredSession;
    const opened: Disposable[] = [];

    const refreshAtSandbox = (refreshToken: string) => sandbox().refresh(refreshToken);

    function openWindow(options: WindowOptions = {}): { store: SessionStore; tokens: TokenManager; keyring: FakeKeyring } {
      const windowKeyring = options.keyring ?? keyring;
      const store = new SessionStore({ services: target.services, secrets: windowKeyring.window(options.hooks), log });
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

    const refreshesSent = () => sandbox().admin.counters().token.refresh_token ?? 0;
    const refreshesIssued = () => sandbox().admin.counters().tokenIssued.refresh_token ?? 0;
    const accountCalls = () => sandbox().admin.counters().http[`${sandbox().accountCall.method} ${sandbox().accountCall.path}`];
    const whoAmI = (tokens: TokenManager) => tokens.withToken(key, (t) => sandbox().whoAmI(t));
    const storedNow = (): StoredSession | undefined => {
      const raw = keyring.values.get(sessionSecretKey(key));
      return raw === undefined ? undefined : parseStoredSession(raw, key);
    };
    const email = () => sandbox().email;
    const nobodyGaveUp = () => log.lines.every((line) => !line.includes('the user must sign in again'));

    beforeEach(async () => {
      keyring = new FakeKeyring();
      memento = new FakeMemento();
      log = new RecordingLogger();
      initial = await sandbox().signIn();
      key = { service: target.definition.id, accountId: initial.accountId };
      await new SessionStore({ services: target.services, secrets: keyring.window(), log }).save(initial);
      sandbox().admin.resetCounters();
    });

    afterEach(() => {
      for (const item of opened.splice(0)) item.dispose();
    });

    target.extraTests?.({ sandbox, openWindow, whoAmI, initial: () => initial, storedNow, refreshesSent, log: () => log });

    it('100 concurrent calls with an access token the service expired → exactly 1 refresh request, all succeed', async () => {
      const { tokens } = openWindow();
      assert.equal(sandbox().admin.expireAccessTokens({ all: true }), 1);
      const emails = await Promise.all(Array.from({ length: 100 }, () => whoAmI(tokens)));
      assert.deepEqual(new Set(emails), new Set([email()]));
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
      assert.equal(accountCalls(), 100, 'no call was wasted on the dead token');
    });

    it('401 → refresh → retry once; a second 401 surfaces as AuthError', async () => {
      const { tokens } = openWindow();
      sandbox().admin.injectFault({ ...sandbox().accountCall, kind: 'unauthorized', count: 2 });
      await assert.rejects(whoAmI(tokens), (error: unknown) => error instanceof AuthError && error.status === 401);
      assert.equal(refreshesSent(), 1);
      assert.equal(accountCalls(), 2);
    });

    /** A spent refresh token: another window's, or one used outside SignDesk; and two windows racing. */
    function spentRefreshTokenTests(): void {
      it('refused because another window rotated it first → re-reads storage and keeps going', async () => {
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
            return refreshAtSandbox(refreshToken);
          },
        });
        opened.push(racing);
        assert.equal(await whoAmI(racing), email());
        assert.equal(refreshesSent(), 2, 'the other window’s refresh and this window’s refused one');
        assert.equal(refreshesIssued(), 1);
        assert.equal((await mine.store.get(key, { fresh: true }))!.status, 'active');
        assert.equal(storedNow()!.status, 'active');
      });

      it('refused with nothing newer in storage → the session is marked expired and the error says sign in again (invalid_grant)', async () => {
        const { store, tokens } = openWindow({ timers: new InstantTimers() });
        // Someone outside SignDesk used the refresh token (rotation retires it): it is dead for us.
        await refreshAtSandbox(initial.refreshToken);
        sandbox().admin.expireAccessTokens({ all: true });
        await assert.rejects(whoAmI(tokens), (error: unknown) => error instanceof AuthError && error.errorName === 'invalid_grant');
        assert.equal((await store.get(key, { fresh: true }))!.status, 'expired');
        assert.equal(storedNow()!.status, 'expired');
      });

      describe('two windows refresh at once (rotating refresh tokens: the second request is refused)', () => {
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
          const issuedBefore = refreshesIssued();
          const sentBefore = refreshesSent();

          const emails = await Promise.all([whoAmI(one.tokens), whoAmI(two.tokens)]);

          const what = `window ${winnerIs} won, save after ${readsBeforeSave} read(s)`;
          assert.deepEqual(emails, [email(), email()], what);
          assert.equal(refreshesSent() - sentBefore, 2, `${what}: both windows sent a refresh request`);
          assert.equal(refreshesIssued() - issuedBefore, 1, `${what}: one was refused`);
          assert.equal(storedNow()?.status, 'active', what);
          assert.ok(nobodyGaveUp(), `${what}: nobody gave up`);
        }

        for (const winnerIs of [1, 2] as const) {
          it(`window ${winnerIs}'s request arrives first, the other is refused; ${target.raceRuns} runs → both stay signed in and keep working`, async () => {
            for (let run = 0; run < target.raceRuns; run++) {
              await race(winnerIs, run % 5); // the save lands during the wait, at each of its re-reads in turn
              // The stored refresh token is the live one: the next run starts from it (and would fail otherwise).
            }
            assert.equal(storedNow()?.status, 'active');
          });
        }

        for (const startsFirst of [1, 2] as const) {
          it(`both requests in flight together (token endpoint delayed), window ${startsFirst} asks first; ${target.raceRuns} runs → both stay signed in`, async () => {
            // A keyring write takes a while (D-Bus, the OS keychain): the refused window re-reads before the save lands.
            const slowKeyring: KeyringWindowHooks = { beforeStore: () => new Promise((resolve) => setTimeout(resolve, 10)) };
            for (let run = 0; run < target.raceRuns; run++) {
              const windows = [openWindow({ hooks: slowKeyring }), openWindow({ hooks: slowKeyring })];
              sandbox().admin.expireAccessTokens({ all: true });
              sandbox().admin.injectFault({ path: sandbox().tokenPath, method: 'POST', kind: 'delay', delayMs: 20, count: 2 });
              const [first, second] = startsFirst === 1 ? windows : [windows[1], windows[0]];
              const calls = [whoAmI(first.tokens), whoAmI(second.tokens)];
              assert.deepEqual(await Promise.all(calls), [email(), email()], `run ${run}`);
              assert.equal(storedNow()?.status, 'active', `run ${run}`);
            }
            assert.ok(nobodyGaveUp());
          });
        }
      });
    }

    if (target.spentTokenReadings) {
      for (const reading of target.spentTokenReadings) {
        describe(reading.title, () => {
          beforeEach(() => reading.configure(sandbox()));
          spentRefreshTokenTests();
        });
      }
    } else {
      spentRefreshTokenTests();
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
      assert.equal(await winnerCall, email());
      assert.equal(loserKeyring.writes, 0, 'nothing written over the winner’s tokens');

      // Reloading the refused tab: it reads what the browser's storage holds, the winner's write.
      const reloadedKeyring = new FakeKeyring();
      for (const [k, v] of winner.keyring.values) reloadedKeyring.values.set(k, v);
      assert.equal(await whoAmI(openWindow({ keyring: reloadedKeyring }).tokens), email());
    });

    it('never logs a token', async () => {
      const { tokens } = openWindow();
      sandbox().admin.expireAccessTokens({ all: true });
      await whoAmI(tokens);
      const stored = storedNow()!;
      assert.deepEqual(await openWindow().store.get(key), stored, 'what a new window reads is what the keyring holds');
      for (const secret of [initial.accessToken, initial.refreshToken, stored.accessToken, stored.refreshToken]) {
        assert.ok(!log.text().includes(secret));
      }
    });
  });
}
