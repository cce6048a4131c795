// What a refresh the user asked for (SignDesk: Refresh, the view's title button, the status-bar menu)
// tells them when it cannot run or fails, and which buttons fit. VS Code-free (unit-tested);
// commands.ts shows it. Automatic refreshes never come here: they only update the view's message.
import { AppNotConfiguredError } from '../../auth/signInErrors';
import { isOriginChanged, RENEWED_ELSEWHERE } from '../../auth/tokenManager';
import { AuthError, BadResponseError, CancelledError, ConflictError, isSignDeskError, NetworkError, RateLimitError, ServerError, SettingsError } from '../../core/errors';
import type { RequestsViewState } from '../../model/requestsModel';
import { errorText } from '../../views/requestsTree/viewState';
import { signInFailureMessage } from '../session/messages';
import { waitUntil } from '../../model/wording';
import { errorNotice, warningNotice, type Notice, type NoticeChoice } from '../notice';

export type RefreshChoice = Exclude<NoticeChoice, 'Refresh'>;

export type RefreshNotice = Notice<RefreshChoice>;

/** Error names the auth layer uses when the session cannot be used any more (TokenManager). */
const SESSION_GONE = new Set(['session_expired', 'invalid_grant']);

function signInToSee(service: string): RefreshNotice {
  return warningNotice(`Sign in to ${service} to see your signature requests.`, ['Sign In']);
}

/** Why Refresh cannot call the service at all (app not configured, signed out, session expired), or undefined when it can. */
export function refreshUnavailableNotice(state: RequestsViewState, serviceLabel: string): RefreshNotice | undefined {
  switch (state.kind) {
    case 'notConfigured': {
      // The same words and button as every other command that needs the app configured.
      const configure = signInFailureMessage(new AppNotConfiguredError(['clientId'], serviceLabel), Date.now, serviceLabel);
      return warningNotice(configure?.text ?? '', ['Configure App']);
    }
    case 'signedOut':
      return signInToSee(serviceLabel);
    case 'expired':
      return warningNotice(`Your ${serviceLabel} session expired. Sign in again to see your signature requests.`, ['Sign In Again']);
    default:
      return undefined;
  }
}

export interface RefreshErrorContext {
  /** The service's label (its definition's), named in the messages. */
  serviceLabel: string;
  now: number;
  /** Older rows stay on screen (a failed refresh), rather than the first load's error rows (Retry, Show Log). */
  rowsShown: boolean;
  /** After a 429: when SignDesk tries again by itself (RequestsModel.rateLimitRetryAt). */
  retryAt?: number;
  formatTime?: (at: Date) => string;
}

/** The notification for a failed user refresh; undefined when nothing should show (cancelled, or the view already offers the same). */
export function describeRefreshError(error: unknown, context: RefreshErrorContext): RefreshNotice | undefined {
  if (error instanceof CancelledError) {
    return undefined;
  }
  const { serviceLabel: service } = context;
  const formatTime = context.formatTime ?? ((at: Date) => waitUntil(at, context.now));

  if (error instanceof RateLimitError) {
    const retryAt = context.retryAt ?? error.resetAt?.getTime();
    if (retryAt !== undefined && retryAt > context.now) {
      // No Retry before the reset: the model would refuse it anyway, and SignDesk retries by itself.
      return warningNotice(`Couldn't refresh: ${service} is limiting requests; SignDesk tries again after ${formatTime(new Date(retryAt))}.`);
    }
    return warningNotice(`Couldn't refresh: ${service} is limiting requests. Try again now.`, ['Retry']);
  }

  // Refused before anything was sent: a setting has to change, or the user signs in again (no Retry).
  const settings = error instanceof SettingsError;
  if (settings || isOriginChanged(error)) {
    return errorNotice(`Couldn't refresh signature requests: ${error.message}`, settings ? ['Open Settings'] : ['Sign In Again', 'Open Settings']);
  }

  if (error instanceof AuthError) {
    if (error.errorName === 'not_signed_in') {
      return signInToSee(service);
    }
    if (error.errorName === RENEWED_ELSEWHERE) {
      // Still signed in: another window holds the new tokens (Sign In Again stays as the way out).
      return warningNotice(error.message, ['Reload Window', 'Sign In Again']);
    }
    const message =
      error.errorName && SESSION_GONE.has(error.errorName)
        ? `Your ${service} session expired, so SignDesk couldn't refresh your signature requests. Sign in again.`
        : error.status === 403
          ? `${service} refused to list this account's signature requests: ${errorText(error, undefined, service)}`
          : `${service} no longer accepts your sign-in, so SignDesk couldn't refresh your signature requests. Sign in again.`;
    return errorNotice(message, ['Sign In Again', 'Show Log']);
  }

  // The first load's error rows already offer Retry and Show Log: a notification would repeat them.
  if (!context.rowsShown) {
    return undefined;
  }
  // A refused query (400) or a gone endpoint does not get better by asking again; the rest may.
  const retryable =
    !isSignDeskError(error) ||
    error instanceof NetworkError ||
    error instanceof ServerError ||
    error instanceof BadResponseError ||
    error instanceof ConflictError;
  return errorNotice(`Couldn't refresh signature requests: ${errorText(error, undefined, service)}`, retryable ? ['Retry', 'Show Log'] : ['Show Log']);
}
