// One sign-in attempt of the authorization code flow, VS Code-free (the command adapts vscode.env and
// the progress notification to it): nonce → redirect plan → pending attempt → open the consent page →
// wait for the callback (cancel, timeout) → exchange the code → read the account → save the session.
import { systemTimers, type Clock, type Timers } from '../core/clock';
import { createPkcePair, type PkcePair } from '../core/pkce';
import { InvalidInputError, SettingsError } from '../core/errors';
import type { Logger, SecretRegistry } from '../core/log';
import type { Account } from '../model/account';
import type { OAuthTokenClient } from '../model/tokens';
import type { CallbackParams } from './callbackParams';
import type { LoopbackReceiver } from './loopbackReceiver';
import { startLoopbackReceiver } from './loopbackReceiver';
import { createNonce } from './nonce';
import { ignored, type DeliveryResult, type PendingSignIns } from './pendingSignIns';
import type { RedirectConfig, RedirectMode, RedirectPlan } from './redirectStrategy';
import { planRedirect, relayUrlProblem, resolveRedirectMode } from './redirectStrategy';
import { Emitter } from '../core/events';
import { newSession, registerTokens, type Disposable, type Event, type ServiceId, type SessionStoreApi, type StoredSession } from './session';
import { configuredClientId, SignInCancelledError } from './signInErrors';

export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;
/**
 * After this long without a callback, the user probably looks at the service's own error page (e.g. a
 * redirect_uri it does not know) rather than at a consent page: time to say what might be wrong.
 */
export const STILL_WAITING_MS = 20_000;

/** What the flow needs from the editor; the command passes vscode.env's functions. */
export interface SignInEnvironment {
  /** `<uriScheme>://signdesk.signdesk/callback`. */
  readonly callbackUri: string;
  asExternalUri(uri: string): Promise<string>;
  /** Resolves false when the editor did not open it (e.g. the user dismissed the dialog). */
  openExternal(url: string): Promise<boolean>;
}

export type { Timers };

export interface SignInFlowDeps {
  service: ServiceId;
  serviceLabel: string;
  env: SignInEnvironment;
  pending: PendingSignIns;
  oauth: Pick<OAuthTokenClient, 'authorizeUrl' | 'exchangeCode'>;
  /** The service's OAuth traits that shape the attempt (default: a confidential client without PKCE). */
  traits?: { clientSecret: 'required' | 'none'; pkce: boolean; stateMaxBytes?: number };
  newPkcePair?: () => PkcePair;
  getAccount(accessToken: string, signal?: AbortSignal): Promise<Account>;
  sessions: Pick<SessionStoreApi, 'save'>;
  secrets: SecretRegistry;
  log: Logger;
  clock: Clock;
  timers?: Timers;
  newNonce?: () => string;
  startLoopback?: typeof startLoopbackReceiver;
  timeoutMs?: number;
  /** How long to wait for the callback before `onStillWaiting` (default STILL_WAITING_MS). */
  stillWaitingMs?: number;
}

export type SignInStep = 'openingBrowser' | 'waitingForBrowser' | 'exchangingCode' | 'readingAccount' | 'saving';

export interface SignInRequest {
  clientId: string | undefined;
  clientSecret: string | undefined;
  redirect: RedirectConfig;
  /** Aborting cancels the attempt (the progress notification's Cancel). */
  signal?: AbortSignal;
  onStep?(step: SignInStep, mode: RedirectMode): void;
  /** No callback yet after `stillWaitingMs` (only when a redirect_uri was sent: not in manual mode). */
  onStillWaiting?(hint: StillWaitingHint): void;
}

/** The redirect mode and the authorize request's redirect_uri: the callback URL the app must have registered. */
export type StillWaitingHint = Pick<RedirectPlan, 'mode' | 'redirectUri'>;

export interface SignInState {
  signingIn: boolean;
  /** Manual mode: the attempt waits for the user to paste the address the browser ended on (Complete Authorization…). */
  waitingForPaste: boolean;
}

export class SignInFlow implements Disposable {
  private currentAttempt: { nonce: string; state?: string; waitingForPaste: boolean } | undefined;
  private readonly stateChanges = new Emitter<SignInState>();
  private readonly flowTimers: Timers;
  private readonly attemptTimeoutMs: number;

