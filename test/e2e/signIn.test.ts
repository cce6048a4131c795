// Sign-in in the real workbench (VS Code server + headless Chromium) against the sandbox: the app is
// configured through the command's password boxes, "SignDesk: Sign In" runs from the palette, the
// consent page opened by openExternal is answered, and the browser returns to VS Code through the
// relay page (or directly). The sandbox listens on 127.0.0.2: this web host rewrites 127.0.0.1 URLs
// opened with openExternal (see /work/shared/notes/real-vscode-host.md).
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Workbench } from '../runner/browser';
import type { Sandbox } from '../sandbox/dropboxSign/server';
import { workbenchFixture, type Fixture } from './support/fixture';
import { sandboxService } from './support/sandboxService';
import { signDeskLog as readSignDeskLog, signDeskLogFiles } from './support/signDeskLog';
import { answerConsent, answerInput, closeConfigureDialog, externalPage, QUICK_INPUT, STATUS_ITEM } from './support/signInSteps';
import { waitFor } from './support/waitFor';

function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/**
 * Runs a command from the palette (F1, its title, Enter). Unlike Workbench.runCommand it does not wait
 * for the quick input to close: SignDesk's commands reuse it at once for their own input boxes.
 */
async function runFromPalette(workbench: Workbench, title: string): Promise<void> {
  const widget = workbench.page.locator(QUICK_INPUT);
  const input = widget.locator('.quick-input-box input');
  const row = widget
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: workbench.page.locator('.label-name', { hasText: exactText(title) }) })
    .first();
  // Right after the page loads the extension's contributions may still be on their way (slow on a busy
  // machine): reopen the palette until the command shows up.
  const deadline = Date.now() + 90_000;
  for (;;) {
    await workbench.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ state: 'visible', timeout: 3000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`"${title}" is not in the command palette`, { cause: error });
      await workbench.page.keyboard.press('Escape');
    }
  }
  await row.click();
}

/** Records every URL the page navigates to (the relay page and the VS Code callback carry the code). */
function recordNavigations(page: Page): string[] {
  const urls: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  urls.push(page.url());
  return urls;
}

async function statusText(workbench: Workbench): Promise<string> {
  return workbench.statusBarText(STATUS_ITEM);
}


/** SignDesk's log; fails when the extension host wrote no log file at all. */
function signDeskLog(fixture: Fixture): string {
  assert.ok(signDeskLogFiles(fixture).length > 0, 'no SignDesk log file found under the server data dir');
  return readSignDeskLog(fixture);
}

/** Configures client secret (and optionally the API key) as a user would: SignDesk: Configure Dropbox Sign App. */
async function configureApp(fixture: Fixture, sandbox: Sandbox, apiKey: string): Promise<string> {
  const { workbench } = fixture;
  await runFromPalette(workbench, 'SignDesk: Configure Dropbox Sign App');
  await answerInput(workbench, '(1/3)', sandbox.info.clientId, false);
  await answerInput(workbench, '(2/3)', sandbox.info.clientSecret, true);
  await answerInput(workbench, '(3/3)', apiKey, true);
  return closeConfigureDialog(workbench); // the callback URL to register (or why direct cannot work here)
}

