// Sign-in with redirect mode "loopback" in the real workbench (VS Code server + headless Chromium) against
// the sandbox: SignDesk serves http://127.0.0.1:<signdesk.oauth.loopbackPort>/callback from the extension
// host while the user signs in. Here the extension host runs on the browser's machine, so the consent
// page's redirect to that address reaches it, as on a desktop VS Code. The app registers exactly the
// callback URL "Configure Dropbox Sign App" tells the user to register.
// The sandbox listens on 127.0.0.2: this web host rewrites 127.0.0.1 URLs opened with openExternal.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import type { Workbench } from '../runner/browser';
import { workbenchFixture } from './support/fixture';
import { sandboxService } from './support/sandboxService';
import { signDeskLog } from './support/signDeskLog';
import { answerConsent, answerInput, closeConfigureDialog, externalPage, STATUS_ITEM } from './support/signInSteps';
import { waitFor } from './support/waitFor';

/** A port that was free a moment ago (listen on 0, close). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** 'open' when something accepts a TCP connection on 127.0.0.1:port, else the error code (ECONNREFUSED). */
function probe(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(5_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

async function statusText(workbench: Workbench): Promise<string> {
  const texts = await workbench.statusBarItem(STATUS_ITEM).allInnerTexts(); // does not wait for the item
  return texts[0]?.trim() ?? '';
}

describe('Sign in with redirect mode "loopback" (e2e)', function () {
  this.timeout(180_000);
  let port = 0;
  // Registered before the fixture's hook, so the port is known when the fixture writes the settings.
  before(async () => {
    port = await freePort();
  });
  const { service, sandbox } = sandboxService(() => ({
    'signdesk.oauth.redirect': 'loopback',
    'signdesk.oauth.loopbackPort': port,
  }));
  const fixture = workbenchFixture({ services: [service], logLevel: 'signdesk.signdesk:trace' });
  let callback = '';

  it('Configure Dropbox Sign App shows the loopback callback URL; the app registers exactly it', async () => {
    const { workbench } = fixture;
    const s = sandbox();
    assert.equal(await probe(port), 'ECONNREFUSED', 'nothing listens on the port before a sign-in');
    await workbench.runCommand('SignDesk: Configure Dropbox Sign App');
    await answerInput(workbench, '(1/3)', s.info.clientId, false);
    await answerInput(workbench, '(2/3)', s.info.clientSecret, true);
    await answerInput(workbench, '(3/3)', '', true); // no API key: straight to the authorization code flow
    const message = await closeConfigureDialog(workbench);
    assert.ok(message.includes('Register this OAuth callback URL'), message);
    callback = /(http:\/\/127\.0\.0\.1:\d+\/callback)/.exec(message)?.[1] ?? '';
    assert.equal(callback, `http://127.0.0.1:${port}/callback`, message);
    assert.match(message, /redirect mode "loopback"/);
    // What the user does next in the app's settings on Dropbox Sign:
    s.admin.updateApp(s.info.clientId, { callbackUrl: callback });
  });

  it('Sign In → consent → Accept → the browser tab says it can be closed, the status bar shows the user', async () => {
    const { workbench } = fixture;
    const s = sandbox();
    assert.ok(callback, 'needs the previous test');
    const page = await externalPage(fixture, async () => {
      await workbench.runCommand('SignDesk: Sign In');
    });
    const authorize = new URL(page.url());
    assert.equal(authorize.pathname, '/oauth/authorize');
    assert.equal(authorize.searchParams.get('redirect_uri'), callback, 'the authorize request names the loopback callback');
    assert.equal(await probe(port), 'open', 'SignDesk listens on the loopback port while waiting');

    await answerConsent(page, s.info.users[0], 'accept');
    await page.waitForURL((url) => url.href.startsWith(`${callback}?`), { timeout: 30_000 });
    await page.locator('h1', { hasText: 'Back to VS Code' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.title(), 'Back to VS Code');
    assert.equal(
      (await page.locator('p').innerText()).trim(),
      'SignDesk received the authorization. You can close this tab and return to VS Code.',
    );

    const text = await waitFor(() => statusText(workbench), (t) => t.includes(s.info.users[0]));
    assert.equal(text, `Dropbox Sign: ${s.info.users[0]}`);
    assert.equal(s.admin.counters().tokenIssued.authorization_code, 1, 'one code exchanged');
    assert.match(signDeskLog(fixture), /opening Dropbox Sign's consent page in the browser \(redirect mode: loopback\)/);
    await page.close();
  });

  it('after the sign-in the loopback port is closed again (a connection is refused)', async () => {
    const state = await waitFor(() => probe(port), (result) => result === 'ECONNREFUSED');
    assert.equal(state, 'ECONNREFUSED');
  });
});
