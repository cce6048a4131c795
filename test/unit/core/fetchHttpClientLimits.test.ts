// FetchHttpClient's limits against local servers: response size caps enforced while streaming (issue 10
// item 11) and redirects (item 12: none for requests that send data; a GET never carries Authorization to
// another origin).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'mocha';
import { BadResponseError, RedirectError, ResponseTooLargeError, ServerError } from '../../../src/core/errors';
import { DEFAULT_RESPONSE_LIMITS, FetchHttpClient } from '../../../src/core/fetchHttpClient';
import type { ErrorBodyReader } from '../../../src/core/http';
import { MAX_REDIRECTS, redirectTarget } from '../../../src/core/redirects';
import { bomb, endlessBody, startLocalServer, type LocalServer } from '../../support/localHttpServer';

const readError: ErrorBodyReader = () => undefined;
const KB = 1024;
const MB = 1024 * 1024;

describe('FetchHttpClient response size caps', () => {
  let server: LocalServer;

  beforeEach(async () => {
    server = await startLocalServer();
  });
  afterEach(() => server.close());

  const small = () => new FetchHttpClient({ serviceLabel: 'Dropbox Sign', userAgent: 'ua', readError, timeoutMs: 1500, responseLimits: { data: 64 * KB, file: 256 * KB } });

  it('caps data at a few MB and files higher', () => {
    assert.equal(DEFAULT_RESPONSE_LIMITS.data, 8 * MB);
    assert.ok(DEFAULT_RESPONSE_LIMITS.file >= 100 * MB);
  });

  it('refuses a 9 KB gzip body that inflates to 9 MB, with the default caps', async () => {
    const body = bomb('gzip', 9 * MB);
    assert.ok(body.length < 20 * KB);
    server.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': String(body.length) });
      res.end(body);
    };
    const client = new FetchHttpClient({ serviceLabel: 'Dropbox Sign', userAgent: 'ua', readError, timeoutMs: 5000 });
    await assert.rejects(client.request({ method: 'GET', url: `${server.base}/v3/signature_request/list` }), (error: unknown) => {
      assert.ok(error instanceof ResponseTooLargeError, String(error));
      assert.ok(error instanceof BadResponseError, 'kind badResponse, so every caller already handles it');
      assert.equal(error.kind, 'badResponse');
      assert.equal(error.limitBytes, 8 * MB);
      assert.match(error.message, /^127\.0\.0\.1:\d+ sent an answer larger than SignDesk accepts \(8 MB\), so SignDesk stopped reading it\.$/);
      return true;
    });
  });

  for (const encoding of ['gzip', 'deflate', 'br', 'identity'] as const) {
    it(`stops reading an endless ${encoding} body as soon as the cap is crossed (no buffering first, no timeout)`, async () => {
      let produced: Promise<number> = Promise.resolve(0);
      server.handler = (_req, res) => {
        produced = endlessBody(res, encoding);
      };
      await assert.rejects(small().request({ method: 'GET', url: `${server.base}/x` }), ResponseTooLargeError);
      // The server learns the connection is gone: it stopped producing a few MB in, not at the timeout.
      assert.ok((await produced) < 32 * MB, `the server produced ${await produced} bytes`);
    });
  }

  it('refuses a plain body whose Content-Length is over the cap before reading it', async () => {
    let produced: Promise<number> = Promise.resolve(0);
    server.handler = (_req, res) => {
      produced = endlessBody(res, 'identity', { 'Content-Length': String(10 * MB) });
    };
    await assert.rejects(small().request({ method: 'GET', url: `${server.base}/x` }), ResponseTooLargeError);
    assert.ok((await produced) < 10 * MB);
  });

  it('a file download gets the larger cap', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(128 * KB, 0x20)]);
    server.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/pdf' });
      res.end(pdf);
    };
    const res = await small().request({ method: 'GET', url: `${server.base}/files`, responseKind: 'file' });
    assert.ok(res.body.equals(pdf));
    await assert.rejects(small().request({ method: 'GET', url: `${server.base}/files` }), (error: unknown) => {
      assert.ok(error instanceof ResponseTooLargeError);
      assert.match(error.message, /sent an answer larger than SignDesk accepts \(64 KB\)/);
      return true;
    });
  });

  it('a file over the file cap says "a file"', async () => {
    server.handler = (_req, res) => void endlessBody(res, 'gzip', { 'Content-Type': 'application/pdf' });
    await assert.rejects(small().request({ method: 'GET', url: `${server.base}/files`, responseKind: 'file' }), (error: unknown) => {
      assert.ok(error instanceof ResponseTooLargeError);
      assert.match(error.message, /sent a file larger than SignDesk accepts \(256 KB\)/);
      return true;
    });
  });

  it('an error answer with a huge body is still the status error (its body is read only in part)', async () => {
    server.handler = (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/html' });
      res.end(Buffer.alloc(2 * MB, 0x41));
    };
    await assert.rejects(small().request({ method: 'GET', url: `${server.base}/x` }), (error: unknown) => {
      assert.ok(error instanceof ServerError, String(error));
      assert.equal(error.status, 503);
      return true;
    });
  });

  it('a body just under the cap is accepted whole', async () => {
    const body = Buffer.from(JSON.stringify({ pad: 'x'.repeat(64 * KB - 20) }));
    assert.ok(body.length <= 64 * KB);
    server.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(body);
    };
    const res = await small().request({ method: 'GET', url: `${server.base}/x` });
    assert.equal(res.body.length, body.length);
  });
});