  constructor(private readonly flowDeps: SignInFlowDeps) {
    this.flowTimers = flowDeps.timers ?? systemTimers;
    this.attemptTimeoutMs = flowDeps.timeoutMs ?? SIGN_IN_TIMEOUT_MS;
  }

  /** Fires when an attempt starts or ends (the status bar's "signing in" state). */
  readonly onDidChangeState: Event<SignInState> = this.stateChanges.event;

  get signingIn(): boolean {
    return this.currentAttempt !== undefined;
  }

  get waitingForPaste(): boolean {
    return this.currentAttempt?.waitingForPaste ?? false;
  }

  /**
   * Hands a callback (URI handler, loopback, paste) to the attempt waiting for it, of whichever service:
   * the pending set is shared by every service's flow.
   */
  deliver(params: CallbackParams): DeliveryResult {
    return deliverSignInCallback(this.flowDeps, params);
  }

  /**
   * Manual mode without a redirect_uri (Dropbox): the service shows a bare code and the user pastes just
   * that. It belongs to the attempt waiting for a paste, so it travels with that attempt's own state.
   */
  deliverPastedCode(code: string): DeliveryResult {
    const attempt = this.currentAttempt;
    if (!attempt?.waitingForPaste || attempt.state === undefined) {
      return ignored('unknown');
    }
    return this.deliver({ code: code.trim(), state: attempt.state });
  }

  /** Cancels the attempt in progress; false when there was none. */
  cancel(): boolean {
    if (!this.currentAttempt) {
      return false;
    }
    this.flowDeps.pending.cancel(this.currentAttempt.nonce, new SignInCancelledError());
    return true;
  }

  async start(request: SignInRequest): Promise<StoredSession> {
    const secretRequired = (this.flowDeps.traits?.clientSecret ?? 'required') === 'required';
    const mode = resolveRedirectMode(request.redirect);
    const clientId = configuredClientId(request, secretRequired, this.flowDeps.serviceLabel, mode === 'relay' && !request.redirect.relayUrl?.trim());
    // A public client (PKCE) sends no secret even if one happens to be stored.
    const clientSecret = secretRequired ? request.clientSecret : undefined;
    if (mode === 'relay') {
      const problem = relayUrlProblem(request.redirect.relayUrl as string);
      if (problem) {
        throw new SettingsError(`The relay URL in "signdesk.oauth.relayUrl" cannot be used: ${problem}.`);
      }
    }
    const deps = this.flowDeps;
    if (clientSecret) deps.secrets.add(clientSecret);
    if (this.currentAttempt) {
      deps.pending.cancel(this.currentAttempt.nonce, new SignInCancelledError('A newer sign-in replaced this one.'));
    }
    const nonce = (deps.newNonce ?? createNonce)();
    const attempt: { nonce: string; state?: string; waitingForPaste: boolean } = { nonce, waitingForPaste: false };
    this.currentAttempt = attempt;
    this.fireState();

    let receiver: LoopbackReceiver | undefined;
    let timer: unknown;
    let stillWaitingTimer: unknown;
    const onAbort = () => deps.pending.cancel(nonce, new SignInCancelledError());
    try {
      if (mode === 'loopback') {
        receiver = await this.startReceiver(request.redirect.loopbackPort);
      }
      const extensionCallback = mode === 'relay' || mode === 'direct' ? await deps.env.asExternalUri(deps.env.callbackUri) : '';
      const plan = planRedirect(mode, {
        nonce,
        extensionCallback,
        relayUrl: request.redirect.relayUrl,
        loopbackRedirectUri: receiver?.redirectUri,
        stateMaxBytes: deps.traits?.stateMaxBytes,
      });
      attempt.state = plan.state;
      // PKCE: a fresh verifier per attempt, kept in memory only; the authorize request carries its hash.
      const pkce = deps.traits?.pkce ? (deps.newPkcePair ?? createPkcePair)() : undefined;
      if (pkce) deps.secrets.add(pkce.verifier);
      const pending = deps.pending.begin(nonce, plan.state, this.attemptTimeoutMs, deps.serviceLabel);
      timer = this.flowTimers.setTimeout(() => deps.pending.expire(nonce), this.attemptTimeoutMs);
      if (request.signal?.aborted) {
        onAbort();
      }
      request.signal?.addEventListener('abort', onAbort, { once: true });
      // Observed before the browser leg, so an early rejection (cancel) is never unhandled.
      pending.grant.catch(() => undefined);

      request.onStep?.('openingBrowser', mode);
      deps.log.info(`Sign-in: opening ${deps.serviceLabel}'s consent page in the browser (redirect mode: ${mode}).`);
      const url = deps.oauth.authorizeUrl({ clientId, state: plan.state, redirectUri: plan.redirectUri, codeChallenge: pkce?.challenge });
      const opened = await deps.env.openExternal(url);
      if (!opened) {
        deps.log.warn('Sign-in: the browser was not opened (the dialog was dismissed?); still waiting for a callback.');
      }
      request.onStep?.('waitingForBrowser', mode);
      if (plan.redirectUri) {
        // Only a redirect_uri the app has not registered makes the service show its own page (manual sends none).
        stillWaitingTimer = this.flowTimers.setTimeout(() => {
          deps.log.info(`Sign-in: no callback yet; the app must have ${plan.redirectUri} registered.`);
          request.onStillWaiting?.(plan);
        }, deps.stillWaitingMs ?? STILL_WAITING_MS);
      }
      if (plan.arrivesVia === 'paste') {
        attempt.waitingForPaste = true;
        this.fireState();
      }
      let grant;
      try {
        grant = await pending.grant;
      } finally {
        if (attempt.waitingForPaste) {
          attempt.waitingForPaste = false;
          this.fireState();
        }
      }
      this.flowTimers.clearTimeout(stillWaitingTimer);
      deps.secrets.add(grant.code);

      request.onStep?.('exchangingCode', mode);
      const tokens = await deps.oauth.exchangeCode(
        // PKCE services check the verifier and that redirect_uri is the one authorize had (none in manual mode).
        { clientId, clientSecret, code: grant.code, state: grant.state, ...(pkce ? { codeVerifier: pkce.verifier, redirectUri: plan.redirectUri } : {}) },
        request.signal,
      );
      registerTokens(deps.secrets, tokens);

      request.onStep?.('readingAccount', mode);
      const account = await deps.getAccount(tokens.accessToken, request.signal);

      request.onStep?.('saving', mode);
      const session = newSession(deps.service, account, tokens, 'active', deps.clock.now());
      await deps.sessions.save(session);
      deps.log.info(`Sign-in: signed in to ${deps.serviceLabel} as ${account.email}.`);
      return session;
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
      // No-ops once they ran or were never set.
      this.flowTimers.clearTimeout(timer);
      this.flowTimers.clearTimeout(stillWaitingTimer);
      deps.pending.cancel(nonce); // no-op unless we left early (e.g. openExternal threw)
      await receiver?.close();
      if (this.currentAttempt === attempt) {
        this.currentAttempt = undefined;
        this.fireState();
      }
    }
  }

