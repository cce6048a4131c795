import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';
import { afterEach, beforeEach, describe, it } from 'mocha';
import {
  AuthError,
  BadResponseError,
  CancelledError,
  NetworkError,
  RateLimitError,
  ServerError,
} from '../../../src/core/errors';
import { buildUrl, FetchHttpClient } from '../../../src/core/fetchHttpClient';
import type { ErrorBodyReader, HttpRequest } from '../../../src/core/http';
import { describeError, RedactingLogger, SecretRegistry } from '../../../src/core/log';
import { RecordingLogger } from '../../support/log';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** JSON `{error:{error_msg,error_name}}` reader, like a provider's. */
const readError: ErrorBodyReader = (_status, body) => {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { error?: { error_msg?: string; error_name?: string } };
    return parsed.error ? { message: parsed.error.error_msg, errorName: parsed.error.error_name } : undefined;
  } catch {
    return undefined;
  }
};


describe('FetchHttpClient (against a local server)', () => {
  let server: http.Server;
  let base: string;
  let handler: Handler;
  let received: Received[];
  let logger: RecordingLogger;
  let client: FetchHttpClient;

  beforeEach(async () => {
    received = [];
    handler = (_req, res) => res.end();
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        handler(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    logger = new RecordingLogger();
    client = new FetchHttpClient({ serviceLabel: 'Dropbox Sign', userAgent: 'SignDesk-test/1.0', readError, logger, timeoutMs: 2000 });
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function json(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(value));
  }

  it('sends a GET with query, user agent and headers; returns status, headers, body and rate limit', async () => {
    const reset = Math.floor(Date.now() / 1000) + 60;
    handler = (_req, res) =>
      json(res, 200, { ok: true }, { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '99', 'X-Ratelimit-Reset': String(reset) });
    const res = await client.request({
      method: 'GET',
      url: `${base}/v3/thing`,
      query: { page: 2, q: 'a b&c', skip: undefined, flag: true, ids: ['x', 'y'] },
      headers: { Authorization: 'Bearer abc' },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { ok: true });
    assert.equal(res.text(), '{"ok":true}');
    assert.equal(res.headers['content-type'], 'application/json');
    assert.deepEqual(res.rateLimit, { limit: 100, remaining: 99, resetAt: new Date(reset * 1000) });
    assert.equal(received[0].method, 'GET');
    assert.equal(received[0].url, '/v3/thing?page=2&q=a+b%26c&flag=true&ids=x&ids=y');
    assert.equal(received[0].headers['user-agent'], 'SignDesk-test/1.0');
    assert.equal(received[0].headers.authorization, 'Bearer abc');
  });

  it('leaves rateLimit undefined when no rate-limit header is present', async () => {
    handler = (_req, res) => json(res, 200, {});
    const res = await client.request({ method: 'GET', url: `${base}/x` });
    assert.equal(res.rateLimit, undefined);
  });

  it('encodes a JSON body', async () => {
    handler = (_req, res) => json(res, 200, {});
    await client.request({ method: 'POST', url: `${base}/x`, body: { json: { email_address: 'a@b.c', n: [1] } } });
    assert.equal(received[0].headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(received[0].body.toString()), { email_address: 'a@b.c', n: [1] });
  });

  it('encodes a form body', async () => {
    handler = (_req, res) => json(res, 200, {});
    await client.request({ method: 'POST', url: `${base}/x`, body: { form: { grant_type: 'refresh_token', x: 'a&b=c' } } });
    assert.equal(received[0].headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(received[0].body.toString(), 'grant_type=refresh_token&x=a%26b%3Dc');
  });

  it('round-trips a multipart body (fields in order, binary files intact)', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\r\n--not-a-boundary\r\n'), Buffer.from([0, 255, 13, 10, 45, 45])]);
    const parsed: { fields: Array<[string, string]>; files: Array<{ field: string; filename: string; mimeType: string; data: Buffer }> } = {
      fields: [],
      files: [],
    };
    handler = (req, res, body) => {
      const bb = busboy({ headers: req.headers });
      bb.on('field', (name, value) => parsed.fields.push([name, value]));
      bb.on('file', (field, stream, info) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () =>
          parsed.files.push({ field, filename: info.filename ?? '', mimeType: info.mimeType, data: Buffer.concat(chunks) }),
        );
      });
      bb.on('close', () => json(res, 200, {}));
      bb.end(body);
    };
    await client.request({
      method: 'POST',
      url: `${base}/send`,
      body: {
        multipart: {
          fields: [
            ['title', 'Contract "Q3"'],
            ['signers[0][email_address]', 'jack@example.com'],
            ['signers[0][name]', 'Jäck'],
          ],
          files: [
            { field: 'files[0]', filename: 'nda.pdf', contentType: 'application/pdf', data: pdf },
            { field: 'files[1]', filename: 'notes.txt', contentType: 'text/plain', data: Buffer.from('hi') },
          ],
        },
      },
    });
    assert.match(String(received[0].headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.deepEqual(parsed.fields, [
      ['title', 'Contract "Q3"'],
      ['signers[0][email_address]', 'jack@example.com'],
      ['signers[0][name]', 'Jäck'],
    ]);
    assert.equal(parsed.files.length, 2);
    assert.deepEqual(
      parsed.files.map((f) => [f.field, f.filename, f.mimeType]),
      [
        ['files[0]', 'nda.pdf', 'application/pdf'],
        ['files[1]', 'notes.txt', 'text/plain'],
      ],
    );
    assert.ok(parsed.files[0].data.equals(pdf));
  });

  it('times out with NetworkError{timedOut}', async () => {
    handler = () => undefined; // never answers
    const fast = new FetchHttpClient({ serviceLabel: 'Dropbox Sign', userAgent: 'ua', readError, timeoutMs: 100 });
    await assert.rejects(fast.request({ method: 'GET', url: `${base}/slow` }), (error: unknown) => {
      assert.ok(error instanceof NetworkError);
      assert.equal(error.timedOut, true);
      assert.match(error.message, /did not answer in time/);
      return true;
    });
    assert.equal(received.length, 1, 'a timeout is not retried');
  });

  it('per-request timeoutMs overrides the default', async () => {
    handler = () => undefined;
    await assert.rejects(
      client.request({ method: 'GET', url: `${base}/slow`, timeoutMs: 50 }),
      (error: unknown) => error instanceof NetworkError && error.timedOut,
    );
  });

  it('maps 500 with a JSON error body to ServerError with the service message', async () => {
    handler = (_req, res) => json(res, 500, { error: { error_msg: 'Internal hiccup', error_name: 'unknown' } });
    await assert.rejects(client.request({ method: 'GET', url: `${base}/x` }), (error: unknown) => {
      assert.ok(error instanceof ServerError);
      assert.equal(error.status, 500);
      assert.equal(error.errorName, 'unknown');
      assert.equal(error.message, 'Internal hiccup');
      return true;
    });
  });

  it('maps an HTML 503 to ServerError with a default message', async () => {
    handler = (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/html' });
      res.end('<html><body>Service Unavailable</body></html>');
    };
    await assert.rejects(client.request({ method: 'GET', url: `${base}/x` }), (error: unknown) => {
      assert.ok(error instanceof ServerError);
      assert.equal(error.status, 503);
      assert.equal(error.message, 'The service had a problem (HTTP 503).');
      return true;
    });
  });

  it('resolves a 2xx with malformed JSON, whose json() throws BadResponseError', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"account": ');
    };
    const res = await client.request({ method: 'GET', url: `${base}/x` });
    assert.throws(() => res.json(), (error: unknown) => {
      assert.ok(error instanceof BadResponseError);
      assert.equal(error.message, 'Dropbox Sign sent an answer SignDesk could not read.');
      // The content type goes to the log (through the cause), never into the message.
      assert.match(describeError(error), /caused by Error: .*application\/json/);
      return true;
    });
  });

  it('says "web page" when a 2xx body is HTML', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>Login</title>');
    };
    const res = await client.request({ method: 'GET', url: `${base}/x` });
    assert.throws(() => res.json(), (error: unknown) => error instanceof BadResponseError && /web page/.test(error.message));
  });

  it('maps 401 to AuthError with the error name', async () => {
    handler = (_req, res) => json(res, 401, { error: { error_msg: 'Access token expired', error_name: 'unauthorized' } });
    await assert.rejects(client.request({ method: 'GET', url: `${base}/x` }), (error: unknown) => {
      assert.ok(error instanceof AuthError);
      assert.equal(error.kind, 'auth');
      assert.equal(error.errorName, 'unauthorized');
      assert.equal(error.message, 'Access token expired');
      return true;
    });
  });

  it('maps 429 to RateLimitError with reset time, limit and remaining', async () => {
    const reset = Math.floor(Date.now() / 1000) + 60;
    handler = (_req, res) =>
      json(
        res,
        429,
        { error: { error_msg: 'Rate limit exceeded', error_name: 'exceeded_rate' } },
        { 'x-ratelimit-limit': '25', 'X-RATELIMIT-REMAINING': '0', 'X-Ratelimit-Reset': String(reset) },
      );
    await assert.rejects(client.request({ method: 'POST', url: `${base}/x` }), (error: unknown) => {
      assert.ok(error instanceof RateLimitError);
      assert.equal(error.errorName, 'exceeded_rate');
      assert.deepEqual(error.resetAt, new Date(reset * 1000));
      assert.equal(error.limit, 25);
      assert.equal(error.remaining, 0);
      return true;
    });
  });

  it('maps a connection dropped before any response to NetworkError and retries a GET once', async () => {
    handler = (req) => req.socket.destroy();
    await assert.rejects(client.request({ method: 'GET', url: `${base}/x` }), (error: unknown) => {
      assert.ok(error instanceof NetworkError);
      assert.equal(error.timedOut, false);
      assert.equal(error.errorName, 'ECONNRESET');
      assert.match(error.message, /^Could not reach 127\.0\.0\.1:\d+ \(ECONNRESET\)\.$/);
      return true;
    });
    assert.equal(received.length, 2);
  });

  it('a GET retry that succeeds returns the second response', async () => {
    handler = (req, res) => (received.length === 1 ? req.socket.destroy() : json(res, 200, { second: true }));
    const res = await client.request({ method: 'GET', url: `${base}/x` });
    assert.deepEqual(res.json(), { second: true });
    assert.equal(received.length, 2);
  });

  for (const method of ['POST', 'PUT', 'DELETE'] as const) {
    it(`never retries a ${method}`, async () => {
      handler = (req) => req.socket.destroy();
      await assert.rejects(client.request({ method, url: `${base}/x`, body: { json: {} } }), NetworkError);
      assert.equal(received.length, 1);
    });
  }

  it('maps a connection dropped mid-body to NetworkError without retrying', async () => {
    handler = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': '1000' });
      res.write('%PDF-1.4 partial', () => req.socket.destroy());
    };
    await assert.rejects(client.request({ method: 'GET', url: `${base}/file` }), (error: unknown) => {
      assert.ok(error instanceof NetworkError);
      assert.equal(error.timedOut, false);
      assert.match(error.message, /dropped/);
      return true;
    });
    assert.equal(received.length, 1);
  });

  it('maps a chunked response dropped mid-body to NetworkError', async () => {
    handler = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/pdf' }); // no Content-Length → chunked
      res.write('%PDF-1.4 partial', () => req.socket.destroy());
    };
    await assert.rejects(
      client.request({ method: 'GET', url: `${base}/file` }),
      (error: unknown) => error instanceof NetworkError && !error.timedOut && /dropped/.test(error.message),
    );
  });

  it('keeps connections alive between requests (the drop watcher does not break pooling)', async () => {
    const ports: number[] = [];
    handler = (req, res) => {
      ports.push(req.socket.remotePort ?? -1);
      json(res, 200, {});
    };
    await client.request({ method: 'GET', url: `${base}/a` });
    await client.request({ method: 'GET', url: `${base}/b` });
    assert.equal(ports.length, 2);
    assert.equal(ports[0], ports[1]);
  });

  it('maps a refused connection to NetworkError (Could not reach)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(client.request({ method: 'GET', url: `http://127.0.0.1:${port}/x` }), (error: unknown) => {
      assert.ok(error instanceof NetworkError);
      assert.equal(error.errorName, 'ECONNREFUSED');
      return true;
    });
  });

  it('turns the caller aborting into CancelledError', async () => {
    const controller = new AbortController();
    handler = () => controller.abort(); // abort once the server has the request
    await assert.rejects(
      client.request({ method: 'GET', url: `${base}/x`, signal: controller.signal }),
      (error: unknown) => error instanceof CancelledError && error.kind === 'cancelled',
    );
    assert.equal(received.length, 1, 'a cancel is not retried');
  });

  it('does not send anything when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(client.request({ method: 'POST', url: `${base}/x`, signal: controller.signal }), CancelledError);
    assert.equal(received.length, 0);
  });

  it('logs method, redacted URL, status and duration, never the token', async () => {
    handler = (_req, res) => json(res, 401, {});
    const req: HttpRequest = {
      method: 'GET',
      url: `${base}/cb`,
      query: { access_token: 'SECRET-TOKEN-1', page: 1 },
      headers: { Authorization: 'Bearer SECRET-TOKEN-2' },
    };
    await assert.rejects(client.request(req), AuthError);
    assert.equal(logger.lines.length, 1);
    assert.match(logger.lines[0], /^debug GET http:\/\/127\.0\.0\.1:\d+\/cb\?access_token=\[REDACTED\]&page=1 → 401 \(\d+ ms, 2 bytes\)$/);
    assert.ok(!logger.lines.join('\n').includes('SECRET-TOKEN'));
  });

  /** A LogOutputChannel stand-in at `level` (vscode.LogLevel: Trace 1, Debug 2), behind the real redaction. */
  function channelAt(level: number): { lines: string[]; logger: RedactingLogger } {
    const lines: string[] = [];
    const sink = { logLevel: level, trace: (m: string) => lines.push(`trace ${m}`), debug: (m: string) => lines.push(`debug ${m}`), info: () => undefined, warn: () => undefined, error: () => undefined };
    return { lines, logger: new RedactingLogger(sink, new SecretRegistry()) };
  }

  const tokenExchange: HttpRequest = {
    method: 'POST',
    url: '',
    body: { form: { grant_type: 'authorization_code', code: 'CodeAbc123456', client_id: 'app-1', client_secret: 'ClientSecretXyz789' } },
  };

  it('at trace level logs request headers and readable bodies, redacted: a token exchange shows no code, secret or token', async () => {
    handler = (_req, res) => json(res, 200, { access_token: 'AccessTok456Qwerty', refresh_token: 'RefreshTok789Asdfg', expires_in: 3600 });
    const { lines, logger: traced } = channelAt(1);
    const tracing = new FetchHttpClient({ serviceLabel: 'Dropbox Sign', userAgent: 'SignDesk-test/1.0', readError, logger: traced, timeoutMs: 2000 });
    await tracing.request({ ...tokenExchange, url: `${base}/oauth/token`, headers: { Authorization: 'Basic QXBpS2V5U2VjcmV0MTIzOg==' } });
    const text = lines.join('\n');
    assert.match(text, /trace POST \S+\/oauth\/token request headers \{.*"Authorization":"Basic \[REDACTED\]".*\}, body grant_type=authorization_code&code=\[REDACTED\]&client_id=app-1&client_secret=\[REDACTED\]/);
    assert.match(text, /trace POST \S+\/oauth\/token response body \{"access_token":"\[REDACTED\]","refresh_token":"\[REDACTED\]","expires_in":3600\}/);
    for (const secret of ['CodeAbc123456', 'ClientSecretXyz789', 'AccessTok456Qwerty', 'RefreshTok789Asdfg', 'QXBpS2V5U2VjcmV0MTIzOg==']) {
      assert.ok(!text.includes(secret), `the log shows ${secret}`);
    }
  });

  it('at trace level a binary or large body is summarised by type and size, not printed', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/pdf' });
      res.end(Buffer.alloc(1234, 7));
    };
    const { lines, logger: traced } = channelAt(1);
    const tracing = new FetchHttpClient({ serviceLabel: 'Dropbox Sign', userAgent: 'SignDesk-test/1.0', readError, logger: traced, timeoutMs: 2000 });
    await tracing.request({ method: 'POST', url: `${base}/files`, body: { json: { note: 'x'.repeat(20_000) } } });
    assert.ok(lines.some((l) => l.includes('response body [application/pdf, 1234 bytes]')), lines.join('\n'));
    assert.ok(lines.some((l) => /body \[application\/json, 200\d\d bytes\]/.test(l)), lines.join('\n'));
  });

  it('below trace level logs no headers or bodies', async () => {
    handler = (_req, res) => json(res, 200, { access_token: 'AccessTok456Qwerty' });
    const { lines, logger: debugOnly } = channelAt(2);
    const client2 = new FetchHttpClient({ serviceLabel: 'Dropbox Sign', userAgent: 'SignDesk-test/1.0', readError, logger: debugOnly, timeoutMs: 2000 });
    await client2.request({ ...tokenExchange, url: `${base}/oauth/token` });
    assert.deepEqual(lines.filter((l) => l.startsWith('trace')), []);
    assert.equal(lines.length, 1);
  });
});

describe('buildUrl', () => {
  it('appends to an existing query (e.g. /oauth/token?refresh) and keeps a fragment', () => {
    assert.equal(buildUrl('https://x/oauth/token?refresh', { a: 1 }), 'https://x/oauth/token?refresh&a=1');
    assert.equal(buildUrl('https://x/p#frag', { a: 'b' }), 'https://x/p?a=b#frag');
    assert.equal(buildUrl('https://x/p?', { a: 'b' }), 'https://x/p?a=b');
  });

  it('returns the URL unchanged without (defined) query entries', () => {
    assert.equal(buildUrl('https://x/p', undefined), 'https://x/p');
    assert.equal(buildUrl('https://x/p', { a: undefined }), 'https://x/p');
  });
});
