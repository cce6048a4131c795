// What the login indicator should show, from the current session, sign-in progress, storage health and the
// last rate-limit headers. Pure and VS Code-free (the type import is erased), so it is unit-tested.
import type { StoredSession } from '../../auth/session';
import type { RateLimitInfo } from '../../core/http';
import type { LoginIndicatorState } from './indicator';
import { countOf } from '../../model/wording';
import { CONTEXT_KEYS } from '../ids';

export interface StatusInputs {
  session?: StoredSession;
  signingIn: boolean;
  /** The app has a client ID and a client secret (read only while nobody is signed in). */
  configured?: boolean;
  /** The user-facing message of the last secret-storage failure, while it lasts. */
  storageProblem?: string;
  rateLimit?: RateLimitInfo;
  now: number;
  /** Formats a time of day for the tooltip (injected so tests do not depend on the locale/time zone). */
  formatTime?: (ms: number) => string;
}

const defaultFormatTime = (ms: number): string => new Date(ms).toLocaleTimeString();

function inMinutes(deltaMs: number): string {
  const minutes = Math.round(deltaMs / 60_000);
  if (minutes < 1) return 'in less than a minute';
  if (minutes < 90) return `in ${minutes} min`;
  return `in ${Math.round(minutes / 60)} h`;
}

export function tokenExpiryLine(session: StoredSession, now: number, formatTime = defaultFormatTime): string {
  if (session.expiresAt <= now) {
    return 'Access token: expired; SignDesk refreshes it on the next request';
  }
  return `Access token: valid until ${formatTime(session.expiresAt)} (${inMinutes(session.expiresAt - now)}); refreshed automatically`;
}

export function rateLimitLine(rateLimit: RateLimitInfo | undefined, formatTime = defaultFormatTime): string {
  if (!rateLimit || rateLimit.remaining === undefined) {
    return 'API rate limit: not known yet (no request made)';
  }
  const left = rateLimit.limit !== undefined ? `${rateLimit.remaining} of ${countOf(rateLimit.limit, 'request')}` : countOf(rateLimit.remaining, 'request');
  let line = `API rate limit: ${left} left`;
  if (rateLimit.resetAt) line += `, resets at ${formatTime(rateLimit.resetAt.getTime())}`;
  return line;
}

export function loginIndicatorState(input: StatusInputs): LoginIndicatorState {
  const formatTime = input.formatTime ?? defaultFormatTime;
  if (input.signingIn) {
    return { kind: 'signingIn' };
  }
  if (input.storageProblem) {
    return { kind: 'needsAttention', email: input.session?.email, reason: input.storageProblem };
  }
  const session = input.session;
  if (!session) {
    return input.configured === false ? { kind: 'notConfigured' } : { kind: 'signedOut' };
  }
  switch (session.status) {
    case 'expired':
      return {
        kind: 'needsAttention',
        email: session.email,
        shortText: 'sign in again',
        reason: `Dropbox Sign no longer accepts the sign-in of ${session.email} (it expired or was revoked).`,
      };
    case 'awaitingActivation':
      return {
        kind: 'needsAttention',
        email: session.email,
        reason: `Confirm the email Dropbox Sign sent to ${session.email}, then authorize the app.`,
      };
    case 'active':
      return {
        kind: 'signedIn',
        email: session.email,
        tooltip: [
          `Dropbox Sign: signed in as ${session.email}`,
          `Account ID: ${session.accountId}`,
          tokenExpiryLine(session, input.now, formatTime),
          rateLimitLine(input.rateLimit, formatTime),
          'Click for account actions.',
        ].join('\n'),
      };
  }
}

/** Context keys (package.json `when` clauses) that follow the sign-in. */
export const CONTEXT_SIGNED_IN = CONTEXT_KEYS.signedIn;
export const CONTEXT_HAS_ACCOUNT = CONTEXT_KEYS.hasAccount;
export const CONTEXT_APP_CONFIGURED = CONTEXT_KEYS.appConfigured;

/**
 * signedIn: an account this window works with whose sign-in Dropbox Sign still accepts (Send, Filter,
 * Refresh, and the request actions can act). hasAccount: any current account, even an expired one (Sign
 * Out can act). appConfigured: signed in, or a client ID and secret are there.
 */
export function loginContextKeys(input: { session?: StoredSession; configured?: boolean }): Record<string, boolean> {
  const session = input.session;
  return {
    [CONTEXT_SIGNED_IN]: session !== undefined && session.status !== 'expired',
    [CONTEXT_HAS_ACCOUNT]: session !== undefined,
    [CONTEXT_APP_CONFIGURED]: session !== undefined || input.configured === true,
  };
}
