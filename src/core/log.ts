// Logging with redaction. VS Code-free: the VS Code LogOutputChannel satisfies LogSink structurally,
// so the composition root passes it straight to RedactingLogger.
import { printable } from './printable';
import { SecretRegistry, secretsPattern } from './secretRegistry';

export { SecretRegistry } from './secretRegistry';

export const REDACTED = '[REDACTED]';

/**
 * Separator inside a secret's name, so one entry matches snake_case, kebab-case, camelCase (matching
 * ignores case) and URL-encoded spellings: access_token, access-token, accessToken, access%5Ftoken.
 */
const SEP = '(?:_|-|%5[Ff]|%2[Dd])?';

/** Names whose values are secrets wherever they appear as a key (regex sources, see SEP). */
const SECRET_KEYS = [
  `access${SEP}token`,
  `refresh${SEP}token`,
  `id${SEP}token`,
  `oauth${SEP}token`,
  `(?:x${SEP})?auth${SEP}token`,
  `session${SEP}token`,
  `client${SEP}secret`,
  `(?:x${SEP})?api${SEP}key`,
  `private${SEP}key`,
  `(?:code${SEP}|oauth${SEP})?verifier`,
  `auth(?:orization)?${SEP}code`,
  'code',
  'state',
  'nonce',
  'password',
  'passwd',
  'token',
  'secret',
];

const KEYS = SECRET_KEYS.join('|');
// `code` must not match `status_code`, `errorCode`, `error%5Fcode`: the key must not continue a longer
// identifier. A percent-escape before it (`%26code`, an encoded `&`) is a boundary, unless it encodes `_ - .`.
const KEY_START = '(?:(?<![A-Za-z0-9_.%-])|(?<=%(?!5[Ff]|2[DdEe])[0-9A-Fa-f]{2}))';
// The key in quotes of any kind, or none: "key", 'key', `key`, \"key\" (JSON inside a string), &quot;key&quot;.
const QUOTED_KEY = `(?<quote>\\\\?["'\`]|&quot;)?(?:${KEYS})\\k<quote>`;
// A quoted value: JSON/YAML/Python double or single quotes (Python bytes b'…' too), JSON inside a string
// (\"…\"), HTML-escaped; or an opening quote whose string was cut off.
const QUOTED_VALUE = `b?"(?:[^"\\\\]|\\\\.)*"|b?'(?:[^'\\\\]|\\\\.)*'|\\\\"[^"]*?\\\\"|&quot;[^&"<>\\s]*&quot;|b?["'][^\\s"'<>,;&#)}\\]\\\\]+`;
// A bare value ends at whitespace or a delimiter of the syntax around it; after an encoded `=` also at
// an encoded `&` or `#`.
const BARE_VALUE = `[^\\s"'<>,;&#)}\\]\\\\]+`;
const BARE_ENCODED_VALUE = `(?:(?!%26|%23)[^\\s"'<>,;&#)}\\]\\\\])+`;

/** `"[REDACTED]"` for a quoted value (its quotes kept), `[REDACTED]` for a bare one. */
function redactValue(value: string): string {
  for (const open of ['\\"', '&quot;', 'b"', "b'", '"', "'"]) {
    if (value.startsWith(open)) {
      const close = open.replace(/^b/, '');
      const closed = value.length >= open.length + close.length && value.endsWith(close);
      return `${open}${REDACTED}${closed ? close : ''}`;
    }
  }
  return REDACTED;
}

type Replacement = string | ((match: string, ...groups: string[]) => string);

function keyValuePattern(separator: string, bareValue: string): [RegExp, Replacement] {
  return [
    new RegExp(`${KEY_START}(${QUOTED_KEY}\\s*(?:${separator})\\s*)(${QUOTED_VALUE}|${bareValue})`, 'gi'),
    (_match, prefix: string, _quote: string, value: string) => `${prefix}${redactValue(value)}`,
  ];
}

