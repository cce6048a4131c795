// What "Sign In with <service> Password…" says: its prompts (which promise what happens to the password)
// and its failures, each with the buttons that help. VS Code-free so every case is unit-tested.
import { AppNotConfiguredError } from '../../auth/signInErrors';
import { AuthError, BadResponseError, CancelledError, InvalidInputError, NetworkError, RateLimitError, ServerError } from '../../core/errors';

export type PasswordSignInAction = 'Retry' | 'Configure App' | 'Open Settings' | 'Show Log';

export interface PasswordSignInMessage {
  severity: 'warning' | 'error';
  text: string;
  actions: PasswordSignInAction[];
}

/** What the password never becomes: said in the command's prompts, before the user types it. */
export function passwordPromise(label: string): string {
  return `SignDesk sends it once, straight to ${label}'s token endpoint, and never stores or logs it.`;
}

export function emailPrompt(label: string): string {
  return `Email of your ${label} account. You type the password next: ${passwordPromise(label)}`;
}

export function passwordPrompt(label: string, email: string): string {
  return `${label} password for ${email}. ${passwordPromise(label)}`;
}

/** Token-endpoint errors that mean the email or password was not accepted (not the app's credentials). */
const WRONG_LOGIN = new Set(['invalid_request', 'invalid_grant', 'access_denied', '65536']);

/** Undefined when nothing should be shown (the user cancelled). */
export function passwordSignInFailure(error: unknown, label: string, now: () => number = Date.now): PasswordSignInMessage | undefined {
  if (error instanceof CancelledError) {
    return undefined;
  }
  if (error instanceof AppNotConfiguredError) {
    return { severity: 'warning', text: error.message, actions: ['Configure App'] };
  }
  if (error instanceof AuthError && (error.errorName === 'invalid_client' || error.errorName === 'unauthorized_client')) {
    return { severity: 'error', text: `${label} refused your app's client ID or client secret. Check them in SignDesk: Configure ${label} App.`, actions: ['Configure App', 'Show Log'] };
  }
  if ((error instanceof InvalidInputError || error instanceof AuthError) && error.status !== undefined && (error.status === 400 || error.status === 401) && (error.errorName === undefined || WRONG_LOGIN.has(error.errorName))) {
    return { severity: 'warning', text: `${label} did not accept that email and password (${error.message.replace(/\.$/, '')}). Check them and try again.`, actions: ['Retry'] };
  }
  if (error instanceof RateLimitError) {
    const wait = error.resetAt ? Math.max(1, Math.ceil((error.resetAt.getTime() - now()) / 1000)) : undefined;
    return { severity: 'warning', text: `${label} is limiting requests; try again in ${wait ? `${wait} s` : 'a minute'}.`, actions: ['Retry'] };
  }
  if (error instanceof NetworkError) {
    return { severity: 'error', text: `SignDesk could not reach ${label}${error.timedOut ? ' (no answer in time)' : ''}. Check your connection and the base URL settings.`, actions: ['Retry', 'Open Settings', 'Show Log'] };
  }
  if (error instanceof ServerError) {
    return { severity: 'error', text: `${label} had a problem answering. Try again in a moment.`, actions: ['Retry', 'Show Log'] };
  }
  if (error instanceof BadResponseError) {
    return { severity: 'error', text: `${error.message} The log has details.`, actions: ['Show Log', 'Open Settings'] };
  }
  if (error instanceof InvalidInputError || error instanceof AuthError) {
    return { severity: 'error', text: `Sign-in failed: ${error.message}`, actions: ['Retry', 'Show Log'] };
  }
  return { severity: 'error', text: 'Sign-in failed unexpectedly. The log has the details.', actions: ['Show Log', 'Retry'] };
}
