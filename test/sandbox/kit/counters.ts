// Request counters the admin API reports (e.g. "exactly one refresh for 100 concurrent calls").
export class Counters {
  /** POST /oauth/token requests by grant_type, counted when the body is read (faulted requests excluded) */
  token: Record<string, number> = {};
  /** successful token responses by grant_type */
  tokenIssued: Record<string, number> = {};
  /** every request by `METHOD /path-template` (spec path for /v3, raw path otherwise), faults included */
  http: Record<string, number> = {};
  /** 429 answers */
  rateLimited = 0;

  bump(map: Record<string, number>, key: string): void {
    map[key] = (map[key] ?? 0) + 1;
  }

  snapshot(): { token: Record<string, number>; tokenIssued: Record<string, number>; http: Record<string, number>; rateLimited: number } {
    return { token: { ...this.token }, tokenIssued: { ...this.tokenIssued }, http: { ...this.http }, rateLimited: this.rateLimited };
  }

  reset(): void {
    this.token = {};
    this.tokenIssued = {};
    this.http = {};
    this.rateLimited = 0;
  }
}
