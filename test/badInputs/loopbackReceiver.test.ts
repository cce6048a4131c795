// Bad inputs: what anything on this machine (or a web page, through the browser) can send to the
// loopback receiver while a sign-in waits there. Raw bytes over TCP, so nothing is normalised
// on the way. The waiting sign-in must neither complete nor fail because of any of them, the receiver
// must answer (never hang, never throw inside the extension host) and keep serving.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { startLoopbackReceiver, type LoopbackReceiver } from '../../src/auth/loopbackReceiver';
import { encodeState } from '../../src/auth/oauthState';
import { PendingSignIns, type PendingSignIn } from '../../src/auth/pendingSignIns';
import { ManualTime } from '../support/time';
import { badInput, badInputs } from './tally';

const NONCE = 'Lp0Gq7Xw3Ns9Vb1Mz5Kc8Rd2Hf6Jt4Yu0Ae3Io7Ub5';
const STATE = encodeState(NONCE);

/** Sends `bytes` as they are and resolves with everything the receiver sent until the connection closed. */
function raw(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(answer) : reject(error)));
    socket.end(bytes);
  });
}

function statuses(answer: string): number[] {
  return [...answer.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3}) /g)].map((match) => Number(match[1]));
}

describe('loopback receiver', function () {
  let receiver: LoopbackReceiver;
  let pending: PendingSignIns;
  let attempt: PendingSignIn;
  let settled: string | undefined;
  const delivered: unknown[] = [];

  before(async () => {
    pending = new PendingSignIns(new ManualTime());
    attempt = pending.begin(NONCE, STATE, 5 * 60_000);
    attempt.grant.then(
      (grant) => (settled = `completed with ${grant.code}`),
      (error: Error) => (settled = `failed: ${error.message}`),
    );
    receiver = await startLoopbackReceiver(0, (params) => {
      delivered.push(params);
      return pending.deliver(params);
    });
  });

  after(async () => {
    await receiver?.close();
  });

  /** The request line and headers, with this receiver's own Host unless the case says otherwise. */
  function request(line: string, headers: string[] = [`Host: 127.0.0.1:${receiver.port}`]): string {
    return `${line}\r\n${[...headers, 'Connection: close'].join('\r\n')}\r\n\r\n`;
  }

  async function expectAnswer(bytes: string | Buffer, allowed: number[]): Promise<void> {
    const answer = await raw(receiver.port, bytes);
    const seen = statuses(answer);
    assert.ok(seen.length > 0 && seen.every((status) => allowed.includes(status)), `answered ${JSON.stringify(answer.split('\r\n')[0])}`);
    assert.equal(settled, undefined, `the waiting sign-in ${settled}`);
    assert.ok(pending.has(NONCE), 'the waiting sign-in is gone');
    assert.doesNotMatch(answer, /Back to VS Code/);
  }

  const callback = (query: string) => `/callback?${query}`;

  badInputs(
    [
      ['GET http://[ (a malformed absolute target)', 'GET http://[ HTTP/1.1'],
      ['GET http://[/callback with a valid state', `GET http://[/callback?code=c&state=${STATE} HTTP/1.1`],
      ['an absolute-form target naming the receiver itself', `GET http://127.0.0.1/callback?code=c&state=${STATE} HTTP/1.1`],
      ['an absolute-form target naming another host', `GET http://evil.example/callback?code=c&state=${STATE} HTTP/1.1`],
      ['an asterisk target (GET *)', 'GET * HTTP/1.1'],
      ['OPTIONS *', 'OPTIONS * HTTP/1.1'],
    ],
    'answered 400, nothing delivered, the sign-in keeps waiting',
    async (line) => {
      const before = delivered.length;
      await expectAnswer(request(line), [400]);
      assert.equal(delivered.length, before, 'delivered to the sign-in');
    },
  );

  badInputs(
    [
      ['a scheme-relative target (//evil.example/callback)', `GET //evil.example/callback?code=c&state=${STATE} HTTP/1.1`],
      ['another path (/elsewhere)', `GET /elsewhere?code=c&state=${STATE} HTTP/1.1`],
      ['the path in capitals (/CALLBACK)', `GET /CALLBACK?code=c&state=${STATE} HTTP/1.1`],
      ['a trailing slash (/callback/)', `GET /callback/?code=c&state=${STATE} HTTP/1.1`],
      ['path parameters (/callback;x)', `GET /callback;x?code=c&state=${STATE} HTTP/1.1`],
      ['an encoded question mark (/callback%3Fcode=…)', `GET /callback%3Fcode=c&state=${STATE} HTTP/1.1`],
      ['a percent-encoded path (/%63allback)', `GET /%63allback?code=c&state=${STATE} HTTP/1.1`],
      ['the root (/)', 'GET / HTTP/1.1'],
      ['/favicon.ico', 'GET /favicon.ico HTTP/1.1'],
    ],
    'answered 404, nothing delivered, the sign-in keeps waiting',
    async (line) => {
      const before = delivered.length;
      await expectAnswer(request(line), [404]);
      assert.equal(delivered.length, before, 'delivered to the sign-in');
    },
  );

  badInputs(
    [
      ['POST /callback with the valid state', 'POST'],
      ['PUT /callback', 'PUT'],
      ['DELETE /callback', 'DELETE'],
      ['PATCH /callback', 'PATCH'],
      ['TRACE /callback', 'TRACE'],
      ['HEAD /callback', 'HEAD'],
    ],
    'answered 405 (Allow: GET), nothing delivered, the sign-in keeps waiting',
    async (method) => {
      const before = delivered.length;
      const answer = await raw(receiver.port, request(`${method} ${callback(`code=c&state=${STATE}`)} HTTP/1.1`, [`Host: 127.0.0.1:${receiver.port}`, 'Content-Length: 0']));
      assert.deepEqual(statuses(answer), [405], answer.split('\r\n')[0]);
      assert.match(answer, /\r\nallow: GET\r\n/i);
      assert.equal(delivered.length, before);
      assert.equal(settled, undefined);
    },
  );

  badInputs(
    [
      ['no query at all', ''],
      ['a code without state', 'code=c'],
      ['an empty state', 'code=c&state='],
      ['a state for no sign-in', `code=c&state=${encodeState('Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7Mm6')}`],
      ['the waiting nonce with a target added', `code=c&state=${encodeState(NONCE, 'https://evil.example/')}`],
      ['the waiting state with a trailing NUL', `code=c&state=${STATE}%00`],
      ['the waiting state in other letter case', `code=c&state=${STATE.toLowerCase()}`],
      ['a junk state first, the waiting one second', `code=c&state=junk&state=${STATE}`],
      ['an error without state (a stranger trying to cancel the sign-in)', 'error=access_denied'],
      ['CR LF in the query (header injection attempt)', `code=c%0d%0aSet-Cookie:%20x=1&state=junk`],
      ['1,500 parameters', Array.from({ length: 1500 }, (_, i) => `p${i}=1`).join('&')],
      ['1,000 states, none of them ours', Array.from({ length: 1000 }, (_, i) => `state=s${i}`).join('&')],
    ],
    'answered 400 "not for a sign-in SignDesk is waiting for", the sign-in keeps waiting',
    async (query) => {
      const answer = await raw(receiver.port, request(`GET ${callback(query)} HTTP/1.1`));
      assert.deepEqual(statuses(answer), [400], answer.split('\r\n')[0]);
      assert.match(answer, /not for a sign-in SignDesk is waiting for/);
      assert.doesNotMatch(answer, /Set-Cookie: x=1/i);
      assert.equal(settled, undefined, `the waiting sign-in ${settled}`);
    },
  );

  // Junk states here: what matters is that the parser's refusals answer and never reach the sign-in.
  badInputs(
    [
      ['a request line over 16 KB', () => request(`GET ${callback(`code=${'c'.repeat(20_000)}&state=junk`)} HTTP/1.1`)],
      ['a header over 16 KB', (port: number) => request(`GET ${callback('code=c&state=junk')} HTTP/1.1`, [`Host: 127.0.0.1:${port}`, `Cookie: ${'x'.repeat(20_000)}`])],
      ['2,000 headers', (port: number) => request(`GET ${callback('code=c&state=junk')} HTTP/1.1`, [`Host: 127.0.0.1:${port}`, ...Array.from({ length: 2000 }, (_, i) => `X-H${i}: 1`)])],
      ['a space inside the target', () => request(`GET ${callback('code=a b&state=junk')} HTTP/1.1`)],
      ['a target without a leading slash', () => request('GET callback?code=c&state=junk HTTP/1.1')],
      ['a TLS ClientHello (https to an http port)', () => Buffer.from('160301002a010000260303' + '00'.repeat(32), 'hex').toString('latin1')],
      ['bare binary junk', () => '\u0000\u0001\u0002\u00ff\r\n\r\n'],
      ['an unknown HTTP version (HTTP/9.9)', () => `GET ${callback('code=c&state=junk')} HTTP/9.9\r\n\r\n`],
    ],
    'answered 400/431/505 (or closed); the sign-in keeps waiting',
    async (bytes) => {
      const before = delivered.length;
      const answer = await raw(receiver.port, bytes(receiver.port));
      assert.ok(statuses(answer).every((status) => [400, 431, 505].includes(status)), `answered ${JSON.stringify(answer.split('\r\n')[0])}`);
      assert.ok(delivered.length - before <= 1, 'one request delivered more than once');
      assert.equal(settled, undefined, `the waiting sign-in ${settled}`);
      assert.ok(pending.has(NONCE));
    },
  );

  badInput('no Host header (HTTP/1.1), with the valid state', 'refused by the HTTP parser (400) before anything is delivered; the sign-in keeps waiting', async () => {
    const before = delivered.length;
    await expectAnswer(request(`GET ${callback(`code=c&state=${STATE}`)} HTTP/1.1`, []), [400]);
    assert.equal(delivered.length, before);
  });

  badInput('three junk requests pipelined on one connection', 'three answers of 400, the sign-in keeps waiting', async () => {
    const one = `GET ${callback('code=c&state=junk')} HTTP/1.1\r\nHost: 127.0.0.1:${receiver.port}\r\n\r\n`;
    const answer = await raw(receiver.port, one + one + request(`GET ${callback('code=c&state=junk')} HTTP/1.1`));
    assert.deepEqual(statuses(answer), [400, 400, 400]);
    assert.equal(settled, undefined);
  });

  badInput('a GET with a body that carries the valid state', 'the body is not read as a query: 400, the sign-in keeps waiting', async () => {
    const body = `code=c&state=${STATE}`;
    await expectAnswer(request(`GET ${callback('')} HTTP/1.1`, [`Host: 127.0.0.1:${receiver.port}`, 'Content-Type: application/x-www-form-urlencoded', `Content-Length: ${body.length}`]) + body, [400]);
  });

  // Last: everything above must have left the sign-in waiting and the receiver serving.
  badInput('the real callback after all of the above', 'answered 200 and the sign-in completes with its code', async () => {
    const answer = await raw(receiver.port, request(`GET ${callback(`code=the-real-code&state=${STATE}`)} HTTP/1.1`));
    assert.deepEqual(statuses(answer), [200]);
    await attempt.grant;
    assert.equal(settled, 'completed with the-real-code');
  });
});
