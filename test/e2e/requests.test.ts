// The Signature Requests tree in the real workbench (VS Code server + headless Chromium) against the
// sandbox: signed out, the view offers Sign In; signed in, the tree shows the sandbox's requests with their signers; the sandbox marks a
// signer signed → after Refresh the icon changes and a notification shows; "Load more…" fetches the
// next page; "Open Details in Browser" opens the request's page (and VS Code's prompt names the sign-in URL:
// the host's doing, pinned here as evidence).
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { Workbench } from '../runner/browser';
import { SEED_REQUESTS } from '../sandbox/dropboxSign/server';
import { workbenchFixture } from './support/fixture';
import { sandboxService } from './support/sandboxService';
import { answerInput, closeConfigureDialog, signIn } from './support/signInSteps';
import { signDeskLog } from './support/signDeskLog';
import { waitFor } from './support/waitFor';

const PAGE_SIZE = 3;

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
  const { service, sandbox } = sandboxService(
    () => ({
      'signdesk.autoRefreshSeconds': 0, // the test refreshes explicitly
      'signdesk.pageSize': PAGE_SIZE,
    }),
    (s) => s.admin.setRateLimits({ enabled: false }),
  );
  const fixture = workbenchFixture({ services: [service] });

  it('client ID set but no client secret: the view says to configure first; once configured, it offers Sign In', async () => {
    const { workbench } = fixture;
    await workbench.openViewContainer('SignDesk');
    const welcome = pane(workbench).locator('.welcome-view-content');
    await waitFor(async () => (await welcome.isVisible()) && (await welcome.innerText()), (t) => typeof t === 'string' && t.includes('To start, tell SignDesk'));
    assert.match(await welcome.innerText(), /To start, tell SignDesk your API app's client ID and secret/);
    await workbench.runCommand('SignDesk: Configure Dropbox Sign App');
    await answerInput(workbench, '(1/3)', sandbox().info.clientId);
    await answerInput(workbench, '(2/3)', sandbox().info.clientSecret);
    await answerInput(workbench, '(3/3)', ''); // no API key (signIn() below enters it)
    await closeConfigureDialog(workbench);
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
    assert.ok(notes.includes("Carol Signer signed “NDA with Acme Co.”."), notes.join(' | '));
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

  it('"Open Details in Browser" opens the request\'s details page; VS Code\'s prompt names the sign-in URL instead (the host\'s doing)', async () => {
    const { workbench } = fixture;
    const info = sandbox().info;
    const expected = `${info.baseUrl}/home/manage?guid=${SEED_REQUESTS.awaiting}`;
    const row = treeRow(workbench, 'NDA with Acme Co.');
    await row.hover();
    const action = row.locator('.action-label[aria-label="Open Details in Browser"]');
    await action.waitFor({ state: 'visible', timeout: 15_000 });
    const opened = fixture.context.waitForEvent('page', { timeout: 60_000 });
    await action.click();
    const detail = workbench.page.locator('.monaco-dialog-box .dialog-message-detail');
    await detail.waitFor({ state: 'visible', timeout: 15_000 });
    const prompt = (await detail.innerText()).trim();
    await workbench.clickDialogButton('Open');
    const page = await opened;
    await page.waitForLoadState('domcontentloaded');
    assert.equal(page.url(), expected, 'the page that opened');
    await page.close();
    const line = `Opening the details page of ${SEED_REQUESTS.awaiting}: ${expected}`;
    assert.ok((await waitFor(async () => signDeskLog(fixture), (log) => log.includes(line))).includes(line), 'SignDesk handed exactly this URL to openExternal');
    // VS Code's OpenerService (1.100) validates a link against the first URL it resolved on the same origin,
    // here the sign-in's authorize URL (see src/commands/requests/commands.ts). If this fails because the
    // prompt now names the details page, the host was fixed: drop this assertion and that comment.
    assert.ok(prompt.startsWith(`${info.oauthBaseUrl}/oauth/authorize?`), `VS Code's prompt named "${prompt}"`);
  });
});