describe('Sign in through the relay page (e2e)', function () {
  this.timeout(120_000);
  const { service, sandbox } = sandboxService(); // relay mode, as npm start sets it up
  // SignDesk's log at trace level: the redaction test below must also see the debug lines (every HTTP
  // request's URL), which the default level (info) never writes.
  const fixture = workbenchFixture({ services: [service], logLevel: 'signdesk.signdesk:trace' });
  let callbackUrl: string | undefined;

  it('Configure Dropbox Sign App takes the secrets in password boxes and shows the relay URL to register', async () => {
    const s = sandbox();
    const message = await configureApp(fixture, s, s.info.apiKey);
    assert.ok(message.includes('Register this OAuth callback URL'), message);
    assert.ok(message.includes(s.info.relayUrl), message);
    assert.equal(await statusText(fixture.workbench), 'Dropbox Sign: signed out');
  });

  it('Deny in Dropbox Sign → "Authorization was denied in Dropbox Sign", still signed out', async () => {
    const s = sandbox();
    const page = await externalPage(fixture, async () => {
      await runFromPalette(fixture.workbench, 'SignDesk: Sign In');
      await answerInput(fixture.workbench, 'Sign in to Dropbox Sign', s.info.users[0]);
    });
    await answerConsent(page, s.info.users[0], 'deny');
    const messages = await waitFor(
      () => fixture.workbench.notifications(),
      (list) => list.some((m) => m.includes('Authorization was denied in Dropbox Sign')),
    );
    assert.ok(messages.some((m) => m.includes('Authorization was denied in Dropbox Sign')), messages.join(' | '));
    assert.equal(await statusText(fixture.workbench), 'Dropbox Sign: signed out');
    assert.equal(s.admin.counters().token.authorization_code ?? 0, 0, 'no code was exchanged');
    await page.close();
  });

  it('Accept → relay page → back in VS Code: the status bar shows the sandbox user, the Accounts menu lists it', async () => {
    const s = sandbox();
    const page = await externalPage(fixture, async () => {
      await runFromPalette(fixture.workbench, 'SignDesk: Sign In');
      await answerInput(fixture.workbench, 'Sign in to Dropbox Sign', s.info.users[0]);
    });
    const navigations = recordNavigations(page);
    await answerConsent(page, s.info.users[0], 'accept');
    const text = await waitFor(() => statusText(fixture.workbench), (t) => t.includes(s.info.users[0]));
    assert.equal(text, `Dropbox Sign: ${s.info.users[0]}`);
    assert.ok(navigations.some((url) => url.startsWith(s.info.relayUrl)), `went through the relay: ${navigations.length} navigations`);
    callbackUrl = navigations.find((url) => url.includes('vscode-reqid=') && url.includes('code='));
    assert.ok(callbackUrl, 'the relay page forwarded to the VS Code callback');
    assert.equal(s.admin.counters().token.authorization_code, 1);
    const accounts = await waitFor(
      () => fixture.workbench.accountsMenu(),
      (entries) => entries.some((entry) => entry.includes(s.info.users[0])),
    );
    assert.ok(
      accounts.some((entry) => entry.includes(s.info.users[0]) && entry.includes('Dropbox Sign')),
      `Accounts menu: ${accounts.join(' | ')}`,
    );
    await page.close();
  });

  it('a replayed callback is ignored: no second exchange, still signed in', async () => {
    // The workbench hands a callback to the extension only for a request id it has not served yet, so
    // the old callback is replayed onto the VS Code callback address of a new sign-in attempt (a fresh
    // request id): it reaches SignDesk's handler, which must refuse the used nonce.
    const s = sandbox();
    assert.ok(callbackUrl, 'needs the previous test');
    const old = new URL(callbackUrl);
    const page = await externalPage(fixture, async () => {
      await runFromPalette(fixture.workbench, 'SignDesk: Sign In');
      // Signed in already: SignDesk asks before adding another account.
      const dialog = fixture.workbench.page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await dialog.innerText(), new RegExp(`You are signed in to Dropbox Sign as ${s.info.users[0].replace(/[.]/g, '\\.')}`));
      await fixture.workbench.clickDialogButton('Add Another Account');
      await answerInput(fixture.workbench, 'Sign in to Dropbox Sign', s.info.users[0]);
    });
    const newState = new URL(page.url()).searchParams.get('state') ?? '';
    const target = Buffer.from(newState.slice(newState.indexOf('.') + 1), 'base64url').toString('utf8');
    assert.match(target, /vscode-reqid=/, 'the new attempt carries its own VS Code callback');
    const replay = new URL(target);
    replay.searchParams.append('code', old.searchParams.get('code') ?? '');
    replay.searchParams.append('state', old.searchParams.get('state') ?? '');
    const replayPage = await fixture.context.newPage();
    await replayPage.goto(replay.toString());
    const log = await waitFor(
      async () => signDeskLog(fixture),
      (text) => /ignored a callback that matches no waiting sign-in/.test(text),
    );
    assert.match(log, /ignored a callback that matches no waiting sign-in \(alreadyUsed\)/);
    assert.equal(s.admin.counters().token.authorization_code, 1, 'the replayed code was not exchanged again');
    await runFromPalette(fixture.workbench, 'SignDesk: Cancel Waiting for Authorization');
    const text = await waitFor(() => statusText(fixture.workbench), (t) => t === `Dropbox Sign: ${s.info.users[0]}`);
    assert.equal(text, `Dropbox Sign: ${s.info.users[0]}`);
    await replayPage.close();
    await page.close();
  });

  it('no code, token, client secret or API key appears in the whole log or the notifications', async () => {
    const s = sandbox();
    const state = s.admin.state();
    const secrets = [
      s.info.clientSecret,
      s.info.apiKey,
      Buffer.from(`${s.info.apiKey}:`).toString('base64'), // as sent in the Basic Authorization header
      ...state.codes.map((c) => c.code),
      ...state.accessTokens.map((t) => t.token),
      ...state.refreshTokens.map((t) => t.token),
    ];
    assert.ok(state.codes.length >= 1 && state.accessTokens.length >= 1, 'the sign-in produced a code and tokens');
    const log = signDeskLog(fixture);
    assert.match(log, /signed in to Dropbox Sign as/, 'the log is the one of this sign-in');
    const tokenRequest = `POST ${s.info.oauthBaseUrl.replace(/\/+$/, '')}/oauth/token → 200`;
    assert.ok(
      log.split('\n').some((line) => line.includes('[debug]') && line.includes(tokenRequest)),
      `the log is verbose: it has the debug line "${tokenRequest}"`,
    );
    // At trace level the HTTP layer logs bodies: the code, the client secret and both tokens went through
    // the redaction, so this test fails the moment redaction misses one.
    const tokenUrl = `POST ${s.info.oauthBaseUrl.replace(/\/+$/, '')}/oauth/token`;
    const traced = log.split('\n').filter((line) => line.includes('[trace]') && line.includes(tokenUrl));
    const request = traced.find((line) => line.includes('request headers'));
    assert.ok(request?.includes('"code":"[REDACTED]"') && request.includes('"client_secret":"[REDACTED]"'), traced.join('\n'));
    assert.ok(traced.some((line) => /response body .*"access_token":"\[REDACTED\]".*"refresh_token":"\[REDACTED\]"/.test(line)), traced.join('\n'));
    const shown = (await fixture.workbench.notifications()).join('\n');
    for (const secret of secrets) {
      assert.ok(!log.includes(secret), `a secret (${secret.slice(0, 4)}…) is in the log`);
      assert.ok(!shown.includes(secret), `a secret (${secret.slice(0, 4)}…) is in a notification`);
    }
  });
});

