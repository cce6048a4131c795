// Several VS Code windows over one keyring (or, for web workbench tabs, one keyring each) and one globalState,
// each with its own SessionStore and TokenManager, signed in to a FakeTokenService. For the token manager's
// unit tests and the bad-input suite.
import type { Timers } from '../../src/core/clock';
import { RotationLedger } from '../../src/auth/rotationLedger';
import type { AccountKey, StoredSession } from '../../src/auth/session';
import { parseStoredSession, sessionSecretKey, SessionStore } from '../../src/auth/sessionStore';
import { TokenManager, TokenRefresher } from '../../src/auth/tokenManager';
import { RecordingLogger } from './log';
import { FakeKeyring, KeyringWindowHooks } from './secrets';
import { makeSession } from './sessions';
import { FakeMemento } from './memento';
import { InstantTimers } from './time';
import { FakeTokenService } from './tokenService';
import { SERVICES } from '../../src/providers';

export interface WindowOptions {
  /** Default: the shared one. A web workbench tab has its own copy (see `tabKeyring`). */
  keyring?: FakeKeyring;
  hooks?: KeyringWindowHooks;
  /** Default: InstantTimers (waits cost no time). */
  timers?: Timers;
  /** Default: the FakeTokenService. */
  refresh?: TokenRefresher;
  /** Default true: windows share the rotation ledger through the FakeMemento. */
  ledger?: boolean;
}

export interface TestWindow {
  keyring: FakeKeyring;
  store: SessionStore;
  tokens: TokenManager;
  /** An API call through this window's token manager. */
  call(): Promise<string>;
}

export class TokenWindows {
  now = 1_700_000_000_000;
  readonly clock = { now: (): number => this.now };
  readonly keyring = new FakeKeyring();
  readonly memento = new FakeMemento();
  readonly log = new RecordingLogger();
  service!: FakeTokenService;
  session!: StoredSession;
  key!: AccountKey;
  private readonly opened: { dispose(): unknown }[] = [];

  /** Signs in (stores a session) with an access token that has expired, unless overridden. */
  async signIn(overrides: Partial<StoredSession> = {}): Promise<StoredSession> {
    this.session = makeSession({ expiresAt: this.now - 1, ...overrides });
    this.key = { service: this.session.service, accountId: this.session.accountId };
    this.service = new FakeTokenService(this.clock, this.session);
    const store = new SessionStore({ services: SERVICES, secrets: this.keyring.window(), log: this.log });
    await store.save(this.session);
    store.dispose();
    return this.session;
  }

  open(options: WindowOptions = {}): TestWindow {
    const keyring = options.keyring ?? this.keyring;
    const store = new SessionStore({ services: SERVICES, secrets: keyring.window(options.hooks), log: this.log });
    const tokens = new TokenManager({
      store,
      refresh: options.refresh ?? this.service.refresh,
      clock: this.clock,
      log: this.log,
      refreshMarginMs: 60_000,
      timers: options.timers ?? new InstantTimers(),
      rotations: options.ledger === false ? undefined : new RotationLedger(this.memento, this.log),
    });
    this.opened.push(store, tokens);
    return { keyring, store, tokens, call: () => tokens.withToken(this.key, this.service.call) };
  }

  /**
   * A web workbench tab: its own copy of the secrets as they are now (it reads them once, when it loads);
   * `from` is what the browser's storage holds (default: the shared keyring).
   */
  tabKeyring(from: FakeKeyring = this.keyring): FakeKeyring {
    const copy = new FakeKeyring();
    for (const [key, value] of from.values) copy.values.set(key, value);
    return copy;
  }

  /** The session as `keyring` holds it right now. */
  stored(keyring: FakeKeyring = this.keyring): StoredSession | undefined {
    const raw = keyring.values.get(sessionSecretKey(this.key));
    return raw === undefined ? undefined : parseStoredSession(raw, this.key);
  }

  /** Another window stores `session` (its SessionStore's write). */
  async storeFromElsewhere(session: StoredSession, keyring: FakeKeyring = this.keyring): Promise<void> {
    const store = new SessionStore({ services: SERVICES, secrets: keyring.window(), log: this.log });
    await store.save(session);
    store.dispose();
  }

  dispose(): void {
    for (const item of this.opened.splice(0)) item.dispose();
  }
}
