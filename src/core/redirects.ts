// Which redirects the HTTP client follows, and how. A request that sends data (POST/PUT/DELETE) never
// follows one: its body can hold an authorization code, a client secret or a document, and a 307/308
// would send it again to wherever the Location points. A GET follows a few redirects over http(s),
// never down from https to http, and drops its credentials once it leaves the origin it was meant for.
import { RedirectError } from './errors';
import type { HttpRequest } from './http';

/** A GET follows at most this many redirects; one more is taken for a loop. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Request headers that carry credentials: never sent to an origin other than the request's own. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** The URL's host (or origin), for messages and comparisons; "the server" when the URL cannot be read. */
export function hostOf(url: string, part: 'host' | 'origin' = 'host'): string {
  try {
    return new URL(url)[part];
  } catch {
    return 'the server';
  }
}

/**
 * The absolute URL to follow a redirect answer to, or a RedirectError saying why not. `followed` is
 * how many redirects this request already followed.
 */
export function redirectTarget(method: HttpRequest['method'], from: string, status: number, location: string, followed: number): string {
  const host = hostOf(from);
  let target: URL;
  try {
    target = new URL(location.trim(), from);
  } catch {
    throw new RedirectError(`${host} answered with a redirect (HTTP ${status}) to an address SignDesk cannot read.`, { status });
  }
  const targetOrigin = target.protocol === 'http:' || target.protocol === 'https:' ? target.origin : `${target.protocol}…`;
  if (method !== 'GET') {
    throw new RedirectError(
      `${host} answered with a redirect (HTTP ${status}) to ${targetOrigin}. SignDesk does not follow redirects of requests that send data, so nothing was sent there. If the service has moved, check SignDesk's base URL settings.`,
      { status, target: targetOrigin },
    );
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new RedirectError(`${host} answered with a redirect (HTTP ${status}) to a ${target.protocol} address, which SignDesk does not follow.`, {
      status,
      target: targetOrigin,
    });
  }
  if (new URL(from).protocol === 'https:' && target.protocol === 'http:') {
    throw new RedirectError(
      `${host} answered with a redirect (HTTP ${status}) to an unencrypted address (${targetOrigin}), which SignDesk does not follow.`,
      { status, target: targetOrigin },
    );
  }
  if (followed >= MAX_REDIRECTS) {
    throw new RedirectError(`${host} redirected SignDesk more than ${MAX_REDIRECTS} times (a redirect loop?), so it stopped.`, {
      status,
      target: targetOrigin,
    });
  }
  target.hash = '';
  return target.toString();
}

/** True when following from → to leaves the origin (scheme, host and port) the request was meant for. */
export function leavesOrigin(from: string, to: string): boolean {
  return hostOf(from, 'origin') !== hostOf(to, 'origin');
}

/** The headers without credentials (any case), for a hop to another origin. */
export function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));
}
