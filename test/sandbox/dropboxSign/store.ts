// Holds the sandbox state and config; persists the state to a JSON file when asked to.
import { SandboxClock } from '../kit/clock';
import { JsonFile } from '../kit/store';
import { Account, ApiApp, SandboxConfig, SandboxConfigPatch, SignatureRequest, State } from './model';
import { seedState } from './seed';

export const DEFAULT_CONFIG: SandboxConfig = {
  expiresIn: 3600,
  rotateRefreshTokens: true,
  codeTtlSeconds: 600,
  filesPrepMs: 3000,
  denyWithError: false,
  faultDelayMs: 30_000,
  sendWarnings: [],
  rateLimits: { enabled: true, standard: 100, heavy: 25, testMode: 10, windowMs: 60_000 },
};

export class Store {
  state: State;
  config: SandboxConfig;
  private readonly file: JsonFile<State>;

  constructor(
    readonly clock: SandboxClock,
    private readonly demoCallbackUrl: string,
    dataFile: string | undefined,
    config: SandboxConfigPatch = {},
    initialState?: State,
  ) {
    this.config = mergeConfig(DEFAULT_CONFIG, config);
    this.file = new JsonFile<State>(dataFile);
    this.state = this.load() ?? initialState ?? seedState(clock.nowSeconds(), demoCallbackUrl);
    // The demo app's callback follows this run's address/flag, not the one persisted by an earlier run.
    const demo = this.state.apps[0];
    if (demo) demo.callbackUrl = demoCallbackUrl;
    this.save();
  }

  reset(config: SandboxConfigPatch = {}): void {
    this.state = seedState(this.clock.nowSeconds(), this.demoCallbackUrl);
    this.config = mergeConfig(DEFAULT_CONFIG, config);
    this.save();
  }

  /** Writes the state if a data file was given. */
  save(): void {
    this.file.save(this.state);
  }

  private load(): State | undefined {
    return this.file.load((v) => (v as State | null)?.version === 1 && Array.isArray((v as State).accounts));
  }

  app(clientId: string | undefined | null): ApiApp | undefined {
    return clientId ? this.state.apps.find((a) => a.clientId === clientId) : undefined;
  }

  account(accountId: string | undefined): Account | undefined {
    return this.state.accounts.find((a) => a.accountId === accountId);
  }

  accountByEmail(email: string | undefined): Account | undefined {
    const e = email?.trim().toLowerCase();
    return e ? this.state.accounts.find((a) => a.email.toLowerCase() === e) : undefined;
  }

  request(id: string): SignatureRequest | undefined {
    return this.state.requests.find((r) => r.id === id);
  }

  /** Drops expired codes, tokens and file links so a long-running sandbox does not grow forever. */
  prune(): void {
    const now = this.clock.nowSeconds();
    const s = this.state;
    s.codes = s.codes.filter((c) => c.expiresAt > now - 3600);
    s.accessTokens = s.accessTokens.filter((t) => t.expiresAt > now - 86400);
    s.fileLinks = s.fileLinks.filter((l) => l.expiresAt > now);
  }
}

export function mergeConfig(base: SandboxConfig, patch: SandboxConfigPatch): SandboxConfig {
  return { ...base, ...patch, rateLimits: { ...base.rateLimits, ...(patch.rateLimits ?? {}) } };
}
