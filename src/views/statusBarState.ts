// What the login indicator should show, from the current session, sign-in progress, storage health and the
// last rate-limit headers. Pure and VS Code-free (the type import is erased), so it is unit-tested.
import type { StoredSession } from '../auth/session';
import type { RateLimitInfo } from '../core/http';
import type { LoginIndicatorState } from './statusBar';
import { countOf } from '../model/wording';

export interface StatusInputs {
  session?: StoredSession;
  signingIn: boolean;
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
    return { kind: 'signedOut' };
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