const PATTERNS: Array<[RegExp, Replacement]> = [
  // Authorization / Proxy-Authorization headers in any notation: `Authorization: Bearer x`,
  // `"authorization":"Basic x"`, `authorization=Bearer x`, `\"authorization\":\"x\"`.
  [
    /\b((?:proxy-)?authorization(?:\\?["'])?\s*[:=]\s*(?:\\?["'])?)(?:(bearer|basic|token)\s+)?[^\s"',;}\\]+/gi,
    (_match, prefix: string, scheme: string | undefined) => `${prefix}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  ],
  // Bare `Bearer <token>` / `Basic <base64>` anywhere else.
  [/\b(bearer|basic)\s+(?!\[REDACTED\])[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  // Secret-named keys in JSON, JS, Python, YAML, headers (`key: value`), query strings, form bodies and
  // assignments (`key=value`, `key = value`), in any quoting.
  keyValuePattern(':|=', BARE_VALUE),
  // The same in a URL-encoded URL (a redirect_uri's own query): `code%3D…%26state%3D…`.
  keyValuePattern('%3[Dd]', BARE_ENCODED_VALUE),
  // JWTs anywhere.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // 64 or more hex digits, letters and digits mixed, anywhere: client secrets, API keys and tokens of the
  // services look like that (their ids have 32 or 40).
  [/(?<![A-Za-z0-9])[0-9A-Fa-f]{64,}(?![A-Za-z0-9])/g, (run) => (/[0-9]/.test(run) && /[A-Fa-f]/.test(run) ? REDACTED : run)],
];

/** Looks like an opaque credential: long, and mixes upper case, lower case and digits (unlike our hex ids). */
const TOKENISH = /[A-Za-z0-9_~+/=%-]{32,}/g;
function looksLikeToken(run: string): boolean {
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run);
}

function redactUrls(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s"'<>]+/gi, (url) =>
    url.replace(TOKENISH, (run) => (looksLikeToken(run) ? REDACTED : run)),
  );
}

/**
 * Removes secrets from text: exact registered values (and their URL-/JSON-encoded forms) first,
 * then known shapes (Authorization headers, secret-named keys in query/form/JSON, JWTs, token-like
 * runs inside URLs). A SecretRegistry lends its cached pattern; a plain list is compiled per call.
 */
export function redact(text: string, secrets?: Iterable<string> | SecretRegistry): string {
  let out = text;
  const known = secrets instanceof SecretRegistry ? secrets.pattern() : secrets ? secretsPattern(secrets) : undefined;
  if (known) {
    out = out.replace(known, REDACTED);
  }
  for (const [pattern, replacement] of PATTERNS) {
    // Two calls because String.replace's overloads do not accept the union.
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  return redactUrls(out);
}

/** Longest text from a service (an error message, a warning) that SignDesk shows a user. */
export const MAX_USER_TEXT_LENGTH = 300;

/**
 * Text from outside (a service's error message or warning) made fit to show a user: secrets removed
 * (registered values and known shapes), then one line, then clipped to `maxLength` with "…". Redaction
 * comes first because a clipped secret no longer matches its registered value.
 */
export function userFacingText(text: string, secrets?: Iterable<string>, maxLength = MAX_USER_TEXT_LENGTH): string {
  // Line breaks become spaces; other control characters (escapes, bidi overrides) are shown escaped.
  const oneLine = printable(redact(text, secrets).replace(/\s+/g, ' ').trim());
  if (oneLine.length <= maxLength) {
    return oneLine;
  }
  let cut = oneLine.slice(0, maxLength - 1);
  // Never leave half a marker ("[REDA…") or half a surrogate pair.
  const open = cut.lastIndexOf('[');
  if (open >= 0 && REDACTED.startsWith(cut.slice(open))) {
    cut = cut.slice(0, open);
  }
  if (/[\uD800-\uDBFF]$/.test(cut)) {
    cut = cut.slice(0, -1);
  }
  return `${cut}…`;
}

/** Where the live secrets can be read (a SecretRegistry). */
export interface SecretSource {
  values(): Iterable<string>;
}

/** What a log destination must offer; vscode.LogOutputChannel satisfies it. */
export interface LogSink {
  /** vscode.LogLevel of a LogOutputChannel (Off 0, Trace 1, Debug 2, …); absent: everything is kept. */
  readonly logLevel?: number;
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface Logger {
  /** Whether trace lines are kept; lets callers skip building costly ones (absent: assume not). */
  isTraceEnabled?(): boolean;
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

const STACK_FRAMES = 3;

/**
 * One line describing an error, safe for redaction: name, message, status/errorName when present,
 * a short stack summary and one level of cause. Never dumps objects (they may hold tokens in fields).
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const fields = error as Error & { status?: unknown; errorName?: unknown; cause?: unknown };
    const extras: string[] = [];
    if (typeof fields.status === 'number') {
      extras.push(`status ${fields.status}`);
    }
    if (typeof fields.errorName === 'string') {
      extras.push(fields.errorName);
    }
    let line = `${error.name}: ${error.message}`;
    if (extras.length > 0) {
      line += ` (${extras.join(', ')})`;
    }
    const frames = (error.stack ?? '')
      .split('\n')
      .slice(1)
      .map((frame) => frame.trim().replace(/^at /, ''))
      .filter((frame) => frame.length > 0)
      .slice(0, STACK_FRAMES);
    if (frames.length > 0) {
      line += ` [at ${frames.join(' < ')}]`;
    }
    if (fields.cause instanceof Error) {
      line += ` caused by ${fields.cause.name}: ${fields.cause.message}`;
    }
    return line;
  }
  if (typeof error === 'string' || typeof error === 'number' || typeof error === 'boolean') {
    return String(error);
  }
  if (error === null || error === undefined) {
    return String(error);
  }
  const ctor = (error as { constructor?: { name?: string } }).constructor?.name;
  return `[non-error ${ctor ?? typeof error}]`;
}

const TRACE_LEVEL = 1; // vscode.LogLevel.Trace

export class RedactingLogger implements Logger {
  constructor(
    private readonly sink: LogSink,
    private readonly secrets: SecretRegistry = new SecretRegistry(),
  ) {}

  isTraceEnabled(): boolean {
    return this.sink.logLevel === undefined || this.sink.logLevel === TRACE_LEVEL;
  }

  trace(message: string): void {
    this.sink.trace(this.clean(message));
  }

  debug(message: string): void {
    this.sink.debug(this.clean(message));
  }

  info(message: string): void {
    this.sink.info(this.clean(message));
  }

  warn(message: string, error?: unknown): void {
    this.sink.warn(this.clean(withError(message, error)));
  }

  error(message: string, error?: unknown): void {
    this.sink.error(this.clean(withError(message, error)));
  }

  private clean(text: string): string {
    return redact(text, this.secrets);
  }
}

function withError(message: string, error: unknown): string {
  return error === undefined ? message : `${message}: ${describeError(error)}`;
}

/** For tests and for code paths built before the log exists. */
export const noopLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
