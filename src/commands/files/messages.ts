// What to tell the user when the file store (Dropbox) fails while sending one of its files or saving a
// signed copy into it, and which buttons help. VS Code-free (unit-tested).
import { AuthError, CancelledError, ConflictError, InvalidInputError, NetworkError, NotFoundError, RateLimitError, ServerError } from '../../core/errors';
import { waitUntil } from '../../model/wording';
import { errorNotice, warningNotice, type Notice, type NoticeChoice } from '../notice';

export type StoreStep = 'link' | 'upload';

const DOING: Record<StoreStep, string> = {
  link: 'get a link to',
  upload: 'save',
};

const SHOW_LOG = ['Show Log'] as const;

export function describeStoreError(
  error: unknown,
  step: StoreStep,
  context: { storeLabel: string; subject: string; now?: number },
): Notice<Exclude<NoticeChoice, 'Configure App'>> | undefined {
  const { storeLabel: store, subject } = context;
  const doing = `${DOING[step]} “${subject}”`;
  if (error instanceof CancelledError) return undefined;
  if (error instanceof AuthError) {
    if (error.errorName === 'not_signed_in') return warningNotice(`Sign in to ${store} to ${doing}.`, ['Sign In']);
    // missing_scope names the permission to tick; an expired or revoked sign-in says so.
    return errorNotice(`${store} refused to ${doing}: ${error.message}`, ['Sign In Again', 'Show Log']);
  }
  if (error instanceof RateLimitError) {
    const when = error.resetAt ? ` after ${waitUntil(error.resetAt, context.now ?? Date.now())}` : ' in a minute';
    return warningNotice(`${store} asked SignDesk to slow down, so it did not ${doing}. Try again${when}.`, ['Retry']);
  }
  if (error instanceof InvalidInputError || error instanceof ConflictError || error instanceof NotFoundError) {
    return errorNotice(`${store} could not ${doing}: ${error.message}`, SHOW_LOG);
  }
  if ((error instanceof NetworkError || error instanceof ServerError) && step === 'upload') {
    // The upload may have been stored before the failure: retrying blindly could save it twice.
    return errorNotice(`${store} did not confirm that it saved “${subject}”; it may be there anyway. Check the ${store} view before trying again.`, SHOW_LOG);
  }
  if (error instanceof NetworkError || error instanceof ServerError) {
    return errorNotice(`Could not reach ${store} to ${doing}.`, ['Retry', 'Show Log']);
  }
  return errorNotice(`Something went wrong while trying to ${doing} in ${store}. The details are in the SignDesk log.`, SHOW_LOG);
}

/** The message after a file was sent from the store: the service fetched it through a link. */
export function fetchNote(serviceLabel: string, storeLabel: string, fileName: string): string {
  return `${serviceLabel} will fetch “${fileName}” from ${storeLabel} when you press Send (through a temporary link that works for 4 hours).`;
}

/** The folder a signed copy goes to, as typed: '/SignDesk/' → '/SignDesk'; '/' or '' → the top level (''). */
export function normalizeStoreFolder(typed: string): string | undefined {
  const trimmed = typed.trim();
  if (trimmed === '' || trimmed === '/') return '';
  if (!trimmed.startsWith('/')) return undefined;
  const parts = trimmed.split('/').filter((part) => part !== '');
  if (parts.some((part) => part === '.' || part === '..')) return undefined;
  return `/${parts.join('/')}`;
}

/** The refusal before a too-large upload (nothing is sent). */
export function tooLargeForUpload(storeLabel: string, title: string, bytes: number, maxBytes: number): string {
  const mib = (n: number) => Math.ceil(n / 1024 / 1024);
  return `The signed copy of “${title}” is ${mib(bytes)} MiB; ${storeLabel} takes at most ${mib(maxBytes)} MiB in one upload, so SignDesk did not upload it. Use Download as PDF… to save it on this computer instead.`;
}
