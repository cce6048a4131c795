// Where SignDesk sends tokens, codes and the client secret: https only, plain http only on this machine's
// loopback (the local sandbox). VS Code-free; the base URL settings and the relay URL check use it.

/**
 * 127.0.0.0/8, ::1 and `localhost`, as WHATWG URL parsing normalises them (`127.1` → 127.0.0.1,
 * `[0:0::1]` → [::1], `LOCALHOST` → localhost). Names that merely start with `localhost` are not loopback.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Why SignDesk must not send secrets to `value` (undefined when it may): it must parse, be https (http
 * only on loopback) and carry no user name, password or #fragment; nor a ?query when it is a base URL
 * (paths are appended to those).
 */
export function secureUrlProblem(value: string, isBase = true): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'it is not a URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return 'it must be an https:// address (http:// is accepted only on 127.0.0.1, ::1 or localhost)';
  }
  if (url.username || url.password) {
    return 'it must not contain a user name or password';
  }
  if (url.hash || (isBase && url.search)) {
    return `it must not contain a ${isBase ? '?query or ' : ''}#fragment`;
  }
  return undefined;
}
