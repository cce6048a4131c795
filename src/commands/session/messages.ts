// What the user reads when a sign-in (or app configuration) step fails: one sentence saying what
// happened and what to do, plus the buttons that do it. VS Code-free so every case is unit-tested.
// Unknown errors get a generic sentence: their messages may say anything, stack traces never show.
import { callbackToRegister, type RedirectConfig, type RedirectMode } from '../../auth/redirectStrategy';
import { SecretStorageUnavailableError } from '../../auth/session';
import { AppNotConfiguredError, AuthorizationDeniedError, SignInCancelledError, SignInTimedOutError } from '../../auth/signInErrors';
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
import type { Notice } from '../notices';

export type SignInAction = 'Configure App' | 'Sign In Again' | 'Show Log' | 'Retry' | 'Open Settings';

export interface SignInMessage {
  severity: 'warning' | 'error';
  text: string;
  actions: SignInAction[];
}

const CREDENTIAL_ERRORS = new Set(['invalid_client', 'unauthorized_client']);

/** Undefined when nothing should be shown (the user cancelled). `label`: the service's, from its definition. */
export function signInFailureMessage(error: unknown, now: () => number, label: string): SignInMessage | undefined {
  if (error instanceof SignInCancelledError || error instanceof CancelledError) {
    return undefined;
  }
  if (error instanceof AppNotConfiguredError) {
    return {
      severity: 'warning',
      text: error.message,
      actions: error.missing.includes('relayUrl') && error.missing.length === 1 ? ['Open Settings'] : ['Configure App'],
    };
  }
  if (error instanceof AuthorizationDeniedError) {
    return { severity: 'warning', text: error.message, actions: ['Sign In Again'] };
  }
  if (error instanceof SignInTimedOutError) {
    return { severity: 'warning', text: `${error.message} Try again and accept in the browser.`, actions: ['Retry', 'Show Log'] };
  }
  if (error instanceof SecretStorageUnavailableError) {
    return { severity: 'error', text: error.message, actions: ['Show Log'] };
  }
  if (error instanceof AuthError) {
    if (error.errorName && CREDENTIAL_ERRORS.has(error.errorName)) {
      return {
        severity: 'error',
        text: `${label} refused your app's client ID or client secret. Check them in SignDesk: Configure ${label} App.`,
        actions: ['Configure App', 'Show Log'],
      };
    }
    if (error.errorName === 'invalid_grant') {
      return {
        severity: 'error',
        text: `${label} did not accept this sign-in (the authorization expired or was already used). Sign in again.`,
        actions: ['Sign In Again', 'Show Log'],
      };
    }
    return { severity: 'error', text: `Sign-in failed: ${error.message}`, actions: ['Sign In Again', 'Show Log'] };
  }
  if (error instanceof RateLimitError) {
    const wait = error.resetAt ? Math.max(1, Math.ceil((error.resetAt.getTime() - now()) / 1000)) : undefined;
    return {
      severity: 'warning',
      text: `${label} is rate-limiting requests${wait ? `; try again in ${wait} s` : '; try again in a minute'}.`,
      actions: ['Retry'],
    };
  }
  if (error instanceof NetworkError) {
    return {
      severity: 'error',
      text: `SignDesk could not reach ${label}${error.timedOut ? ' (no answer in time)' : ''}. Check your connection and the base URL settings.`,
      actions: ['Retry', 'Open Settings', 'Show Log'],
    };
  }
  if (error instanceof ServerError) {
    return { severity: 'error', text: `${label} had a problem answering. Try again in a moment.`, actions: ['Retry', 'Show Log'] };
  }
  if (error instanceof BadResponseError) {
    return { severity: 'error', text: `${error.message} The log has details.`, actions: ['Show Log', 'Open Settings'] };
  }
  if (error instanceof InvalidInputError) {
    return { severity: 'error', text: error.message, actions: ['Open Settings', 'Show Log'] };
  }
  return { severity: 'error', text: 'Sign-in failed unexpectedly. The log has the details.', actions: ['Show Log', 'Retry'] };
}

/** The progress notification's text for each step of the flow. */
export function signInStepMessage(step: SignInStep, mode: RedirectMode, label: string): string {
  switch (step) {
    case 'openingBrowser':
      return `Opening ${label} in your browser…`;
    case 'waitingForBrowser':
      return mode === 'manual'
        ? 'After you accept in the browser, paste the address it shows into "SignDesk: Complete Authorization…".'
        : 'Waiting for you to authorize SignDesk in your browser (up to 5 minutes)…';
    case 'exchangingCode':
      return 'Finishing sign-in…';
    case 'readingAccount':
      return `Reading your ${label} account…`;
    case 'saving':
      return 'Saving your session…';
  }
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
  if (error instanceof AuthError && [NOT_SIGNED_IN, SESSION_EXPIRED, ORIGIN_CHANGED, 'invalid_grant'].includes(error.errorName ?? '')) {
    return { severity: 'warning', message: error.message, choices: ['Sign In Again'] };
  }
  if (error instanceof AuthError && error.errorName === RENEWED_ELSEWHERE) {
    return { severity: 'warning', message: error.message, choices: ['Reload Window', 'Sign In Again'] };
  }
  const message =
    error instanceof SecretStorageUnavailableError || isSignDeskError(error) ? error.message : `Could not ${action}. See the log for details.`;
  return { severity: 'error', message, choices: ['Show Log'] };
}
