// What to tell the user when send, remind, cancel or download fails, and which buttons to offer.
// VS Code-free (unit-tested); errorUi.ts shows the result. The one rule that shapes it:
// send, remind and cancel are never retried blindly — when the service may already have acted
// (no answer, a 5xx, an unreadable answer) the user is sent to the list, not to a Retry button.
import {
  AuthError,
  BadResponseError,
  CancelledError,
  ConflictError,
  InvalidInputError,
  MissingScopeError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  RedirectError,
  ResponseTooLargeError,
  ServerError,
  SettingsError,
} from '../../core/errors';
import { waitUntil, type ZoneOptions } from '../../model/wording';
import { isOriginChanged, RENEWED_ELSEWHERE } from '../../auth/tokenManager';
import type { Notice, NoticeChoice } from '../notices';

export type ActionKind = 'send' | 'remind' | 'cancel' | 'download';

export type ErrorChoice = Exclude<NoticeChoice, 'Configure App'>;

export type ActionErrorView = Notice<ErrorChoice>;

/** Error names the auth layer uses when nobody (or an expired session) is signed in. */
const NOT_SIGNED_IN_NAMES = new Set(['not_signed_in']);

const VERB: Record<ActionKind, string> = {
  send: 'send',
  remind: 'send the reminder for',
  cancel: 'cancel',
  download: 'download the files of',
};

const GERUND: Record<ActionKind, string> = {
  send: 'sending',
  remind: 'sending the reminder for',
  cancel: 'canceling',
  download: 'downloading the files of',
};

/** Actions the service may already have carried out when we got no clear answer. */
const NOT_SAFE_TO_REPEAT: ReadonlySet<ActionKind> = new Set(['send', 'remind', 'cancel']);

/** "the service said: …" suffix, only when the service gave a message worth showing. */
function serviceSays(service: string, error: Error): string {
  const text = error.message.trim();
  return text ? ` ${service} said: “${text.replace(/[.\s]+$/, '')}”.` : '';
}

export function isOneHourReminderRule(error: unknown): boolean {
  return (
    (error instanceof InvalidInputError || error instanceof ConflictError) &&
    /\b(1|one|an)\s+hour\b|hourly|within\s+(the\s+)?(last\s+)?hour/i.test(error.message)
  );
}

/**
 * The one-hour rule, explained (used before calling when we know, and when the service refuses). The time
 * names its time zone, and the date when it is not today (a reminder at 23:30 waits until tomorrow).
 */
export function reminderTooSoonMessage(service: string, signer: string, remindAgainAt?: Date, now = Date.now(), zone?: ZoneOptions): string {
  const again = remindAgainAt ? ` You can remind ${signer} again after ${waitUntil(remindAgainAt, now, zone)}.` : '';
  return `${service} sends at most one reminder per signer per hour (automatic reminders count too), so ${signer} was not reminded.${again}`;
}

export interface DescribeContext {
  /** The service's label (its definition's), named in every message. */
  serviceLabel: string;
  /** What the action is about, quoted in the message: a request title, or "Jack (jack@x.com)". */
  subject: string;
  /** For the one-hour rule: when the next reminder is allowed, if known. */
  remindAgainAt?: Date;
  /** Now (ms), for "try again after …"; the system clock when omitted. */
  now?: number;
  /** The time zone those times are said in; the system's when omitted (tests pin it). */
  zone?: ZoneOptions;
}

/**
 * Turns an error from an action into a message and buttons. Returns undefined for a cancellation the
 * user asked for (nothing to show).
 */
