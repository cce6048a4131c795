// Bad inputs: what an HTTP server can answer. SignDesk's real client stack (FetchHttpClient → Dropbox Sign's
// API and OAuth clients from its definition, test/support/stacks.ts) against local servers that misbehave on purpose,
// and against the sandbox's injected faults. Each case checks the typed error, what the user reads (through the
// same functions the view and the notifications use), and how often the server was asked (a request that
// sends data is never sent twice). Client timeouts and size caps are set small, so nothing here waits long.
import assert from 'node:assert/strict';
import type * as http from 'node:http';
import * as zlib from 'node:zlib';
import { describeActionError } from '../../src/commands/actions/messages';
import { signInFailureMessage } from '../../src/commands/session/messages';
import {
  BadResponseError,
  NetworkError,
  RateLimitError,
  RedirectError,
  ResponseTooLargeError,
  ServerError,
  type SignDeskError,
} from '../../src/core/errors';
import { RATE_LIMIT_HORIZON_MS } from '../../src/core/httpErrors';
import { RequestsModel } from '../../src/model/requestsModel';
import { errorText } from '../../src/views/requestsTree/viewState';
import { rateLimitLine } from '../../src/views/statusBar/state';
import { SEED } from '../sandbox/dropboxSign/server';
import { bomb, endlessBody, startLocalServer, type LocalServer } from '../support/localHttpServer';
import { signedInSession, useSandbox } from '../support/sandboxes/dropboxSign';
import { badInput, badInputs } from './tally';
import { dropboxSign as dropboxSignDefinition } from '../../src/providers/dropboxSign/definition';
import { dropboxSignStack } from '../support/stacks';

const KB = 1024;
const MB = 1024 * 1024;
/** Small caps and timeout, so huge and slow answers are cheap to try. */
const LIMITS = { data: 256 * KB, file: 1 * MB };
// Big enough that a loaded CI machine never times out a case meant to end otherwise (the typed error tells
// which way it ended), small enough that the slow-answer cases stay cheap.
const TIMEOUT_MS = 1500;
const TOKEN = 'AccessTok-http-faults';
const CLIENT_SECRET = 'ClientSecret-http-faults';
const CODE = 'AuthCode-http-faults';
const EMPTY_LIST = JSON.stringify({ list_info: { num_pages: 1, num_results: 0, page: 1, page_size: 20 }, signature_requests: [] });
const SUBJECT = { serviceLabel: 'Dropbox Sign', subject: 'NDA with Acme' };
/** A send by file URL (a JSON POST) that the sandbox accepts. */
const SEND_BODY = {
  title: 'NDA with Acme',
  file_urls: ['https://files.example/nda.pdf'],
  signers: [{ email_address: 'jack@example.com', name: 'Jack', order: 0 }],
  test_mode: true,
  allow_decline: false,
  allow_reassign: false,
  hide_text_tags: false,
  is_eid: false,
  use_text_tags: false,
};

/** What a Refresh or a first load shows in the view for this error. */
const viewText = (error: unknown) => errorText(error, (at) => at.toISOString(), 'Dropbox Sign');

async function failure(promise: Promise<unknown>): Promise<SignDeskError> {
  try {
    await promise;
  } catch (error) {
    return error as SignDeskError;
  }
  throw new assert.AssertionError({ message: 'the call succeeded; an error was expected' });
}

