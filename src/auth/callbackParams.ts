// What an OAuth callback carries, read from the query that reached us (URI handler, loopback server)
// or from a URL the user pasted (manual mode).

export interface CallbackParams {
  code?: string;
  state?: string;
  /** RFC 6749 error, e.g. access_denied. */
  error?: string;
  errorDescription?: string;
}

function nonEmpty(value: string | null): string | undefined {
  return value === null || value === '' ? undefined : value;
}

export function parseCallbackQuery(query: string): CallbackParams {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  return {
    code: nonEmpty(params.get('code')),
    state: nonEmpty(params.get('state')),
    error: nonEmpty(params.get('error')),
    errorDescription: nonEmpty(params.get('error_description')),
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
