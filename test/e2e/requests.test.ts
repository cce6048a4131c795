// The Signature Requests tree in the real workbench (VS Code server + headless Chromium) against the
// sandbox: signed out, the view offers Sign In; signed in, the tree shows the sandbox's requests with their signers; the sandbox marks a
// signer signed → after Refresh the icon changes and a notification shows; "Load more…" fetches the
// next page.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { Workbench } from '../runner/browser';
import { startSandbox, type Sandbox, SEED_REQUESTS } from '../sandbox/server';
import { workbenchFixture, type Fixture, type FixtureService } from './support/fixture';

const STATUS_ITEM = 'signdesk.signdesk.signdesk.status';
const QUICK_INPUT = '.quick-input-widget';
const PAGE_SIZE = 3;

function sandboxService() {
  const holder: { current?: Sandbox } = {};
  const service: FixtureService = {
    name: 'sandbox',
    start: async () => {
      // 127.0.0.2: this web host rewrites 127.0.0.1 URLs opened with openExternal (the consent page).
      const sandbox = await startSandbox({ host: '127.0.0.2' });
      sandbox.admin.setRateLimits({ enabled: false });
      holder.current = sandbox;
      return {
        settings: {
          'signdesk.dropboxSign.apiBaseUrl': sandbox.info.apiBaseUrl,
          'signdesk.dropboxSign.oauthBaseUrl': sandbox.info.oauthBaseUrl,
          'signdesk.dropboxSign.clientId': sandbox.info.clientId,
          'signdesk.oauth.relayUrl': sandbox.info.relayUrl,
          'signdesk.autoRefreshSeconds': 0, // the test refreshes explicitly
          'signdesk.pageSize': PAGE_SIZE,
        },
        close: () => sandbox.close(),
      };
    },
  };
  return { service, sandbox: (): Sandbox => holder.current ?? assert.fail('the sandbox has not started') };
}

async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

async function answerInput(workbench: Workbench, title: string, text: string): Promise<void> {
  const widget = workbench.page.locator(QUICK_INPUT);
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 30_000 });
  const input = widget.locator('.quick-input-box input');
  await input.fill(text);
  await input.press('Enter');
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'hidden', timeout: 30_000 });
}

/** Configure the app, Sign In, accept on the sandbox's consent page, back through the relay page. */
async function signIn(fixture: Fixture, sandbox: Sandbox): Promise<void> {
  const { workbench } = fixture;
  await workbench.runCommand('SignDesk: Configure Dropbox Sign App');
  await answerInput(workbench, '(1/3)', sandbox.info.clientId);
  await answerInput(workbench, '(2/3)', sandbox.info.clientSecret);
  await answerInput(workbench, '(3/3)', sandbox.info.apiKey);
  const opened = fixture.context.waitForEvent('page', { timeout: 60_000 });
  await workbench.runCommand('SignDesk: Sign In');
  await answerInput(workbench, 'Sign in to Dropbox Sign', sandbox.info.users[0]);
  const open = workbench.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^\s*Open\s*$/ }).first();
  const page: Page = await Promise.race([
    opened,
    open.waitFor({ state: 'visible', timeout: 60_000 }).then(async () => {
      await open.click();
      return opened;
    }),
  ]);
  await page.waitForLoadState('domcontentloaded');
  const login = page.locator('#login-form');
  const consent = page.locator('#consent-form');
  await Promise.race([login.waitFor({ timeout: 30_000 }), consent.waitFor({ timeout: 30_000 })]);
  if (await login.isVisible()) {
    await page.locator('#email').fill(sandbox.info.users[0]);
    await page.locator('#login').click();
  }
  await consent.waitFor({ timeout: 30_000 });
  await page.locator('#accept').click();
  const status = await waitFor(() => fixture.workbench.statusBarText(STATUS_ITEM), (t) => t.includes(sandbox.info.users[0]));
  assert.equal(status, `Dropbox Sign: ${sandbox.info.users[0]}`);
  await page.close();
}

function pane(workbench: Workbench): Locator {
  return workbench.viewPane('Signature Requests');
}

function treeRow(workbench: Workbench, text: string | RegExp): Locator {
  return pane(workbench).locator('.monaco-list-row', { hasText: text }).first();
}

/** The codicon id shown on a tree row (e.g. `check` for `codicon-check`). */
async function rowIcon(row: Locator): Promise<string | undefined> {
  const classes = (await row.locator('.custom-view-tree-node-item-icon').first().getAttribute('class')) ?? '';
  return /\bcodicon-([\w-]+)/.exec(classes)?.[1];
}

