import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { parseSignNowArgs } from '../../../sandbox/signNow/cli';
import { SIGNNOW_DEFAULT_PORT } from '../../../sandbox/signNow/server';

describe('signNow sandbox: command line', () => {
  it('parses its flags', () => {
    assert.deepEqual(parseSignNowArgs([]), { port: SIGNNOW_DEFAULT_PORT, host: '127.0.0.1', config: {} });
    const o = parseSignNowArgs(['--port=0', '--host', '127.0.0.2', '--callback-url', 'http://127.0.0.1:53682/callback', '--data', 'x.json', '--expires-in', '60', '--no-rotate', '--code-expires-in-lifetime', '--any-redirect-uri', '--rate-limit', '5']);
    assert.equal(o.port, 0);
    assert.equal(o.host, '127.0.0.2');
    assert.equal(o.callbackUrl, 'http://127.0.0.1:53682/callback');
    assert.equal(o.dataFile, 'x.json');
    assert.deepEqual(o.config, { expiresIn: 60, rotateRefreshTokens: false, codeGrantExpiresInEpoch: false, redirectUriRule: 'any', rateLimit: { enabled: true, limit: 5 } });
    assert.throws(() => parseSignNowArgs(['--bogus']), /unknown option/);
    assert.throws(() => parseSignNowArgs(['--callback-url', 'not a url']));
  });

  describe('npm run sandbox -- --service signnow', () => {
    let child: ChildProcess | undefined;
    afterEach(() => {
      child?.kill('SIGTERM');
      child = undefined;
    });

    it('prints one line of JSON first (service, apiBaseUrl, oauthBaseUrl, clientId, clientSecret, basicToken, users, adminUrl), then serves', async () => {
      const main = path.resolve(__dirname, '../../../sandbox/main.js');
      child = spawn(process.execPath, [main, '--service', 'signnow', '--port', '0', '--callback-url', 'http://127.0.0.1:53682/callback'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const it = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
      const info = JSON.parse((await it.next()).value as string) as Record<string, unknown>;
      for (const k of ['service', 'apiBaseUrl', 'oauthBaseUrl', 'clientId', 'clientSecret', 'basicToken', 'users', 'adminUrl']) assert.ok(k in info, k);
      assert.equal(info.service, 'signNow');
      assert.equal(info.callbackUrl, 'http://127.0.0.1:53682/callback');
      assert.equal(info.basicToken, Buffer.from(`${info.clientId}:${info.clientSecret}`).toString('base64'));
      const [alice] = info.users as Array<{ email: string; password: string }>;
      const token = await fetch(`${info.apiBaseUrl}/oauth2/token`, {
        method: 'POST',
        headers: { Authorization: `Basic ${info.basicToken}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', username: alice.email, password: alice.password }),
      });
      assert.equal(token.status, 200);
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      child = undefined;
    });
  });
});
