// Holds the signNow sandbox's state and switches; persists the state to a JSON file when asked to.
import { SandboxClock } from '../kit/clock';
import { JsonFile } from '../kit/store';
import { SnConfig, SnConfigPatch, SnDocument, SnState, SnUser } from './model';
import { seedState } from './seed';

export const SN_DEFAULT_CONFIG: SnConfig = {
  expiresIn: 30 * 86400,
  codeTtlSeconds: 300,
  codeGrantExpiresInEpoch: true,
  rotateRefreshTokens: true,
  spentRefreshTokenError: 'invalid_grant',
  clientCredentialsInBody: true,
  redirectUriRule: 'exact',
  echoState: true,
  invalidTokenStatus: 401,
  fieldInviteCancel: 'status',
  resendMinIntervalSeconds: 0,
  downloadLinkTtlSeconds: 1800,
  documentsPerPageMax: 100,
  faultDelayMs: 30_000,
  rateLimit: { enabled: false, limit: 600, windowMs: 60_000 },
};

export function mergeSnConfig(base: SnConfig, patch: SnConfigPatch): SnConfig {
  return { ...base, ...patch, rateLimit: { ...base.rateLimit, ...(patch.rateLimit ?? {}) } };
}

export class SnStore {
  state: SnState;
  config: SnConfig;
  private readonly file: JsonFile<SnState>;

  constructor(
    readonly clock: SandboxClock,
    private readonly demoRedirectUri: string,
    dataFile: string | undefined,
    config: SnConfigPatch = {},
  ) {
    this.config = mergeSnConfig(SN_DEFAULT_CONFIG, config);
    this.file = new JsonFile<SnState>(dataFile);
    this.state = this.file.load((v) => (v as SnState | null)?.version === 1 && (v as SnState).service === 'signNow') ?? seedState(clock.nowSeconds(), demoRedirectUri);
    // The demo app's redirect URI follows this run's address/flag, not the one an earlier run persisted.
    const demo = this.state.apps[0];
    if (demo) demo.redirectUris = [demoRedirectUri];
    this.save();
  }

  reset(config: SnConfigPatch = {}): void {
    this.state = seedState(this.clock.nowSeconds(), this.demoRedirectUri);
    this.config = mergeSnConfig(SN_DEFAULT_CONFIG, config);
    this.save();
  }

  save(): void {
    this.file.save(this.state);
  }

  now(): number {
    return this.clock.nowSeconds();
  }

  user(id: string): SnUser | undefined {
    return this.state.users.find((u) => u.id === id);
  }

  userByEmail(email: string | undefined): SnUser | undefined {
    const e = email?.trim().toLowerCase();
    return e ? this.state.users.find((u) => u.email.toLowerCase() === e) : undefined;
  }

  document(id: string): SnDocument | undefined {
    return this.state.documents.find((d) => d.id === id);
  }

  /** Drops long-dead codes, tokens, links and sessions so a long-running sandbox does not grow forever. */
  prune(): void {
    const now = this.now();
    const s = this.state;
    s.codes = s.codes.filter((c) => c.expiresAt > now - 3600);
    s.accessTokens = s.accessTokens.filter((t) => t.expiresAt > now - 86400);
    s.downloadLinks = s.downloadLinks.filter((l) => l.expiresAt > now - 3600);
  }
}
