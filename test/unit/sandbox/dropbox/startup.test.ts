import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { parseDropboxArgs } from '../../../sandbox/dropbox/cli';
import { DROPBOX_DEFAULT_PORT, startDropboxSandbox } from '../../../sandbox/dropbox/server';
import { pickService } from '../../../sandbox/main';

describe('Dropbox sandbox: startup and CLI', function () {
  this.timeout(20_000);

  it('--service dropbox picks it; its flags parse', () => {
    assert.deepEqual(pickService(['--service', 'dropbox', '--port', '0']), { service: 'dropbox', rest: ['--port', '0'] });
    assert.deepEqual(parseDropboxArgs([]), { port: DROPBOX_DEFAULT_PORT, config: {} });
    const o = parseDropboxArgs(['--port', '0', '--host=127.0.0.2', '--callback-url', 'http://127.0.0.1:53682/callback', '--expires-in', '60', '--localhost-without-registration', '--no-rate-limit']);
    assert.equal(o.port, 0);
    assert.equal(o.host, '127.0.0.2');
    assert.equal(o.callbackUrl, 'http://127.0.0.1:53682/callback');
    assert.deepEqual(o.config, { expiresIn: 60, localhostNeedsNoRegistration: true, rateLimit: { enabled: false } });
    assert.throws(() => parseDropboxArgs(['--bogus']), /unknown option/);
    assert.throws(() => parseDropboxArgs(['--callback-url', 'not a url']));
  });

  it('refuses a non-loopback host', async () => {
    await assert.rejects(startDropboxSandbox({ host: '0.0.0.0' }), /loopback only/);
  });

  describe('npm run sandbox -- --service dropbox (out/test/sandbox/main.js)', () => {
    let child: ChildProcess | undefined;
    afterEach(() => {
      child?.kill('SIGTERM');
      child = undefined;
    });

    it('prints one line of JSON first; each base serves its Dropbox host\'s own paths; the callback URL is registered', async () => {
      const main = path.resolve(__dirname, '../../../sandbox/main.js');
      const callback = 'http://127.0.0.1:53682/callback';
      child = spawn(process.execPath, [main, '--service', 'dropbox', '--port', '0', '--host', '127.0.0.2', '--callback-url', callback], { stdio: ['ignore', 'pipe', 'pipe'] });
      const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
      const info = JSON.parse((await lines.next()).value as string) as Record<string, string>;
      for (const k of ['service', 'oauthBaseUrl', 'apiBaseUrl', 'contentBaseUrl', 'clientId', 'users', 'adminUrl']) assert.ok(k in info, k);
      assert.equal(info.service, 'dropbox');
      assert.deepEqual(info.users, ['alice@example.com', 'bob@example.com']);
      for (const k of ['oauthBaseUrl', 'apiBaseUrl', 'contentBaseUrl']) assert.match(info[k], /^http:\/\/127\.0\.0\.2:\d+\/\w+$/);
      assert.equal(new Set([info.oauthBaseUrl, info.apiBaseUrl, info.contentBaseUrl]).size, 3);

      const q = new URLSearchParams({ client_id: info.clientId, response_type: 'code', redirect_uri: callback });
      assert.equal((await fetch(`${info.oauthBaseUrl}/oauth2/authorize?${q}`)).status, 200, 'the pages host, with the registered callback');
      const token = await fetch(`${info.apiBaseUrl}/oauth2/token`, { method: 'POST' });
      assert.equal(token.status, 400);
      assert.equal(((await token.json()) as { error: string }).error, 'invalid_request', 'the token endpoint is on the api host');
      const rpc = await fetch(`${info.apiBaseUrl}/2/users/get_current_account`, { method: 'POST' });
      assert.match(await rpc.text(), /users\/get_current_account/);
      const content = await fetch(`${info.contentBaseUrl}/2/files/download`, { method: 'POST' });
      assert.match(await content.text(), /Must provide HTTP header "Authorization"/, 'download is served on the content host');
      assert.equal((await fetch(`${info.apiBaseUrl}/oauth2/authorize?${q}`)).status, 404, 'the pages are not on the api host');

      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      child = undefined;
    });
  });
});