describe('FetchHttpClient redirects', () => {
  let api: LocalServer;
  let other: LocalServer;
  const client = () => new FetchHttpClient({ serviceLabel: 'Dropbox Sign', userAgent: 'ua', readError, timeoutMs: 5000 });

  beforeEach(async () => {
    api = await startLocalServer();
    other = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"moved":true}');
    });
  });
  afterEach(async () => {
    await api.close();
    await other.close();
  });

  const redirectTo = (status: number, location: () => string) => {
    api.handler = (_req, res) => {
      res.writeHead(status, { Location: location() });
      res.end();
    };
  };

  for (const status of [301, 302, 303, 307, 308]) {
    it(`a POST answered ${status} to another host is not followed: RedirectError, nothing sent there`, async () => {
      redirectTo(status, () => `${other.base}/steal?x=1`);
      const body = { json: { grant_type: 'authorization_code', code: 'Code123', client_secret: 'Secret456' } };
      await assert.rejects(client().request({ method: 'POST', url: `${api.base}/oauth/token`, body }), (error: unknown) => {
        assert.ok(error instanceof RedirectError, String(error));
        assert.equal(error.kind, 'badResponse');
        assert.equal(error.status, status);
        assert.equal(error.target, other.base);
        assert.equal(
          error.message,
          `${new URL(api.base).host} answered with a redirect (HTTP ${status}) to ${other.base}. SignDesk does not follow redirects of requests that send data, so nothing was sent there. If the service has moved, check SignDesk's base URL settings.`,
        );
        assert.ok(!error.message.includes('steal'), 'only the origin is named');
        return true;
      });
      assert.equal(other.received.length, 0);
      assert.equal(api.received.length, 1, 'not retried');
    });
  }

  it('a POST redirected to its own origin is not followed either', async () => {
    redirectTo(307, () => `${api.base}/elsewhere`);
    await assert.rejects(client().request({ method: 'POST', url: `${api.base}/x`, body: { json: {} } }), RedirectError);
    assert.deepEqual(
      api.received.map((r) => r.url),
      ['/x'],
    );
  });

  it('a GET redirected to another origin is followed without Authorization', async () => {
    redirectTo(302, () => `${other.base}/file.pdf`);
    const res = await client().request({ method: 'GET', url: `${api.base}/x`, headers: { Authorization: 'Bearer Tok123', Accept: 'application/json' } });
    assert.deepEqual(res.json(), { moved: true });
    assert.equal(api.received[0].headers.authorization, 'Bearer Tok123');
    assert.equal(other.received.length, 1);
    assert.equal(other.received[0].headers.authorization, undefined);
    assert.equal(other.received[0].headers.accept, 'application/json');
  });

  it('a GET redirected within its origin keeps Authorization', async () => {
    api.handler = (req, res) => {
      if (req.url === '/old') {
        res.writeHead(301, { Location: '/new' });
        res.end();
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":1}');
      }
    };
    const res = await client().request({ method: 'GET', url: `${api.base}/old`, headers: { authorization: 'Bearer Tok123' } });
    assert.deepEqual(res.json(), { ok: 1 });
    assert.deepEqual(
      api.received.map((r) => [r.url, r.headers.authorization]),
      [
        ['/old', 'Bearer Tok123'],
        ['/new', 'Bearer Tok123'],
      ],
    );
  });

  it('a GET that left its origin does not get Authorization back when redirected home', async () => {
    api.handler = (req, res) => {
      if (req.url === '/start') {
        res.writeHead(302, { Location: `${other.base}/bounce` });
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{}');
      }
      res.end();
    };
    other.handler = (_req, res) => {
      res.writeHead(302, { Location: `${api.base}/home` });
      res.end();
    };
    await client().request({ method: 'GET', url: `${api.base}/start`, headers: { Authorization: 'Bearer Tok123' } });
    assert.deepEqual(
      api.received.map((r) => [r.url, r.headers.authorization]),
      [
        ['/start', 'Bearer Tok123'],
        ['/home', undefined],
      ],
    );
  });

  it(`a redirect loop stops after ${MAX_REDIRECTS} redirects with RedirectError`, async () => {
    redirectTo(302, () => `${api.base}/again`);
    await assert.rejects(client().request({ method: 'GET', url: `${api.base}/x` }), (error: unknown) => {
      assert.ok(error instanceof RedirectError);
      assert.match(error.message, /redirected SignDesk more than 5 times \(a redirect loop\?\), so it stopped\.$/);
      return true;
    });
    assert.equal(api.received.length, MAX_REDIRECTS + 1);
  });

  it('a 3xx without Location is an unexpected status', async () => {
    api.handler = (_req, res) => {
      res.writeHead(302);
      res.end();
    };
    await assert.rejects(
      client().request({ method: 'GET', url: `${api.base}/x` }),
      (error: unknown) => error instanceof BadResponseError && !(error instanceof RedirectError) && /HTTP 302/.test(error.message),
    );
  });
});

describe('redirectTarget', () => {
  it('resolves relative locations and drops the fragment', () => {
    assert.equal(redirectTarget('GET', 'https://a.test/v3/x?y=1', 302, '../z#frag', 0), 'https://a.test/z');
  });

  it('refuses https → http, other schemes and unreadable locations', () => {
    assert.throws(() => redirectTarget('GET', 'https://a.test/x', 302, 'http://a.test/x', 0), /unencrypted address \(http:\/\/a\.test\)/);
    assert.throws(() => redirectTarget('GET', 'https://a.test/x', 302, 'file:///etc/passwd', 0), /a file: address/);
    assert.throws(() => redirectTarget('GET', 'https://a.test/x', 302, 'javascript:alert(1)', 0), RedirectError);
    assert.throws(() => redirectTarget('GET', 'https://a.test/x', 302, 'http://[', 0), /an address SignDesk cannot read/);
  });

  it('refuses every redirect for methods other than GET', () => {
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      assert.throws(() => redirectTarget(method, 'https://a.test/x', 303, '/y', 0), RedirectError);
    }
  });
});
