// What the user reads when a sign-in (or app configuration) step fails: one sentence saying what
// happened and what to do, plus the buttons that do it. VS Code-free so every case is unit-tested.
// Unknown errors get a generic sentence: their messages may say anything, stack traces never show.
import { callbackToRegister, type RedirectConfig, type RedirectMode } from '../../auth/redirectStrategy';
import { SecretStorageUnavailableError } from '../../auth/session';
import { AppNotConfiguredError, AuthorizationDeniedError, SignInTimedOutError } from '../../auth/signInErrors';
import type { SignInStep, StillWaitingHint } from '../../auth/signInFlow';
import {
  AuthError,
  BadResponseError,
  CancelledError,
  isSignDeskError,
  InvalidInputError,
  NetworkError,
  RateLimitError,
  ServerError,
} from '../../core/errors';
import { NOT_SIGNED_IN, ORIGIN_CHANGED, RENEWED_ELSEWHERE, SESSION_EXPIRED } from '../../auth/tokenManager';
import { errorNotice, warningNotice, type Notice } from '../notice';

export type SignInAction = 'Configure App' | 'Sign In Again' | 'Show Log' | 'Retry' | 'Open Settings';

export interface SignInMessage {
  severity: 'warning' | 'error';
  text: string;
  actions: SignInAction[];
}

const CREDENTIAL_ERRORS = ['invalid_client', 'unauthorized_client'];

export const warning = (text: string, ...actions: SignInAction[]): SignInMessage => ({ severity: 'warning', text, actions });
const failure = (text: string, ...actions: SignInAction[]): SignInMessage => ({ severity: 'error', text, actions });

/** Undefined when nothing should be shown (the user cancelled). `label`: the service's, from its definition. */
export function signInFailureMessage(error: unknown, now: () => number, label: string): SignInMessage | undefined {
  // SignInCancelledError is a CancelledError.
  if (error instanceof CancelledError) {
    return undefined;
  }
  if (error instanceof AppNotConfiguredError) {
    return warning(error.message, error.missing.includes('relayUrl') && error.missing.length === 1 ? 'Open Settings' : 'Configure App');
  }
  if (error instanceof AuthorizationDeniedError) {
    return warning(error.message, 'Sign In Again');
  }
  if (error instanceof SignInTimedOutError) {
    return warning(`${error.message} Try again and accept in the browser.`, 'Retry', 'Show Log');
  }
  if (error instanceof SecretStorageUnavailableError) {
    return failure(error.message, 'Show Log');
  }
  if (error instanceof AuthError) {
    if (CREDENTIAL_ERRORS.includes(error.errorName ?? '')) {
      return failure(`${label} refused your app's client ID or client secret. Check them in SignDesk: Configure ${label} App.`, 'Configure App', 'Show Log');
    }
    return failure(
      error.errorName === 'invalid_grant'
        ? `${label} did not accept this sign-in (the authorization expired or was already used). Sign in again.`
        : `Sign-in failed: ${error.message}`,
      'Sign In Again',
      'Show Log',
    );
  }
  if (error instanceof RateLimitError) {
    const wait = error.resetAt ? Math.max(1, Math.ceil((error.resetAt.getTime() - now()) / 1000)) : undefined;
    return warning(`${label} is rate-limiting requests; try again in ${wait ? `${wait} s` : 'a minute'}.`, 'Retry');
  }
  if (error instanceof NetworkError) {
    return failure(
      `SignDesk could not reach ${label}${error.timedOut ? ' (no answer in time)' : ''}. Check your connection and the base URL settings.`,
      'Retry',
      'Open Settings',
      'Show Log',
    );
  }
  if (error instanceof ServerError) {
    return failure(`${label} had a problem answering. Try again in a moment.`, 'Retry', 'Show Log');
  }
  if (error instanceof BadResponseError) {
    return failure(`${error.message} The log has details.`, 'Show Log', 'Open Settings');
  }
  if (error instanceof InvalidInputError) {
    return failure(error.message, 'Open Settings', 'Show Log');
  }
  return failure('Sign-in failed unexpectedly. The log has the details.', 'Show Log', 'Retry');
}

/** The progress notification's text for each step of the flow. */
export function signInStepMessage(step: SignInStep, mode: RedirectMode, label: string): string {
  const messages: Record<SignInStep, string> = {
    openingBrowser: `Opening ${label} in your browser…`,
    waitingForBrowser:
      mode === 'manual'
        ? 'After you accept in the browser, paste the address it shows into "SignDesk: Complete Authorization…".'
        : 'Waiting for you to authorize SignDesk in your browser (up to 5 minutes)…',
    exchangingCode: 'Finishing sign-in…',
    readingAccount: `Reading your ${label} account…`,
    saving: 'Saving your session…',
  };
  return messages[step];
}

/**
 * Shown when the browser has not come back for a while: the likely reason is the service's own error page
 * (a redirect_uri the app has not registered), which SignDesk cannot see. Names the URL to register.
 */
export function stillWaitingNotice(hint: StillWaitingHint, config: RedirectConfig, label: string): { text: string; callbackUrl?: string } {
  const { url, explanation } = callbackToRegister(hint.mode, config, hint.redirectUri ?? '');
  return {
    text: `No answer from ${label} yet. ${url ? `If it shows an error page, register this callback URL in your app: ${url}.` : explanation} Cancel Sign-In stops waiting.`,
    callbackUrl: url,
  };
}

/**
 * What an account command (sign out, switch account, the account menu) tells the user when it fails:
 * a session that cannot be used any more offers Sign In Again; tokens renewed by another window offer
 * Reload Window first. Undefined for a cancellation.
 */
export function describeAccountError(error: unknown, action: string): Notice | undefined {
  if (error instanceof CancelledError) return undefined;
  if (error instanceof AuthError && [NOT_SIGNED_IN, SESSION_EXPIRED, ORIGIN_CHANGED, 'invalid_grant', RENEWED_ELSEWHERE].includes(error.errorName ?? '')) {
    return warningNotice(error.message, error.errorName === RENEWED_ELSEWHERE ? ['Reload Window', 'Sign In Again'] : ['Sign In Again']);
  }
  const message =
    error instanceof SecretStorageUnavailableError || isSignDeskError(error) ? error.message : `Could not ${action}. See the log for details.`;
  return errorNotice(message, ['Show Log']);
}