async function rows(workbench: Workbench): Promise<string[]> {
  return workbench.treeRows(pane(workbench));
}

describe('Signature Requests tree in the workbench (e2e)', function () {
  this.timeout(180_000);
  const { service, sandbox } = sandboxService();
  const fixture = workbenchFixture({ services: [service] });

  it('signed out (the app configured): the view offers Sign In instead of staying blank', async () => {
    const { workbench } = fixture;
    await workbench.openViewContainer('SignDesk');
    const welcome = pane(workbench).locator('.welcome-view-content');
    await waitFor(async () => (await welcome.isVisible()) && (await welcome.innerText()), (t) => typeof t === 'string' && t.includes('Sign in to Dropbox Sign'));
    assert.match(await welcome.innerText(), /Sign in to Dropbox Sign to see the signature requests your API app has sent/);
    await pane(workbench).getByRole('button', { name: 'Sign In to Dropbox Sign' }).waitFor({ state: 'visible' });
  });

  it('signed in: shows the sandbox\'s requests, grouped by state, with their signers', async () => {
    const { workbench } = fixture;
    await signIn(fixture, sandbox()); // the view stays open from the previous test
    const shown = await waitFor(() => rows(workbench), (r) => r.some((t) => t.includes('NDA with Acme Co.')));
    assert.ok(shown.some((t) => /^Awaiting signature \(\d+\)/.test(t)), shown.join(' | '));
    const nda = treeRow(workbench, 'NDA with Acme Co.');
    assert.match(await nda.innerText(), /0\/2 signed/);
    await nda.click(); // expands it
    const carol = treeRow(workbench, 'Carol Signer');
    await carol.waitFor({ state: 'visible', timeout: 15_000 });
    await treeRow(workbench, 'Dave Signer').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await rowIcon(carol), 'circle-large-outline');
  });

  it('the sandbox marks a signer signed → after Refresh the icon changes and a notification shows', async () => {
    const { workbench } = fixture;
    sandbox().admin.moveSigner(SEED_REQUESTS.awaiting, { email: 'carol@example.com' }, 'sign');
    // The view's title actions: in the pane header, or in the side bar's title when it is the only view.
    await workbench.sideBar().locator('.action-label[aria-label="Refresh"]').filter({ visible: true }).first().click();
    const notes = await waitFor(() => workbench.notifications(), (n) => n.some((t) => t.includes('Carol Signer signed')));
    assert.ok(notes.includes("Carol Signer signed 'NDA with Acme Co.'."), notes.join(' | '));
    const icon = await waitFor(() => rowIcon(treeRow(workbench, 'Carol Signer')), (id) => id === 'check');
    assert.equal(icon, 'check');
    assert.match(await treeRow(workbench, 'NDA with Acme Co.').innerText(), /1\/2 signed/);
  });

  it('"Load more…" fetches the next page', async () => {
    const { workbench } = fixture;
    const loadMore = treeRow(workbench, 'Load more…');
    await loadMore.waitFor({ state: 'visible', timeout: 15_000 });
    const before = await loadMore.innerText();
    const match = /(\d+) of (\d+)/.exec(before);
    assert.ok(match, before);
    assert.equal(Number(match[1]), PAGE_SIZE);
    const total = Number(match[2]);
    assert.ok(total > PAGE_SIZE, `the sandbox lists only ${total} requests`);
    await loadMore.click();
    const expected = Math.min(2 * PAGE_SIZE, total);
    const after = await waitFor(
      () => rows(workbench),
      (r) => !r.some((t) => t.startsWith('Loading…')) && (expected < total ? r.some((t) => t.includes(`${expected} of ${total}`)) : !r.some((t) => t.startsWith('Load more…'))),
    );
    if (expected < total) {
      assert.ok(after.some((t) => t === `Load more…${expected} of ${total}`), after.join(' | '));
    } else {
      assert.ok(!after.some((t) => t.startsWith('Load more…')), after.join(' | '));
    }
    // The group counts add up to what is loaded now.
    const groups = await rows(workbench);
    const counted = groups
      .map((t) => /^(?:Awaiting signature|Completed|Declined|Canceled or error) \((\d+)\)$/.exec(t)?.[1])
      .filter((n): n is string => n !== undefined)
      .reduce((sum, n) => sum + Number(n), 0);
    assert.equal(counted, expected, groups.join(' | '));
  });
});
