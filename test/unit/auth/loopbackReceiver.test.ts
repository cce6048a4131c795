import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { CallbackParams } from '../../../src/auth/callbackParams';
import { startLoopbackReceiver } from '../../../src/auth/loopbackReceiver';
import type { DeliveryResult } from '../../../src/auth/pendingSignIns';

function get(url: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
      })
      .on('error', reject);
  });
}

/** Sends `request` as is over a fresh TCP connection; resolves with everything the server sent until it closed. */
export function rawRequest(port: number, request: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    // A reset is one way for the server to close; what it sent before still counts.
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(answer) : reject(error)));
    socket.end(request);
  });
}

/** The status code of a raw HTTP answer ("HTTP/1.1 400 Bad Request" → 400); 0 when there was none. */
export function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
}

describe('loopback receiver', () => {
  it('hands /callback queries over and answers with a page saying the tab can be closed', async () => {
    const received: CallbackParams[] = [];
    const receiver = await startLoopbackReceiver(0, (params): DeliveryResult => {
      received.push(params);
      return params.state === 'good' ? { accepted: true } : { accepted: false, reason: 'unknown' };
    });
    try {
      assert.equal(receiver.redirectUri, `http://127.0.0.1:${receiver.port}/callback`);
      const ok = await get(`${receiver.redirectUri}?code=c1&state=good`);
      assert.equal(ok.status, 200);
      assert.match(ok.body, /close this tab/);
      assert.equal(ok.headers['referrer-policy'], 'no-referrer');
      assert.doesNotMatch(ok.body, /c1/);
      const replay = await get(`${receiver.redirectUri}?code=c1&state=bad`);
      assert.equal(replay.status, 400);
      assert.match(replay.body, /not for a sign-in SignDesk is waiting for/);
      const other = await get(`http://127.0.0.1:${receiver.port}/elsewhere?code=c1&state=good`);
      assert.equal(other.status, 404);
      assert.deepEqual(
        received.map((p) => [p.code, p.state]),
        [
          ['c1', 'good'],
          ['c1', 'bad'],
        ],
      );
    } finally {
      await receiver.close();
    }
    await assert.rejects(get(receiver.redirectUri));
  });

  it('rejects when the port is taken', async () => {
    const first = await startLoopbackReceiver(0, () => ({ accepted: true }));
    try {
      await assert.rejects(startLoopbackReceiver(first.port, () => ({ accepted: true })), (error: NodeJS.ErrnoException) => error.code === 'EADDRINUSE');
    } finally {
      await first.close();
    }
  });

  it('answers 400 to a malformed request target (GET http://[) and keeps serving', async () => {
    const received: CallbackParams[] = [];
    const receiver = await startLoopbackReceiver(0, (params) => {
      received.push(params);
      return { accepted: true };
    });
    try {
      const host = `Host: 127.0.0.1:${receiver.port}\r\n`;
      for (const target of ['http://[', 'http://[/callback?code=c&state=s', '*', 'http://127.0.0.1/callback?code=c&state=s']) {
        const answer = await rawRequest(receiver.port, `GET ${target} HTTP/1.1\r\n${host}Connection: close\r\n\r\n`);
        assert.equal(statusOf(answer), 400, `${target}: ${answer.split('\r\n')[0]}`);
        assert.match(answer, /only receives SignDesk sign-ins/);
      }
      assert.deepEqual(received, []);
      const ok = await get(`${receiver.redirectUri}?code=c1&state=good`);
      assert.equal(ok.status, 200);
      assert.equal(received.length, 1);
    } finally {
      await receiver.close();
    }
  });

  it('takes callbacks only by GET: other methods get 405 with Allow: GET', async () => {
    const received: CallbackParams[] = [];
    const receiver = await startLoopbackReceiver(0, (params) => {
      received.push(params);
      return { accepted: true };
    });
    try {
      const ask = (method: string) =>
        rawRequest(receiver.port, `${method} /callback?code=c1&state=good HTTP/1.1\r\nHost: 127.0.0.1:${receiver.port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      const post = await ask('POST');
      assert.equal(statusOf(post), 405);
      assert.match(post, /\r\nallow: GET\r\n/i);
      assert.deepEqual(received, []);
      assert.equal(statusOf(await ask('GET')), 200);
      assert.equal(received.length, 1);
    } finally {
      await receiver.close();
    }
  });

  it('closes the connection when handing over fails, instead of leaving the browser waiting, and keeps serving', async () => {
    let calls = 0;
    const receiver = await startLoopbackReceiver(0, () => {
      calls += 1;
      if (calls === 1) throw new Error('the sign-in store broke');
      return { accepted: true };
    });
    try {
      const broken = await rawRequest(receiver.port, `GET /callback?code=c&state=s HTTP/1.1\r\nHost: 127.0.0.1:${receiver.port}\r\nConnection: close\r\n\r\n`);
      assert.equal(broken, '');
      assert.equal((await get(`${receiver.redirectUri}?code=c&state=s`)).status, 200);
    } finally {
      await receiver.close();
    }
  });
});
