import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { parseArgs } from '../../../sandbox/dropboxSign/cli';
import { DEFAULT_SERVICE, pickService } from '../../../sandbox/main';
import { DEFAULT_PORT, SEED, SEED_REQUESTS, isLoopbackHost, startSandbox } from '../../../sandbox/dropboxSign/server';
import { basic, get, postJson, signIn, startTestSandbox } from '../../../support/sandboxes/dropboxSign';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'signdesk-sandbox-'));
}

describe('sandbox startup, persistence and CLI', function () {
  this.timeout(20_000);

  it('refuses a non-loopback host', async () => {
    assert.equal(isLoopbackHost('127.0.0.2'), true);
    assert.equal(isLoopbackHost('::1'), true);
    assert.equal(isLoopbackHost('0.0.0.0'), false);
    assert.equal(isLoopbackHost('192.168.1.2'), false);
    await assert.rejects(startSandbox({ host: '0.0.0.0' }), /loopback only/);
  });

  it('listens on 127.0.0.2 and puts that host in every URL it hands out', async () => {
    const sb = await startTestSandbox({ host: '127.0.0.2' });
    try {
      assert.match(sb.url, /^http:\/\/127\.0\.0\.2:\d+$/);
      assert.equal(sb.info.callbackUrl, `${sb.url}/relay/`);
      assert.equal(sb.info.apiBaseUrl, `${sb.url}/v3`);
      const sr = await get(sb, `/v3/signature_request/${SEED_REQUESTS.awaiting}`, basic(sb.info.apiKey));
      assert.ok(sr.json.signature_request.files_url.startsWith('http://127.0.0.2:'));
      assert.deepEqual(sb.violations, []);
    } finally {
      await sb.close();
    }
  });

  it('serves SignDesk’s relay page from the given file, read on every request', async () => {
    const dir = tmpDir();
    const relayFile = path.join(dir, 'oauth-relay.html');
    const sb = await startTestSandbox({ relayFile });
    try {
      assert.match((await get(sb, '/relay/')).text, /relay page not found/i);
      fs.writeFileSync(relayFile, '<!doctype html><title>relay v1</title>');
      assert.match((await get(sb, '/relay/')).text, /relay v1/);
      assert.match((await get(sb, '/relay/?code=a&state=b')).text, /relay v1/);
    } finally {
      await sb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--data: the state (requests, tokens) survives a restart', async () => {
    const dir = tmpDir();
    const dataFile = path.join(dir, 'state.json');
    try {
      const first = await startTestSandbox({ dataFile });
      const tokens = await signIn(first, SEED.alice.email);
      const sent = await postJson(
        first,
        '/v3/signature_request/send',
        { title: 'Persisted', file_urls: ['https://example.com/p.pdf'], signers: [{ name: 'P', email_address: 'p@example.com' }] },
        basic(first.info.apiKey),
      );
      const id = sent.json.signature_request.signature_request_id;
      await first.close();
      assert.ok(fs.existsSync(dataFile));

      const second = await startTestSandbox({ dataFile });
      try {
        const again = await get(second, `/v3/signature_request/${id}`, `Bearer ${tokens.access_token}`);
        assert.equal(again.status, 403, 'sent with the API key, so not through the app: the token may not see it');
        assert.equal((await get(second, `/v3/signature_request/${id}`, basic(second.info.apiKey))).json.signature_request.title, 'Persisted');
        assert.equal((await get(second, '/v3/account', `Bearer ${tokens.access_token}`)).status, 200);
        const refreshed = await postJson(second, '/oauth/token?refresh', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
        assert.equal(refreshed.status, 200);
        assert.equal(second.info.callbackUrl, `${second.url}/relay/`, 'the demo callback follows the new address');
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a data file that is not sandbox state', async () => {
    const dir = tmpDir();
    const dataFile = path.join(dir, 'bad.json');
    fs.writeFileSync(dataFile, '{"hello": 1}');
    try {
      await assert.rejects(startSandbox({ dataFile }), /not a sandbox data file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--service picks the sandbox (default Dropbox Sign; case and dashes ignored); the other flags go to it', () => {
    assert.deepEqual(pickService(['--port', '0']), { service: DEFAULT_SERVICE, rest: ['--port', '0'] });
    assert.deepEqual(pickService(['--service', 'Dropbox-Sign', '--port', '0']), { service: 'dropboxsign', rest: ['--port', '0'] });
    assert.deepEqual(pickService(['--host', '127.0.0.2', '--service=dropboxSign']), { service: 'dropboxsign', rest: ['--host', '127.0.0.2'] });
    assert.throws(() => pickService(['--service', 'nope']), /unknown service nope/);
    assert.throws(() => pickService(['--service']), /needs a value/);
  });

  it('parses the CLI flags', () => {
    assert.deepEqual(parseArgs([]), { port: DEFAULT_PORT, host: '127.0.0.1', config: {} });
    const o = parseArgs(['--port', '0', '--host=127.0.0.2', '--data', 'x.json', '--callback-url', 'https://relay.example/cb', '--expires-in', '60', '--no-rotate', '--timed', '500', '--no-rate-limit']);
    assert.equal(o.port, 0);
    assert.equal(o.host, '127.0.0.2');
    assert.equal(o.dataFile, 'x.json');
    assert.equal(o.callbackUrl, 'https://relay.example/cb');
    assert.equal(o.timedIntervalMs, 500);
    assert.deepEqual(o.config, { expiresIn: 60, rotateRefreshTokens: false, rateLimits: { enabled: false } });
    assert.throws(() => parseArgs(['--port']), /needs a value/);
    assert.throws(() => parseArgs(['--port', 'x']), /whole number/);
    assert.throws(() => parseArgs(['--bogus']), /unknown option/);
    assert.throws(() => parseArgs(['--callback-url', 'not a url']));
  });

  describe('npm run sandbox (out/test/sandbox/main.js)', () => {
    let child: ChildProcess | undefined;
    afterEach(() => {
      child?.kill('SIGTERM');
      child = undefined;
    });

    it('prints one line of JSON first (apiBaseUrl … users), then help, and serves', async () => {
      const main = path.resolve(__dirname, '../../../sandbox/main.js');
      child = spawn(process.execPath, [main, '--port', '0', '--host', '127.0.0.2', '--callback-url', 'https://relay.example/oauth/'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const lines = readline.createInterface({ input: child.stdout! });
      const it = lines[Symbol.asyncIterator]();
      const first = (await it.next()).value as string;
      const info = JSON.parse(first) as Record<string, unknown>;
      for (const k of ['apiBaseUrl', 'oauthBaseUrl', 'adminUrl', 'clientId', 'clientSecret', 'apiKey', 'callbackUrl', 'users']) assert.ok(k in info, k);
      assert.equal(info.callbackUrl, 'https://relay.example/oauth/');
      assert.deepEqual(info.users, [SEED.alice.email, SEED.bob.email]);
      assert.match(String(info.apiBaseUrl), /^http:\/\/127\.0\.0\.2:\d+\/v3$/);
      assert.equal((await it.next()).value, '');
      assert.match((await it.next()).value as string, /^Dropbox Sign sandbox listening on/);
      const res = await fetch(`${info.apiBaseUrl}/account`, { headers: { Authorization: basic(String(info.apiKey)) } });
      assert.equal(res.status, 200);
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      child = undefined;
    });
  });
});
