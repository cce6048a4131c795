// What an OAuth callback carries, read from the query that reached us (URI handler, loopback server)
// or from a URL the user pasted (manual mode).

export interface CallbackParams {
  code?: string;
  state?: string;
  /** RFC 6749 error, e.g. access_denied. */
  error?: string;
  errorDescription?: string;
}

export function parseCallbackQuery(query: string): CallbackParams {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  // Absent and empty parameters alike are undefined.
  return {
    code: params.get('code') || undefined,
    state: params.get('state') || undefined,
    error: params.get('error') || undefined,
    errorDescription: params.get('error_description') || undefined,
  };
}

/**
 * Reads a pasted callback: a full URL (`https://…/relay/?code=…&state=…`, `vscode://…/callback?…`)
 * or just its query. Parameters in the fragment count too (some hosts move them there).
 * Undefined when it carries neither `state` nor `code`.
 */
export function parsePastedCallback(text: string): CallbackParams | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  let query = trimmed;
  let fragment = '';
  const schemeMatch = /^[a-z][a-z0-9+.-]*:/i.test(trimmed);
  if (schemeMatch) {
    try {
      const url = new URL(trimmed);
      query = url.search;
      fragment = url.hash.replace(/^#/, '');
    } catch {
      return undefined;
    }
  }
  let params = parseCallbackQuery(query);
  if (!params.state && !params.code && fragment) {
    params = parseCallbackQuery(fragment);
  }
  return params.state || params.code ? params : undefined;
}
