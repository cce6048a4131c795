// What the Signature Requests view says about its state, VS Code-free: the context key value that
// picks the welcome content, and the one-line error message shown above the tree.
import { isSignDeskError, RateLimitError } from '../../core/errors';
import type { RequestsViewState } from '../../model/requestsModel';
import { waitUntil } from '../../model/wording';

/** notConfigured | signedOut | expired | loading | error | empty | emptyFiltered | ready */
export function stateKey(state: RequestsViewState): string {
  return state.kind === 'empty' && state.filter !== undefined ? 'emptyFiltered' : state.kind;
}

/** A one-line, user-facing reason (typed errors carry messages written for users). */
export function errorText(error: unknown, formatTime: (at: Date) => string = (at) => waitUntil(at, Date.now()), serviceLabel = 'The service'): string {
  if (error instanceof RateLimitError) {
    return `${serviceLabel} is limiting requests${error.resetAt ? `; SignDesk tries again after ${formatTime(error.resetAt)}` : ''}.`;
  }
  if (isSignDeskError(error)) {
    return error.message;
  }
  return 'Something unexpected went wrong (see the SignDesk log).';
}

/** The tree's message: the first load's error, or a failed refresh over older results; none otherwise. */
export function viewMessage(state: RequestsViewState, staleError: unknown, serviceLabel?: string): string | undefined {
  const text = (error: unknown) => errorText(error, undefined, serviceLabel);
  if (state.kind === 'error') {
    return text(state.error);
  }
  if (staleError !== undefined) {
    return `Couldn't refresh: ${text(staleError)}`;
  }
  return undefined;
}

/** The view's description: the active filter, so it is never forgotten. */
export function viewDescription(filter: string | undefined): string | undefined {
  return filter !== undefined ? `filter: ${filter}` : undefined;
}