  dispose(): void {
    this.cancel();
    this.stateChanges.dispose();
  }

  private async startReceiver(port: number): Promise<LoopbackReceiver> {
    try {
      return await (this.flowDeps.startLoopback ?? startLoopbackReceiver)(port, (params) => this.deliver(params));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InvalidInputError(
        code === 'EADDRINUSE'
          ? `Port ${port} on 127.0.0.1 is in use, so SignDesk cannot receive the sign-in there. Close what uses it or change "signdesk.oauth.loopbackPort" (and the app's callback URL).`
          : `SignDesk could not listen on 127.0.0.1:${port} for the sign-in (${code ?? 'unknown error'}).`,
        { cause: error },
      );
    }
  }

  private fireState(): void {
    this.stateChanges.fire({ signingIn: this.signingIn, waitingForPaste: this.waitingForPaste });
  }
}

/**
 * The one way a sign-in callback reaches its attempt, whatever service it is for and however it arrived
 * (the URI handler's one route, a loopback receiver, a pasted address): the nonce in its state picks the
 * attempt from the pending set all services share.
 */
export function deliverSignInCallback(
  deps: { pending: PendingSignIns; secrets: SecretRegistry; log: Logger },
  params: CallbackParams,
): DeliveryResult {
  const result = deps.pending.deliver(params);
  if (result.accepted) {
    // Only now: a code from a callback nobody asked for is no secret of ours, and registering it would
    // let anyone who can reach the callback fill the registry (and redact any word they like).
    deps.secrets.add(params.code);
    deps.log.info(`Sign-in: the browser came back (${params.code ? 'authorized' : 'not authorized'}).`);
  } else {
    deps.log.warn(`Sign-in: ignored a callback that matches no waiting sign-in (${result.reason}).`);
  }
  return result;
}
