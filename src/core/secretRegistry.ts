// The live secrets the log must never show, and the one compiled pattern that finds them. Bounded and
// cached because every log line runs through it: an unbounded set (fed by anyone who can reach a
// callback) would grow the pattern without limit and recompile it per line.

/** Registered secrets shorter than this are ignored: redacting e.g. "a" would shred every line. */
export const MIN_SECRET_LENGTH = 4;

/**
 * Enough for the client secret, the API key, every signed-in account's tokens and a long tail of
 * superseded ones. Live values are re-added whenever they are read (sessions, app credentials), which
 * keeps them at the fresh end; only values nobody has used for a long time fall off.
 */
export const DEFAULT_SECRET_CAPACITY = 256;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function secretVariants(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])];
}

/**
 * One global pattern matching every given secret and its URL-/JSON-encoded forms, longest first (so a
 * secret containing another is replaced whole); undefined when there is nothing to match.
 */
export function secretsPattern(secrets: Iterable<string>): RegExp | undefined {
  const values = [...secrets]
    .filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
    .flatMap(secretVariants)
    .sort((a, b) => b.length - a.length);
  return values.length > 0 ? new RegExp(values.map(escapeRegExp).join('|'), 'g') : undefined;
}

/**
 * Live secrets (current access/refresh tokens, client secret, API key, an accepted authorization code)
 * fed by the auth layer, so that even an unexpected place that prints one (an error message echoing a
 * URL, a stack) cannot leak it. Superseded tokens stay registered (late log lines may still mention
 * them) until the least recently added fall off the end.
 */
export class SecretRegistry {
  /** Insertion order is recency: adding a known value moves it to the end. */
  private readonly secrets = new Set<string>();
  /** The pattern for the current set; undefined once the set changed (compiled again on next use). */
  private compiled: RegExp | null | undefined = null;
  /** How often the pattern was compiled: once per change of the set, not per use (tests read it). */
  patternBuilds = 0;

  constructor(private readonly capacity = DEFAULT_SECRET_CAPACITY) {}

  add(value: string | undefined): void {
    if (!value || value.length < MIN_SECRET_LENGTH) {
      return;
    }
    if (this.secrets.delete(value)) {
      this.secrets.add(value); // still the same set: the pattern stays valid
      return;
    }
    this.secrets.add(value);
    if (this.secrets.size > this.capacity) {
      this.secrets.delete(this.secrets.values().next().value as string);
    }
    this.compiled = undefined;
  }

  delete(value: string): void {
    if (this.secrets.delete(value)) {
      this.compiled = undefined;
    }
  }

  values(): Iterable<string> {
    return this.secrets.values();
  }

  /** The pattern matching every registered secret; compiled again only after the set changed. */
  pattern(): RegExp | undefined {
    if (this.compiled === undefined) {
      this.compiled = secretsPattern(this.secrets) ?? null;
      this.patternBuilds += 1;
    }
    return this.compiled ?? undefined;
  }
}
