// Reports the rate-limit headers of every response (and every 429) the HTTP layer sees (the status bar's
// "rate limit remaining", the auto refresh's pacing).
// A decorator over HttpClient, so neither the HTTP code nor the providers know who listens.
import { RateLimitError } from './errors';
import type { HttpClient, HttpRequest, HttpResponse, RateLimitInfo } from './http';

export function observeRateLimits(inner: HttpClient, onRateLimit: (info: RateLimitInfo) => void): HttpClient {
  const report = (info: RateLimitInfo | undefined): void => {
    if (info && info.remaining !== undefined) {
      try {
        onRateLimit(info);
      } catch {
        // A listener must never break a request.
      }
    }
  };
  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      try {
        const response = await inner.request(req);
        report(response.rateLimit);
        return response;
      } catch (error) {
        if (error instanceof RateLimitError) {
          report({ limit: error.limit, remaining: error.remaining ?? 0, resetAt: error.resetAt });
        }
        throw error;
      }
    },
  };
}
