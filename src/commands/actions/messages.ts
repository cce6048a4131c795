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
import { errorNotice, infoNotice, warningNotice, type Notice, type NoticeChoice } from '../notice';

export type ActionKind = 'send' | 'remind' | 'cancel' | 'download';

export type ErrorChoice = Exclude<NoticeChoice, 'Configure App'>;

export type ActionErrorView = Notice<ErrorChoice>;

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

const SIGN_IN_AGAIN = ['Sign In Again', 'Show Log'] as const;
const REFRESH = ['Refresh', 'Show Log'] as const;
const SHOW_LOG = ['Show Log'] as const;

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
    return errorNotice(`SignDesk did not ${VERB[action]} “${subject}”: ${error.message}`, settings ? ['Open Settings'] : ['Sign In Again', 'Open Settings']);
  }

  if (error instanceof AuthError) {
    // Nobody is signed in (the auth layer's error name).
    if (error.errorName === 'not_signed_in') {
      return warningNotice(`Sign in to ${service} to ${VERB[action]} “${subject}”.`, ['Sign In']);
    }
    if (error.errorName === RENEWED_ELSEWHERE) {
      return warningNotice(`${error.message} Nothing was done with “${subject}”.`, ['Reload Window', 'Sign In Again']);
    }
    if (error instanceof MissingScopeError) {
      // Only a new consent adds a permission: signing in again asks for it.
      const scope = error.scope ? `the “${error.scope}” permission` : 'a permission';
      return errorNotice(
        `Your ${service} sign-in lacks ${scope} SignDesk needs to ${VERB[action]} “${subject}”. Sign in again and allow it.${error.scope ? '' : serviceSays(service, error)}`,
        SIGN_IN_AGAIN,
      );
    }
    if (error.status === 403) {
      return errorNotice(`${service} does not let this account ${VERB[action]} “${subject}”.${serviceSays(service, error)}`, SIGN_IN_AGAIN);
    }
    return errorNotice(
      `Your ${service} sign-in is no longer accepted, so SignDesk could not ${VERB[action]} “${subject}”. Sign in again, then try once more.`,
      SIGN_IN_AGAIN,
    );
  }

  if (error instanceof RateLimitError) {
    const when = error.resetAt ? ` after ${waitUntil(error.resetAt, context.now ?? Date.now(), context.zone)}` : ' in a minute';
    // A 429 means the service did nothing, so repeating is safe even for send.
    return warningNotice(`${service} is limiting how many requests SignDesk can make right now; nothing was done. Try again${when}.`, ['Retry']);
  }

  if (error instanceof ConflictError && action === 'download') {
    return infoNotice(`${service} is still preparing the files of “${subject}”. Try again in a few seconds.`, ['Retry']);
  }

  if (action === 'remind' && isOneHourReminderRule(error)) {
    return infoNotice(reminderTooSoonMessage(service, subject, context.remindAgainAt, context.now, context.zone));
  }

  if (error instanceof NotFoundError) {
    return warningNotice(`“${subject}” no longer exists in ${service} (it was canceled or deleted). Refresh to update the list.`, ['Refresh']);
  }

  if (error instanceof InvalidInputError || error instanceof ConflictError) {
    return errorNotice(`${service} refused to ${VERB[action]} “${subject}”.${serviceSays(service, error)}`, REFRESH);
  }

  if (error instanceof ResponseTooLargeError && action === 'download') {
    // Asking again brings the same bytes: point to where a large file can be had.
    return errorNotice(
      `The files of “${subject}” are larger than SignDesk downloads (${Math.round(error.limitBytes / 1024 / 1024)} MB), so nothing was saved. Download them from ${service} in the browser instead.`,
      SHOW_LOG,
    );
  }

  if (error instanceof RedirectError) {
    // The message names where the redirect pointed and that nothing was sent there; the list shows what happened.
    return errorNotice(`Couldn't ${VERB[action]} “${subject}”: ${error.message}`, NOT_SAFE_TO_REPEAT.has(action) ? REFRESH : SHOW_LOG);
  }

  if (error instanceof NetworkError || error instanceof ServerError || error instanceof BadResponseError) {
    const mayHaveActed = NOT_SAFE_TO_REPEAT.has(action);
    const why =
      error instanceof NetworkError
        ? !mayHaveActed
          ? `Could not reach ${service}`
          : error.timedOut
            ? `${service} did not answer in time`
            : `The connection to ${service} failed`
        : error instanceof ServerError
          ? `${service} had an internal error`
          : `${service}’s answer could not be read`;
    const what = `${why} while ${GERUND[action]} “${subject}”.`;
    return mayHaveActed
      ? errorNotice(`${what} It may have gone through anyway: refresh the list and check before trying again.`, REFRESH)
      : errorNotice(what, ['Retry', 'Show Log']);
  }

  return errorNotice(`Something went wrong while ${GERUND[action]} “${subject}”. The details are in the SignDesk log.`, SHOW_LOG);
}
