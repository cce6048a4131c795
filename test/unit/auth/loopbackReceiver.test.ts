import * as assert from 'node:assert/strict';
import * as http from 'node:http';
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
});
