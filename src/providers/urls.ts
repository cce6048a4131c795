// URL building the services share: a base URL setting with a path under it, and ids as path segments.

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
