// What the log shows of an HTTP exchange at trace level: the request headers and readable bodies, for
// debugging an integration. Secrets in them are removed by the RedactingLogger, as in every line.

/** Bodies above this are summarised, never cut: a cut could split a secret so redaction misses it. */
const MAX_LOGGED_BODY_BYTES = 16 * 1024;
const TEXTUAL = /^(?:application\/(?:[\w.+-]*\+)?(?:json|x-www-form-urlencoded)|text\/)/i;

export function bodyForLog(body: Buffer | undefined, contentType: string | undefined): string {
  if (!body || body.length === 0) {
    return '(empty)';
  }
  const type = contentType?.split(';')[0].trim() || 'no content type';
  if (!TEXTUAL.test(type) || body.length > MAX_LOGGED_BODY_BYTES) {
    return `[${type}, ${body.length} bytes]`;
  }
  return body.toString('utf8');
}

export function headersForLog(headers: Record<string, string>): string {
  return JSON.stringify(headers);
}