export function describeActionError(error: unknown, action: ActionKind, context: DescribeContext): ActionErrorView | undefined {
  const { subject, serviceLabel: service } = context;
  if (error instanceof CancelledError) return undefined;

  // Refused before anything was sent: a setting has to change, or the user signs in again.
  const settings = error instanceof SettingsError;
  if (settings || isOriginChanged(error)) {
    return { severity: 'error', message: `SignDesk did not ${VERB[action]} “${subject}”: ${error.message}`, choices: settings ? ['Open Settings'] : ['Sign In Again', 'Open Settings'] };
  }

  if (error instanceof AuthError) {
    if (error.errorName && NOT_SIGNED_IN_NAMES.has(error.errorName)) {
      return { severity: 'warning', message: `Sign in to ${service} to ${VERB[action]} “${subject}”.`, choices: ['Sign In'] };
    }
    if (error.errorName === RENEWED_ELSEWHERE) {
      return { severity: 'warning', message: `${error.message} Nothing was done with “${subject}”.`, choices: ['Reload Window', 'Sign In Again'] };
    }
    if (error instanceof MissingScopeError) {
      // Only a new consent adds a permission: signing in again asks for it.
      const scope = error.scope ? `the “${error.scope}” permission` : 'a permission';
      return {
        severity: 'error',
        message: `Your ${service} sign-in lacks ${scope} SignDesk needs to ${VERB[action]} “${subject}”. Sign in again and allow it.${error.scope ? '' : serviceSays(service, error)}`,
        choices: ['Sign In Again', 'Show Log'],
      };
    }
    if (error.status === 403) {
      return {
        severity: 'error',
        message: `${service} does not let this account ${VERB[action]} “${subject}”.${serviceSays(service, error)}`,
        choices: ['Sign In Again', 'Show Log'],
      };
    }
    return {
      severity: 'error',
      message: `Your ${service} sign-in is no longer accepted, so SignDesk could not ${VERB[action]} “${subject}”. Sign in again, then try once more.`,
      choices: ['Sign In Again', 'Show Log'],
    };
  }

  if (error instanceof RateLimitError) {
    const when = error.resetAt ? ` after ${waitUntil(error.resetAt, context.now ?? Date.now(), context.zone)}` : ' in a minute';
    return {
      severity: 'warning',
      message: `${service} is limiting how many requests SignDesk can make right now; nothing was done. Try again${when}.`,
      // A 429 means the service did nothing, so repeating is safe even for send.
      choices: ['Retry'],
    };
  }

  if (error instanceof ConflictError && action === 'download') {
    return {
      severity: 'info',
      message: `${service} is still preparing the files of “${subject}”. Try again in a few seconds.`,
      choices: ['Retry'],
    };
  }

  if (action === 'remind' && isOneHourReminderRule(error)) {
    return { severity: 'info', message: reminderTooSoonMessage(service, subject, context.remindAgainAt, context.now, context.zone), choices: [] };
  }

  if (error instanceof NotFoundError) {
    return {
      severity: 'warning',
      message: `“${subject}” no longer exists in ${service} (it was canceled or deleted). Refresh to update the list.`,
      choices: ['Refresh'],
    };
  }

  if (error instanceof InvalidInputError || error instanceof ConflictError) {
    return {
      severity: 'error',
      message: `${service} refused to ${VERB[action]} “${subject}”.${serviceSays(service, error)}`,
      choices: ['Refresh', 'Show Log'],
    };
  }

  if (error instanceof ResponseTooLargeError && action === 'download') {
    // Asking again brings the same bytes: point to where a large file can be had.
    return {
      severity: 'error',
      message: `The files of “${subject}” are larger than SignDesk downloads (${Math.round(error.limitBytes / 1024 / 1024)} MB), so nothing was saved. Download them from ${service} in the browser instead.`,
      choices: ['Show Log'],
    };
  }

  if (error instanceof RedirectError) {
    // The message names where the redirect pointed and that nothing was sent there; the list shows what happened.
    return {
      severity: 'error',
      message: `Couldn't ${VERB[action]} “${subject}”: ${error.message}`,
      choices: NOT_SAFE_TO_REPEAT.has(action) ? ['Refresh', 'Show Log'] : ['Show Log'],
    };
  }

  const unclear = error instanceof NetworkError || error instanceof ServerError || error instanceof BadResponseError;
  if (unclear && NOT_SAFE_TO_REPEAT.has(action)) {
    const why =
      error instanceof NetworkError
        ? error.timedOut
          ? `${service} did not answer in time`
          : `The connection to ${service} failed`
        : error instanceof ServerError
          ? `${service} had an internal error`
          : `${service}’s answer could not be read`;
    return {
      severity: 'error',
      message: `${why} while ${GERUND[action]} “${subject}”. It may have gone through anyway: refresh the list and check before trying again.`,
      choices: ['Refresh', 'Show Log'],
    };
  }
  if (unclear) {
    const why =
      error instanceof NetworkError
        ? `Could not reach ${service}`
        : error instanceof ServerError
          ? `${service} had an internal error`
          : `${service}’s answer could not be read`;
    return { severity: 'error', message: `${why} while ${GERUND[action]} “${subject}”.`, choices: ['Retry', 'Show Log'] };
  }

  return {
    severity: 'error',
    message: `Something went wrong while ${GERUND[action]} “${subject}”. The details are in the SignDesk log.`,
    choices: ['Show Log'],
  };
}
