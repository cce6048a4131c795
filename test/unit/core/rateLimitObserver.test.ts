import * as assert from 'node:assert/strict';
import { NotFoundError, RateLimitError } from '../../../src/core/errors';
import type { HttpClient, HttpResponse, RateLimitInfo } from '../../../src/core/http';
import { observeRateLimits } from '../../../src/core/rateLimitObserver';

function response(rateLimit?: RateLimitInfo): HttpResponse {
  return { status: 200, headers: {}, body: Buffer.alloc(0), rateLimit, text: () => '', json: <T>() => ({}) as T };
}

describe('observeRateLimits (status bar feed)', () => {
  it('reports the rate-limit info of each response and passes the response through', async () => {
    const seen: RateLimitInfo[] = [];
    const info = { limit: 100, remaining: 42, resetAt: new Date(0) };
    const inner: HttpClient = { request: async () => response(info) };
    const res = await observeRateLimits(inner, (i) => seen.push(i)).request({ method: 'GET', url: 'http://x/' });
    assert.equal(res.rateLimit, info);
    assert.deepEqual(seen, [info]);
  });

  it('reports 0 remaining on a 429 and rethrows; other errors and missing headers report nothing', async () => {
    const seen: RateLimitInfo[] = [];
    const resetAt = new Date(5000);
    let next: () => Promise<HttpResponse> = () => Promise.reject(new RateLimitError('slow down', { limit: 100, resetAt }));
    const client = observeRateLimits({ request: () => next() }, (i) => seen.push(i));
    await assert.rejects(client.request({ method: 'GET', url: 'http://x/' }), RateLimitError);
    next = () => Promise.reject(new NotFoundError('gone'));
    await assert.rejects(client.request({ method: 'GET', url: 'http://x/' }), NotFoundError);
    next = () => Promise.resolve(response(undefined));
    await client.request({ method: 'GET', url: 'http://x/' });
    assert.deepEqual(seen, [{ limit: 100, remaining: 0, resetAt }]);
  });
});