function shownWithoutInternals(text: string | undefined): void {
  assert.ok(text, 'nothing shown');
  assert.doesNotMatch(text, /<\/?[a-z]|\bat \S+ \(|Error:|undefined|NaN|Invalid Date/, `shown: ${text}`);
}

describe('HTTP faults', function () {
  let api: LocalServer;
  let other: LocalServer;

  before(async () => {
    api = await startLocalServer();
    other = await startLocalServer();
  });
  after(async () => {
    await api.close();
    await other.close();
  });
  beforeEach(() => {
    api.received.length = 0;
    other.received.length = 0;
    other.handler = (_req, res) => answer(res, 200, { 'Content-Type': 'application/json' }, '{"moved":true}');
  });

  const stack = () =>
    dropboxSignStack(() => ({ apiBaseUrl: `${api.base}/v3`, oauthBaseUrl: api.base }), { userAgent: 'SignDesk-bad-inputs', timeoutMs: TIMEOUT_MS, responseLimits: LIMITS });
  const dropboxSign = () => stack().api;
  const service = () => stack().signatures;
  const oauth = () => stack().oauth;

  const list = () => service().listRequests(TOKEN, { page: 1, pageSize: 20 });
  const send = () => dropboxSign().sendSignatureRequest(TOKEN, SEND_BODY);
  const exchange = () => oauth().exchangeCode({ clientId: 'client-1', clientSecret: CLIENT_SECRET, code: CODE, state: 'state-1' });
  const download = () => dropboxSign().downloadFiles(TOKEN, 'fa5c8a0b0f492d768749333ad6fcc214c111e967', 'pdf');

  function answer(res: http.ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer = ''): void {
    res.writeHead(status, headers);
    res.end(body);
  }
  const serve = (status: number, headers: Record<string, string>, body: string | Buffer = '') => {
    api.handler = (_req, res) => answer(res, status, headers, body);
  };
  const hits = () => api.received.length;

  describe('5xx', () => {
    badInputs(
      [
        ['500 with a Dropbox Sign error body', [500, 'application/json', JSON.stringify({ error: { error_msg: 'Internal hiccup.', error_name: 'internal' } })]],
        ['500 with an empty body', [500, 'application/json', '']],
        ['502 nginx HTML page', [502, 'text/html', '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>']],
        ['503 HTML maintenance page', [503, 'text/html; charset=utf-8', '<!doctype html><title>Down for maintenance</title>']],
        ['504 plain text', [504, 'text/plain', 'upstream timed out']],
        ['520 (Cloudflare) with garbage', [520, 'application/octet-stream', '\u0000\u0001garbage']],
        ['599 with truncated JSON', [599, 'application/json', '{"error": {"error_msg": "Oh']],
        ['500 with 2 MB of HTML (error bodies are read only in part)', [500, 'text/html', `<html>${'x'.repeat(2 * MB)}</html>`]],
      ] as const,
      'ServerError with the status, one plain sentence in the view (no HTML), asked once (a 5xx is not retried)',
      async ([status, type, body]) => {
        serve(status, { 'Content-Type': type }, body);
        const error = await failure(list());
        assert.ok(error instanceof ServerError, String(error));
        assert.equal(error.status, status);
        const text = viewText(error);
        shownWithoutInternals(text);
        assert.ok(text === 'Internal hiccup.' || text === `The service had a problem (HTTP ${status}).`, text);
        assert.equal(hits(), 1);
      },
    );

    badInput('500 to a send (POST)', 'ServerError; sent once; the user is told it may have gone through and to check the list (no Retry)', async () => {
      serve(500, { 'Content-Type': 'application/json' }, '{}');
      const error = await failure(send());
      assert.ok(error instanceof ServerError);
      assert.equal(hits(), 1);
      const view = describeActionError(error, 'send', SUBJECT);
      assert.match(view?.message ?? '', /had an internal error while sending “NDA with Acme”\. It may have gone through anyway/);
      assert.deepEqual(view?.choices, ['Refresh', 'Show Log']);
    });

    badInput('503 HTML to the token exchange (POST)', 'ServerError; the code is sent once; sign-in says Dropbox Sign had a problem, with Retry', async () => {
      serve(503, { 'Content-Type': 'text/html', 'Retry-After': '1' }, '<html>busy</html>');
      const error = await failure(exchange());
      assert.ok(error instanceof ServerError);
      assert.equal(hits(), 1);
      const message = signInFailureMessage(error, Date.now, 'Dropbox Sign');
      assert.equal(message?.text, 'Dropbox Sign had a problem answering. Try again in a moment.');
      assert.deepEqual(message?.actions, ['Retry', 'Show Log']);
    });
  });

  describe('2xx bodies that are not what was asked for', () => {
    badInputs(
      [
        ['200 HTML login page instead of JSON', ['text/html', '<!doctype html><html><title>Log in</title><form></form></html>']],
        ['200 HTML labelled application/json', ['application/json', '  <html><body>Proxy sign-in</body></html>']],
      ] as const,
      'BadResponseError: "answered with a web page instead of data. Check the API base URL setting."',
      async ([type, body]) => {
        serve(200, { 'Content-Type': type }, body);
        const error = await failure(list());
        assert.ok(error instanceof BadResponseError, String(error));
        assert.equal(viewText(error), 'The service answered with a web page instead of data. Check the API base URL setting.');
      },
    );

    badInputs(
      [
        ['200 truncated JSON', ['application/json', '{"list_info": {"page": 1}, "signature_requests": [{"title": "N']],
        ['200 empty body', ['application/json', '']],
        ['200 JSON with a byte-order mark and garbage', ['application/json', '\ufeff{,}']],
        ['200 binary garbage', ['application/octet-stream', '\u0000\u00ff\u0000']],
      ] as const,
      'BadResponseError: "Dropbox Sign sent an answer SignDesk could not read."',
      async ([type, body]) => {
        serve(200, { 'Content-Type': type }, body);
        const error = await failure(list());
        assert.ok(error instanceof BadResponseError, String(error));
        assert.equal(viewText(error), 'Dropbox Sign sent an answer SignDesk could not read.');
      },
    );

    badInputs(
      [
        ['200 JSON null', 'null'],
        ['200 JSON array', '[]'],
        ['200 JSON string', '"ok"'],
        ['200 signature_requests not an array', '{"list_info": {}, "signature_requests": {"0": {}}}'],
        ['200 list_info missing', '{"signature_requests": []}'],
      ] as const,
      'BadResponseError naming the unexpected shape',
      async (body) => {
        serve(200, { 'Content-Type': 'application/json' }, body);
        const error = await failure(list());
        assert.ok(error instanceof BadResponseError, String(error));
        assert.match(viewText(error), /^Dropbox Sign sent data in an unexpected shape/);
      },
    );

    badInputs(
      [
        ['204 No Content', [204, '']],
        ['202 Accepted with an empty body', [202, '']],
      ] as const,
      'BadResponseError (nothing to read), not an empty list',
      async ([status, body]) => {
        serve(status, { 'Content-Type': 'application/json' }, body);
        const error = await failure(list());
        assert.ok(error instanceof BadResponseError, String(error));
      },
    );

    badInputs(
      [
        ['valid JSON labelled text/plain', 'text/plain'],
        ['valid JSON labelled application/octet-stream', 'application/octet-stream'],
        ['valid JSON without a content type', ''],
      ] as const,
      'read as JSON (the content type is not trusted either way): an empty page',
      async (type) => {
        serve(200, type ? { 'Content-Type': type } : {}, EMPTY_LIST);
        const page = await list();
        assert.equal(page.items.length, 0);
      },
    );

    badInputs(
      [
        ['a download answered with JSON labelled application/pdf', ['application/pdf', '{"error": "nope"}']],
        ['a download answered with an HTML page', ['text/html', '<html>Sign in</html>']],
        ['a download answered with an empty 200', ['application/pdf', '']],
      ] as const,
      'BadResponseError "Dropbox Sign did not send a PDF file."; nothing saved',
      async ([type, body]) => {
        serve(200, { 'Content-Type': type }, body);
        const error = await failure(download());
        assert.ok(error instanceof BadResponseError, String(error));
        assert.equal(error.message, 'Dropbox Sign did not send a PDF file.');
      },
    );

    badInputs(
      [
        ['token endpoint 200 HTML', ['<html><body>Welcome</body></html>', /a web page instead of data; check the OAuth base URL setting/]],
        ['token endpoint 200 truncated JSON', ['{"access_token": "abc', /malformed JSON/]],
        ['token endpoint 200 empty body', ['', /malformed JSON/]],
        ['token endpoint 200 without refresh_token', ['{"access_token":"a","token_type":"Bearer","expires_in":3600}', /refresh_token missing/]],
      ] as const,
      'BadResponseError "unexpected sign-in response (…)"; sign-in offers Show Log and Open Settings',
      async ([body, detail]) => {
        serve(200, { 'Content-Type': 'application/json' }, body);
        const error = await failure(exchange());
        assert.ok(error instanceof BadResponseError, String(error));
        assert.match(error.message, detail);
        const message = signInFailureMessage(error, Date.now, 'Dropbox Sign');
        assert.deepEqual(message?.actions, ['Show Log', 'Open Settings']);
        assert.equal(hits(), 1);
      },
    );
  });

  describe('huge and compressed bodies', () => {
    const tooLargeText = (text: string) =>
      assert.match(text, /^127\.0\.0\.1:\d+ sent an answer larger than SignDesk accepts \(256 KB\), so SignDesk stopped reading it\.$/);

    badInputs(
      [
        ['plain 300 KB JSON', () => serve(200, { 'Content-Type': 'application/json' }, JSON.stringify({ pad: 'x'.repeat(300 * KB) }))],
        ['Content-Length: 1 GB declared', () => (api.handler = (_req, res) => void endlessBody(res, 'identity', { 'Content-Length': String(1024 * MB) }))],
        ['an endless plain chunked body', () => (api.handler = (_req, res) => void endlessBody(res, 'identity'))],
        ['an endless gzip stream', () => (api.handler = (_req, res) => void endlessBody(res, 'gzip'))],
        ['an endless brotli stream', () => (api.handler = (_req, res) => void endlessBody(res, 'br'))],
        ['gzip bomb: 50 KB inflating to 50 MB', () => compressed('gzip', bomb('gzip', 50 * MB))],
        ['deflate (zlib) bomb: 50 MB of zeros', () => compressed('deflate', bomb('deflate', 50 * MB))],
        ['raw deflate bomb: 50 MB of zeros', () => compressed('deflate', zlib.deflateRawSync(Buffer.alloc(50 * MB)))],
        ['brotli bomb: 50 MB of zeros', () => compressed('br', bomb('br', 50 * MB))],
        ['x-gzip bomb', () => compressed('x-gzip', bomb('gzip', 50 * MB))],
        ['gzip of a JSON string 1 MB long', () => compressed('gzip', zlib.gzipSync(JSON.stringify({ pad: 'a'.repeat(MB) })))],
      ] as const,
      'ResponseTooLargeError as soon as 256 KB are decompressed (no timeout); the view says the answer was larger than SignDesk accepts',
      async (setUp) => {
        setUp();
        const error = await failure(list());
        assert.ok(error instanceof ResponseTooLargeError, String(error)); // not a NetworkError{timedOut}
        tooLargeText(viewText(error));
      },
    );

    function compressed(encoding: string, body: Buffer): void {
      serve(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding, 'Content-Length': String(body.length) }, body);
    }

    badInput('a 1.5 MB PDF download (file cap 1 MB)', 'ResponseTooLargeError "a file"; the download notice says it is too large and offers no Retry', async () => {
      serve(200, { 'Content-Type': 'application/pdf' }, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1.5 * MB, 0x20)]));
      const error = await failure(download());
      assert.ok(error instanceof ResponseTooLargeError);
      assert.match(error.message, /sent a file larger than SignDesk accepts \(1 MB\)/);
      const view = describeActionError(error, 'download', SUBJECT);
      assert.equal(view?.message, 'The files of “NDA with Acme” are larger than SignDesk downloads (1 MB), so nothing was saved. Download them from Dropbox Sign in the browser instead.');
      assert.deepEqual(view?.choices, ['Show Log']);
    });

    badInput('a 900 KB PDF download (under the file cap, over the data cap)', 'downloaded whole', async () => {
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(900 * KB, 0x20)]);
      serve(200, { 'Content-Type': 'application/pdf' }, pdf);
      assert.ok((await download()).equals(pdf));
    });

    badInput('a gzip-compressed list (normal compression)', 'decompressed and read', async () => {
      compressed('gzip', zlib.gzipSync(EMPTY_LIST));
      assert.equal((await list()).items.length, 0);
    });

    badInput('a 500 whose body is a gzip bomb', 'ServerError (error bodies are read only in part), not "too large"', async () => {
      serve(500, { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }, bomb('gzip', 50 * MB));
      const error = await failure(list());
      assert.ok(error instanceof ServerError, String(error));
    });

    badInputs(
      [
        ['Content-Encoding: gzip over plain JSON', ['gzip', Buffer.from(EMPTY_LIST)]],
        ['Content-Encoding: br over plain JSON', ['br', Buffer.from(EMPTY_LIST)]],
        ['a gzip header followed by garbage', ['gzip', Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03]), Buffer.from('garbage garbage garbage')])]],
      ] as const,
      'BadResponseError "sent a compressed answer SignDesk could not decompress." (not a network error)',
      async ([encoding, body]) => {
        serve(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding }, body);
        const error = await failure(list());
        assert.ok(error instanceof BadResponseError && !(error instanceof ResponseTooLargeError), String(error));
        assert.match(viewText(error), /^127\.0\.0\.1:\d+ sent a compressed answer SignDesk could not decompress\.$/);
      },
    );

    badInput('Content-Encoding: zstd (not supported)', 'BadResponseError "could not read" (the bytes are not JSON)', async () => {
      serve(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'zstd' }, Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0]));
      const error = await failure(list());
      assert.ok(error instanceof BadResponseError, String(error));
      assert.equal(viewText(error), 'Dropbox Sign sent an answer SignDesk could not read.');
    });
  });

  describe('slow answers', () => {
    badInputs(
      [
        ['headers that never come (GET)', (_req: http.IncomingMessage, _res: http.ServerResponse) => undefined],
        ['headers, then a body that never comes (Content-Length 100)', (_req: http.IncomingMessage, res: http.ServerResponse) => {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
          res.write('{');
        }],
        ['deflate headers, then no body at all', (_req: http.IncomingMessage, res: http.ServerResponse) => {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'deflate' });
          res.flushHeaders();
        }],
        ['a body trickling one byte every 50 ms', (_req: http.IncomingMessage, res: http.ServerResponse) => trickle(res, false)],
        ['a gzip body trickling every 50 ms', (_req: http.IncomingMessage, res: http.ServerResponse) => trickle(res, true)],
      ] as const,
      'NetworkError{timedOut} "did not answer in time." at the client timeout; a GET timeout is not retried',
      async (handler) => {
        api.handler = handler;
        const error = await failure(list());
        assert.ok(error instanceof NetworkError, String(error));
        assert.equal(error.timedOut, true);
        assert.match(viewText(error), /^127\.0\.0\.1:\d+ did not answer in time\.$/);
        assert.equal(hits(), 1);
      },
    );

    function trickle(res: http.ServerResponse, gzip: boolean): void {
      res.writeHead(200, { 'Content-Type': 'application/json', ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
      const compress = gzip ? zlib.createGzip({ flush: zlib.constants.Z_SYNC_FLUSH }) : undefined;
      compress?.pipe(res);
      const out: NodeJS.WritableStream = compress ?? res;
      const timer = setInterval(() => out.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    }

    badInput('headers that never come (POST send)', 'NetworkError{timedOut}; sent once; the user is told it may have gone through (no Retry)', async () => {
      api.handler = () => undefined;
      const error = await failure(send());
      assert.ok(error instanceof NetworkError && error.timedOut);
      assert.equal(hits(), 1);
      const view = describeActionError(error, 'send', SUBJECT);
      assert.match(view?.message ?? '', /^Dropbox Sign did not answer in time while sending “NDA with Acme”\. It may have gone through anyway/);
      assert.deepEqual(view?.choices, ['Refresh', 'Show Log']);
    });
  });

  describe('dropped connections', () => {
    badInput('connection reset before any answer (GET)', 'retried once, then NetworkError "Could not reach … (ECONNRESET)."', async () => {
      api.handler = (req) => req.socket.destroy();
      const error = await failure(list());
      assert.ok(error instanceof NetworkError);
      assert.match(viewText(error), /^Could not reach 127\.0\.0\.1:\d+ \(ECONNRESET\)\.$/);
      assert.equal(hits(), 2);
    });

    badInputs<() => Promise<unknown>>(
      [
        ['connection reset before any answer (POST send)', send],
        ['connection reset before any answer (token exchange)', exchange],
        ['connection reset before any answer (cancel)', () => dropboxSign().cancelSignatureRequest(TOKEN, 'abc')],
      ],
      'NetworkError; the request is sent exactly once (the server may have acted)',
      async (call) => {
        api.handler = (req) => req.socket.destroy();
        const error = await failure(call());
        assert.ok(error instanceof NetworkError, String(error));
        assert.equal(hits(), 1);
      },
    );

    badInputs(
      [
        ['reset mid-body with a Content-Length', { 'Content-Length': '5000' }],
        ['reset mid-body, chunked', {}],
        ['reset mid-body of a gzip answer', { 'Content-Encoding': 'gzip' }],
      ] as const,
      'NetworkError "The connection to … dropped", before the timeout, not retried',
      async (headers) => {
        api.handler = (req, res) => {
          res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
          const part = headers['Content-Encoding'] ? zlib.gzipSync(EMPTY_LIST).subarray(0, 20) : Buffer.from(EMPTY_LIST.slice(0, 30));
          res.write(part, () => req.socket.destroy());
        };
        const error = await failure(list());
        assert.ok(error instanceof NetworkError, String(error));
        assert.equal(error.timedOut, false);
        assert.match(viewText(error), /^The connection to 127\.0\.0\.1:\d+ dropped/);
        assert.equal(hits(), 1);
      },
    );
  });

  describe('redirects', () => {
    const STATUSES = [301, 302, 303, 307, 308] as const;
    const redirect = (status: number, location: () => string) => {
      api.handler = (req, res) => {
        if (req.url?.startsWith('/moved')) {
          answer(res, 200, { 'Content-Type': 'application/json' }, EMPTY_LIST);
        } else {
          answer(res, status, { Location: location(), 'Content-Type': 'text/html' }, '<a href="x">moved</a>');
        }
      };
    };

    badInputs(
      STATUSES.map((status) => [`GET answered ${status} to the same origin`, status] as const),
      'followed; the Authorization header goes along (same origin); the list loads',
      async (status) => {
        redirect(status, () => '/moved/list');
        assert.equal((await list()).items.length, 0);
        assert.deepEqual(
          api.received.map((r) => r.headers.authorization),
          [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`],
        );
      },
    );

    badInputs(
      STATUSES.map((status) => [`GET answered ${status} to another origin`, status] as const),
      'followed without the Authorization header (the token never reaches the other origin)',
      async (status) => {
        other.handler = (_req, res) => answer(res, 200, { 'Content-Type': 'application/json' }, EMPTY_LIST);
        redirect(status, () => `${other.base}/v3/signature_request/list`);
        assert.equal((await list()).items.length, 0);
        assert.equal(other.received.length, 1);
        assert.equal(other.received[0].headers.authorization, undefined);
      },
    );

    badInputs(
      STATUSES.map((status) => [`token exchange (POST) answered ${status} to another host`, status] as const),
      'RedirectError; the client secret and code never reach the other host; sign-in names the redirect and offers Open Settings',
      async (status) => {
        redirect(status, () => `${other.base}/oauth/token?steal=1`);
        const error = await failure(exchange());
        assert.ok(error instanceof RedirectError, String(error));
        assert.equal(error.target, other.base);
        assert.equal(other.received.length, 0);
        assert.equal(hits(), 1);
        const message = signInFailureMessage(error, Date.now, 'Dropbox Sign');
        assert.match(message?.text ?? '', new RegExp(`answered with a redirect \\(HTTP ${status}\\) to ${other.base.replace(/\./g, '\\.')}\\. SignDesk does not follow redirects of requests that send data, so nothing was sent there\\.`));
        assert.doesNotMatch(message?.text ?? '', /steal|AuthCode|ClientSecret/);
        assert.deepEqual(message?.actions, ['Show Log', 'Open Settings']);
      },
    );

    badInputs(
      STATUSES.map((status) => [`send (POST) answered ${status} to the same origin`, status] as const),
      'RedirectError; sent once, not re-sent to the new address; the notice says so, with Refresh',
      async (status) => {
        redirect(status, () => '/moved/send');
        const error = await failure(send());
        assert.ok(error instanceof RedirectError, String(error));
        assert.equal(hits(), 1);
        const view = describeActionError(error, 'send', SUBJECT);
        assert.match(view?.message ?? '', /^Couldn't send “NDA with Acme”: 127\.0\.0\.1:\d+ answered with a redirect/);
        assert.deepEqual(view?.choices, ['Refresh', 'Show Log']);
      },
    );

    badInput('a GET redirecting to itself forever', 'RedirectError "redirected SignDesk more than 5 times (a redirect loop?)" after 6 requests', async () => {
      redirect(302, () => `${api.base}/v3/signature_request/list`);
      const error = await failure(list());
      assert.ok(error instanceof RedirectError);
      assert.match(viewText(error), /redirected SignDesk more than 5 times \(a redirect loop\?\), so it stopped\.$/);
      assert.equal(hits(), 6);
    });

    badInput('a GET bouncing between two origins', 'RedirectError after 5 redirects; the other origin never sees the token', async () => {
      redirect(307, () => `${other.base}/bounce`);
      other.handler = (_req, res) => answer(res, 307, { Location: `${api.base}/v3/again` });
      const error = await failure(list());
      assert.ok(error instanceof RedirectError);
      assert.ok(other.received.every((r) => r.headers.authorization === undefined));
      assert.ok(api.received.slice(1).every((r) => r.headers.authorization === undefined), 'not given back after leaving the origin');
    });

    badInputs(
      [
        ['a GET redirected to file:///etc/passwd', ['file:///etc/passwd', /a file: address, which SignDesk does not follow/]],
        ['a GET redirected to javascript:alert(1)', ['javascript:alert(1)', /a javascript: address, which SignDesk does not follow/]],
        ['a GET redirected to "http://[" (not a URL)', ['http://[', /to an address SignDesk cannot read/]],
      ] as const,
      'RedirectError naming what is wrong; nothing else is fetched',
      async ([location, shown]) => {
        redirect(302, () => location);
        const error = await failure(list());
        assert.ok(error instanceof RedirectError, String(error));
        assert.match(viewText(error), shown);
        assert.equal(hits(), 1);
      },
    );

    badInputs(
      [
        ['a 302 without Location', 302],
        ['a 304 Not Modified (never asked for)', 304],
        ['a 300 Multiple Choices', 300],
      ] as const,
      'BadResponseError "Unexpected response status (HTTP 3xx)."',
      async (status) => {
        serve(status, {});
        const error = await failure(list());
        assert.ok(error instanceof BadResponseError && !(error instanceof RedirectError), String(error));
        assert.equal(viewText(error), `Unexpected response status (HTTP ${status}).`);
      },
    );
  });

  describe('429 and rate-limit headers', () => {
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    const limited = (headers: Record<string, string>) =>
      serve(429, { 'Content-Type': 'application/json', ...headers }, JSON.stringify({ error: { error_msg: 'Rate limit exceeded.', error_name: 'exceeded_rate' } }));

    /** The reset SignDesk believes: none, or between now and an hour from now. */
    function believable(error: RateLimitError, expected: 'none' | number): void {
      if (expected === 'none') {
        assert.equal(error.resetAt, undefined, `resetAt ${error.resetAt?.toISOString()}`);
      } else {
        assert.ok(error.resetAt, 'no reset time');
        assert.ok(Math.abs(error.resetAt.getTime() - expected) <= 1000, `resetAt ${error.resetAt.toISOString()}`);
      }
    }

    badInputs(
      [
        ['X-Ratelimit-Reset in seconds, 30 s ahead', [() => ({ 'X-Ratelimit-Reset': String(nowSeconds() + 30) }), () => (nowSeconds() + 30) * 1000]],
        ['X-Ratelimit-Reset in milliseconds', [() => ({ 'X-Ratelimit-Reset': String((nowSeconds() + 30) * 1000) }), () => (nowSeconds() + 30) * 1000]],
        ['X-Ratelimit-Reset with a fraction', [() => ({ 'X-Ratelimit-Reset': `${nowSeconds() + 30}.75` }), () => (nowSeconds() + 30.75) * 1000]],
        ['X-Ratelimit-Reset negative', [() => ({ 'X-Ratelimit-Reset': `-${nowSeconds() + 30}` }), () => 'none' as const]],
        ['X-Ratelimit-Reset NaN', [() => ({ 'X-Ratelimit-Reset': 'NaN' }), () => 'none' as const]],
        ['X-Ratelimit-Reset Infinity', [() => ({ 'X-Ratelimit-Reset': 'Infinity' }), () => 'none' as const]],
        ['X-Ratelimit-Reset 21 digits', [() => ({ 'X-Ratelimit-Reset': '999999999999999999999' }), () => 'none' as const]],
        ['X-Ratelimit-Reset a day ahead', [() => ({ 'X-Ratelimit-Reset': String(nowSeconds() + 86_400) }), () => 'none' as const]],
        ['X-Ratelimit-Reset 0 (1970)', [() => ({ 'X-Ratelimit-Reset': '0' }), () => 'none' as const]],
        ['X-Ratelimit-Reset 2 minutes ago (clock skew)', [() => ({ 'X-Ratelimit-Reset': String(nowSeconds() - 120) }), () => Date.now()]],
        ['X-Ratelimit-Reset twice ("123, 456")', [() => ({ 'X-Ratelimit-Reset': `${nowSeconds() + 30}, ${nowSeconds() + 60}` }), () => 'none' as const]],
        ['no reset header and no Retry-After', [() => ({}), () => 'none' as const]],
        ['Retry-After: 120', [() => ({ 'Retry-After': '120' }), () => Date.now() + 120_000]],
        ['Retry-After as an HTTP date 2 minutes ahead', [() => ({ 'Retry-After': new Date(Date.now() + 120_000).toUTCString() }), () => Date.now() + 120_000]],
        ['Retry-After as an HTTP date in 1999', [() => ({ 'Retry-After': 'Fri, 31 Dec 1999 23:59:59 GMT' }), () => 'none' as const]],
        ['Retry-After: 999999999 seconds', [() => ({ 'Retry-After': '999999999' }), () => 'none' as const]],
        ['Retry-After: -5', [() => ({ 'Retry-After': '-5' }), () => 'none' as const]],
        ['Retry-After: soon', [() => ({ 'Retry-After': 'soon' }), () => 'none' as const]],
        ['bogus reset, usable Retry-After: 20', [() => ({ 'X-Ratelimit-Reset': '1e99', 'Retry-After': '20' }), () => Date.now() + 20_000]],
      ] as const,
      'RateLimitError; resetAt left out unless believable (within the hour); the view never shows "Invalid Date" or a far year',
      async ([headers, expected]) => {
        limited(headers());
        const error = await failure(list());
        assert.ok(error instanceof RateLimitError, String(error));
        believable(error, expected());
        const text = viewText(error);
        shownWithoutInternals(text);
        assert.ok(!error.resetAt || error.resetAt.getTime() <= Date.now() + RATE_LIMIT_HORIZON_MS);
        assert.match(text, /^Dropbox Sign is limiting requests(; SignDesk tries again after 20\d\d-.*)?\.$/);
        assert.equal(hits(), 1);
      },
    );

    badInputs(
      [
        ['429 with a reset in milliseconds', () => ({ 'X-Ratelimit-Reset': String((nowSeconds() + 30) * 1000) })],
        ['429 with a reset of 21 digits', () => ({ 'X-Ratelimit-Reset': '999999999999999999999' })],
        ['429 with a reset a year ahead', () => ({ 'X-Ratelimit-Reset': String(nowSeconds() + 365 * 86_400) })],
      ] as const,
      'the Signature Requests list is blocked for at most a minute or until a believable reset, never for years',
      async (headers) => {
        limited(headers());
        const model = new RequestsModel({ serviceLabel: dropboxSignDefinition.label, rules: dropboxSignDefinition.signatures.rules, clock: { now: () => Date.now() } });
        try {
          model.setAccess({ kind: 'signedIn', accountKey: 'dropboxSign:bad-inputs', list: (params, signal) => service().listRequests(TOKEN, params, signal) });
          await model.refresh().catch(() => undefined);
          const until = model.rateLimitedUntil();
          assert.ok(until !== undefined, 'not blocked at all after a 429');
          assert.ok(until <= Date.now() + 61_000, `blocked until ${new Date(until).toISOString()}`);
        } finally {
          model.dispose();
        }
      },
    );

    badInput('429 to a send (POST)', 'RateLimitError; sent once (never retried by the client); the notice offers Retry (a 429 did nothing)', async () => {
      limited({ 'X-Ratelimit-Reset': '999999999999999999999' });
      const error = await failure(send());
      assert.ok(error instanceof RateLimitError);
      assert.equal(hits(), 1);
      const view = describeActionError(error, 'send', SUBJECT);
      assert.equal(view?.message, 'Dropbox Sign is limiting how many requests SignDesk can make right now; nothing was done. Try again in a minute.');
      assert.deepEqual(view?.choices, ['Retry']);
    });

    const ok = (headers: Record<string, string>) => serve(200, { 'Content-Type': 'application/json', ...headers }, EMPTY_LIST);

    badInputs(
      [
        ['remaining above limit (500 of 100)', [{ 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '500' }, { limit: 100 }]],
        ['negative remaining', [{ 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '-3' }, { limit: 100 }]],
        ['fractional remaining', [{ 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '99.5' }, { limit: 100 }]],
        ['limit 0', [{ 'X-RateLimit-Limit': '0', 'X-RateLimit-Remaining': '0' }, { remaining: 0 }]],
        ['limit "lots"', [{ 'X-RateLimit-Limit': 'lots', 'X-RateLimit-Remaining': '7' }, { remaining: 7 }]],
        ['limit in exponent form (1e3)', [{ 'X-RateLimit-Limit': '1e3', 'X-RateLimit-Remaining': '7' }, { remaining: 7 }]],
        ['every header garbage', [{ 'X-RateLimit-Limit': 'unlimited', 'X-RateLimit-Remaining': 'NaN', 'X-Ratelimit-Reset': 'later' }, undefined]],
      ] as const,
      'the bad values are left out of the rate limit; the status bar line shows only believable numbers',
      async ([headers, expected]) => {
        ok(headers);
        const response = await stack().http.request({ method: 'GET', url: `${api.base}/v3/signature_request/list` });
        assert.deepEqual(response.rateLimit, expected);
        const line = rateLimitLine(response.rateLimit, (at) => new Date(at).toISOString());
        shownWithoutInternals(line);
        assert.doesNotMatch(line, /-\d|\d\.\d|of 0\b|500 of 100/);
      },
    );
  });
});

describe('HTTP faults (sandbox fault injection)', function () {
  const sandbox = useSandbox({ config: { rateLimits: { enabled: false } } });
  let token: string;

  beforeEach(async () => {
    token = (await signedInSession(sandbox(), SEED.alice.email)).accessToken;
  });

  const stack = (timeoutMs = 2000) => dropboxSignStack(sandbox().info, { userAgent: 'SignDesk-bad-inputs', timeoutMs });
  const api = (timeoutMs = 2000) => stack(timeoutMs).signatures;
  const listPath = '/v3/signature_request/list';
  const listed = () => sandbox().admin.counters().http[`GET ${listPath}`];

  badInputs(
    [
      ['fault server_error on the list', ['server_error', ServerError, /^Internal server error \(sandbox fault\)\.$/]],
      ['fault html_503 on the list', ['html_503', ServerError, /^The service had a problem \(HTTP 503\)\.$/]],
      ['fault malformed_json on the list', ['malformed_json', BadResponseError, /^Dropbox Sign sent an answer SignDesk could not read\.$/]],
    ] as const,
    'the typed error and its plain sentence, asked once',
    async ([kind, type, shown]) => {
      sandbox().admin.injectFault({ path: listPath, kind });
      const error = await failure(api().listRequests(token, { page: 1 }));
      assert.ok(error instanceof type, String(error));
      assert.match(viewText(error), shown);
      assert.equal(listed(), 1);
    },
  );

  badInput('fault drop (socket closed) once on the list', 'the GET is retried once and the list loads', async () => {
    sandbox().admin.injectFault({ path: listPath, kind: 'drop' });
    const page = await api().listRequests(token, { page: 1 });
    assert.ok(page.items.length > 0);
  });

  badInput('fault drop on a send (POST)', 'NetworkError; the sandbox saw exactly one send (never re-sent)', async () => {
    sandbox().admin.injectFault({ path: '/v3/signature_request/send', kind: 'drop' });
    const sendOnce = stack().api;
    const error = await failure(
      sendOnce.sendSignatureRequest(token, SEND_BODY),
    );
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(sandbox().admin.counters().http['POST /v3/signature_request/send'], 1);
    assert.equal(sandbox().admin.counters().faultsServed.drop, 1);
  });

  badInput('fault delay (2 s) on the list, client timeout 300 ms', 'NetworkError{timedOut} "did not answer in time."', async () => {
    sandbox().admin.injectFault({ path: listPath, kind: 'delay', delayMs: 2000 });
    const error = await failure(api(300).listRequests(token, { page: 1 }));
    assert.ok(error instanceof NetworkError && error.timedOut, String(error));
    assert.match(viewText(error), /did not answer in time\.$/);
  });
});