describe('Sign in with redirect mode "direct" (e2e)', function () {
  this.timeout(120_000);
  const { service, sandbox } = sandboxService(
    () => ({ 'signdesk.oauth.redirect': 'direct' }),
    // The extension's own callback changes with every sign-in on a VS Code server; let the app accept it.
    (s) => s.admin.updateApp(s.info.clientId, { acceptAnyRedirectUri: true }),
  );
  const fixture = workbenchFixture({ services: [service] });

  it('Accept → straight back to VS Code: the status bar shows the sandbox user', async () => {
    const s = sandbox();
    await configureApp(fixture, s, '');
    const page = await externalPage(fixture, () => runFromPalette(fixture.workbench, 'SignDesk: Sign In'));
    const navigations = recordNavigations(page);
    await answerConsent(page, s.info.users[1], 'accept');
    const text = await waitFor(() => statusText(fixture.workbench), (t) => t.includes(s.info.users[1]));
    assert.equal(text, `Dropbox Sign: ${s.info.users[1]}`);
    assert.ok(!navigations.some((url) => url.startsWith(s.info.relayUrl)), 'did not go through the relay');
    await page.close();
  });
});

describe('Sign in with redirect mode "manual" (e2e)', function () {
  this.timeout(120_000);
  const { service, sandbox } = sandboxService(() => ({ 'signdesk.oauth.redirect': 'manual' }));
  const fixture = workbenchFixture({ services: [service] });

  it('manual mode: the relay page asks to paste its address; Complete Authorization takes it', async () => {
    const s = sandbox();
    await configureApp(fixture, s, '');
    const page = await externalPage(fixture, () => runFromPalette(fixture.workbench, 'SignDesk: Sign In'));
    assert.equal(new URL(page.url()).searchParams.has('redirect_uri'), false, 'manual mode sends no redirect_uri');
    await answerConsent(page, s.info.users[1], 'accept');
    await page.locator('#title', { hasText: 'Almost done' }).waitFor({ timeout: 30_000 });
    assert.ok(page.url().startsWith(s.info.relayUrl), 'landed on the registered callback (the relay page)');
    // SignDesk opened "Complete Authorization" itself when it started waiting.
    await answerInput(fixture.workbench, 'Complete Authorization', page.url(), true);
    const text = await waitFor(() => statusText(fixture.workbench), (t) => t.includes(s.info.users[1]));
    assert.equal(text, `Dropbox Sign: ${s.info.users[1]}`);
    assert.match(signDeskLog(fixture), /opening Dropbox Sign's consent page in the browser \(redirect mode: manual\)/);
    await page.close();
  });
});
