// URL building the services share: a base URL setting with a path under it, and ids as path segments.
import type { TokenOrigins } from '../model/tokens';

export function trimSlash(base: string): string {
  return base.replace(/\/+$/, '');
}

/** `${apiBaseUrl}/<path>` with each dynamic segment percent-encoded by the caller via `segment()`. */
export function apiUrl(apiBaseUrl: string, path: string): string {
  return `${trimSlash(apiBaseUrl)}/${path.replace(/^\/+/, '')}`;
}

/** Percent-encodes one path segment (ids come from responses, but never trust them into a path raw). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/** Where tokens may go when the token endpoint is on the API host (Dropbox, signNow): that one origin. */
export function apiHostTokenOrigins(settings: { apiBaseUrl: string }): TokenOrigins {
  const api = new URL(settings.apiBaseUrl).origin;
  return { oauth: api, api };
}
