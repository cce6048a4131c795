// A scripted HttpClient: records every request, answers from a queue (a response or an error).
import { makeResponse } from '../../src/core/fetchHttpClient';
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/core/http';

export type Scripted = { status?: number; json?: unknown; body?: Buffer | string; headers?: Record<string, string> } | Error;

export class FakeHttp implements HttpClient {
  readonly requests: HttpRequest[] = [];
  private readonly queue: Scripted[] = [];

  reply(...answers: Scripted[]): this {
    this.queue.push(...answers);
    return this;
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    this.requests.push(req);
    const next = this.queue.shift();
    if (next === undefined) {
      throw new Error(`FakeHttp: no scripted answer for ${req.method} ${req.url}`);
    }
    if (next instanceof Error) {
      throw next;
    }
    const body =
      next.json !== undefined
        ? Buffer.from(JSON.stringify(next.json))
        : Buffer.isBuffer(next.body)
          ? next.body
          : Buffer.from(next.body ?? '');
    return makeResponse(next.status ?? 200, next.headers ?? { 'content-type': 'application/json' }, body, undefined, 'Dropbox Sign');
  }

  get last(): HttpRequest {
    const req = this.requests[this.requests.length - 1];
    if (!req) {
      throw new Error('FakeHttp: no request made');
    }
    return req;
  }
}

export const settings = () => ({ apiBaseUrl: 'https://api.example.test/v3/', oauthBaseUrl: 'https://app.example.test' });
