// Keeps the login indicator in step with the current session, sign-in progress, whether the app is
// configured, secret-storage health and the last rate-limit headers; also sets the context keys that
// show or hide commands and buttons. The mapping itself is state.ts (pure).
import type * as vscode from 'vscode';
import type { ActiveSession } from '../../auth/sessionSelection';
import { SecretStorageUnavailableError, type Event, type StoredSession } from '../../auth/session';
import type { Clock } from '../../core/clock';
import type { RateLimitInfo } from '../../core/http';
import type { Logger } from '../../core/log';
import { loginContextKeys, loginIndicatorState, type LoginIndicatorState } from './state';

const TOOLTIP_REFRESH_MS = 60_000;

export interface StatusBarControllerDeps {
  /** The service this segment reports on (its definition's label, in the tooltip and reasons). */
  serviceLabel: string;
  bar: { render(state: LoginIndicatorState): void };
  active: Pick<ActiveSession, 'current' | 'onDidChange'>;
  clock: Clock;
  log: Logger;
  /** Client ID and client secret present (AppCredentials.isConfigured); asked only while nobody is signed in. */
  isConfigured?(): Promise<boolean>;
  /** Fires when the client ID setting or the stored client secret changed. */
  onDidChangeAppSetup?: Event<unknown>;
  /** vscode's setContext, for the keys of loginContextKeys(). */
  setContext?(key: string, value: boolean): unknown;
}

export class StatusBarController implements vscode.Disposable {
  private signInRunning = false;
  private appIsConfigured?: boolean;
  private keyringProblem?: string;
  private lastRateLimit?: RateLimitInfo;
  private readSession?: StoredSession;
  private sessionRead = false;
  private readonly sentContextValues = new Map<string, boolean>();
  private readonly toDispose: Array<{ dispose(): unknown }> = [];
  private rendering: Promise<void> = Promise.resolve();
  private tooltipTimer?: ReturnType<typeof setInterval>;

  constructor(private readonly deps: StatusBarControllerDeps) {
    for (const changed of [deps.active.onDidChange, deps.onDidChangeAppSetup]) {
      if (changed) this.toDispose.push(changed(() => void this.update()));
    }
    void this.update();
  }

  /**
   * The sign-in flow reports its progress here (signing in → click cancels). When an attempt ends, the
   * session it may have saved is read before "signing in…" goes away, so the indicator goes straight to
   * the email and never shows "signed out" in between.
   */
  setSignInInProgress(inProgress: boolean): Promise<void> {
    if (inProgress) {
      this.signInRunning = true;
      this.renderIndicator();
      return this.rendering;
    }
    return this.update(() => {
      this.signInRunning = false;
    });
  }

  /** Fed by the HTTP layer with every response's rate-limit headers. */
  noteRateLimit(info: RateLimitInfo | undefined): void {
    if (info && info.remaining !== undefined) {
      this.lastRateLimit = info;
      this.renderIndicator();
    }
  }

  /** Re-reads the current session (and, signed out, whether the app is configured) and renders. Resolves when shown. */
  update(beforeRender?: () => void): Promise<void> {
    this.rendering = this.rendering.then(async () => {
      try {
        this.readSession = await this.deps.active.current();
        this.keyringProblem = undefined;
        // Signed in, the client secret does not matter to the indicator: no read.
        if (!this.readSession && this.deps.isConfigured) {
          this.appIsConfigured = await this.deps.isConfigured();
        }
      } catch (error) {
        if (!(error instanceof SecretStorageUnavailableError)) {
          this.deps.log.error('Could not read the current session for the status bar', error);
          beforeRender?.();
          if (this.sessionRead) this.renderIndicator();
          return;
        }
        this.keyringProblem = 'VS Code cannot use the OS keyring, so SignDesk cannot keep you signed in. See the log.';
      }
      beforeRender?.();
      this.sessionRead = true;
      this.renderIndicator();
    });
    return this.rendering;
  }

  private renderIndicator(): void {
    if (!this.sessionRead && !this.signInRunning) {
      return; // nothing read yet: the item stays hidden rather than guess
    }
    const state = loginIndicatorState({
      serviceLabel: this.deps.serviceLabel,
      session: this.readSession,
      signingIn: this.signInRunning,
      configured: this.appIsConfigured,
      storageProblem: this.keyringProblem,
      rateLimit: this.lastRateLimit,
      now: this.deps.clock.now(),
    });
    this.deps.bar.render(state);
    // The tooltip says "valid until … (in N min)": keep N honest while it is shown.
    this.keepTooltipFresh(state.kind === 'signedIn');
    if (this.sessionRead) {
      for (const [key, value] of Object.entries(loginContextKeys({ session: this.readSession, configured: this.appIsConfigured }))) {
        if (this.sentContextValues.get(key) !== value) {
          this.sentContextValues.set(key, value);
          void this.deps.setContext?.(key, value);
        }
      }
    }
  }

  private keepTooltipFresh(on: boolean): void {
    if (on && this.tooltipTimer === undefined) {
      this.tooltipTimer = setInterval(() => this.renderIndicator(), TOOLTIP_REFRESH_MS);
    } else if (!on && this.tooltipTimer !== undefined) {
      clearInterval(this.tooltipTimer);
      this.tooltipTimer = undefined;
    }
  }

  dispose(): void {
    this.keepTooltipFresh(false);
    for (const d of this.toDispose) d.dispose();
  }
}
