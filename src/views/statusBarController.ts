// Keeps the login indicator in step with the current session, sign-in progress, secret-storage health
// and the last rate-limit headers. The mapping itself is statusBarState.ts (pure).
import * as vscode from 'vscode';
import type { ActiveSession } from '../auth/sessionSelection';
import { SecretStorageUnavailableError, StoredSession } from '../auth/session';
import type { Clock } from '../core/clock';
import type { RateLimitInfo } from '../core/http';
import type { Logger } from '../core/log';
import type { LoginStatusBar } from './statusBar';
import { loginIndicatorState } from './statusBarState';

const TOOLTIP_REFRESH_MS = 60_000;

export class StatusBarController implements vscode.Disposable {
  private signingIn = false;
  private storageProblem?: string;
  private rateLimit?: RateLimitInfo;
  private session?: StoredSession;
  private readonly disposables: vscode.Disposable[] = [];
  private rendering: Promise<void> = Promise.resolve();

  constructor(
    private readonly bar: LoginStatusBar,
    private readonly active: ActiveSession,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.disposables.push(active.onDidChange(() => void this.update()) as vscode.Disposable);
    // The tooltip says "valid until … (in N min)": keep N honest.
    const timer = setInterval(() => this.render(), TOOLTIP_REFRESH_MS);
    this.disposables.push({ dispose: () => clearInterval(timer) });
    void this.update();
  }

  /** The sign-in flow reports its progress here (signing in → click cancels). */
  setSignInInProgress(inProgress: boolean): void {
    this.signingIn = inProgress;
    this.render();
  }

  /** Fed by the HTTP layer with every response's rate-limit headers. */
  noteRateLimit(info: RateLimitInfo | undefined): void {
    if (info && info.remaining !== undefined) {
      this.rateLimit = info;
      this.render();
    }
  }

  /** Re-reads the current session and renders. Resolves when the indicator shows it (tests await this). */
  update(): Promise<void> {
    this.rendering = this.rendering.then(async () => {
      try {
        this.session = await this.active.current();
        this.storageProblem = undefined;
      } catch (error) {
        if (!(error instanceof SecretStorageUnavailableError)) {
          this.log.error('Could not read the current session for the status bar', error);
          return;
        }
        this.storageProblem = 'VS Code cannot use the OS keyring, so SignDesk cannot keep you signed in. See the log.';
      }
      this.render();
    });
    return this.rendering;
  }

  private render(): void {
    this.bar.render(
      loginIndicatorState({
        session: this.session,
        signingIn: this.signingIn,
        storageProblem: this.storageProblem,
        rateLimit: this.rateLimit,
        now: this.clock.now(),
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
