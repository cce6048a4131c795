// The Signature Requests tree in a real VS Code host against the sandbox (started in this process):
// signed in, the provider returns the sandbox's requests and signers; refresh after the sandbox moves a
// signer changes the icon and notifies; "Load more…", the filter (setting and the Filter… command with a
// stubbed input box), Open Details (stubbed vscode.env.openExternal), the copy commands work; and
// package.json's node menus and the nodes' contextValues agree; a request bob sent (alice only signs it)
// reads "from bob…", offers no Cancel/Remind, and those commands run on it anyway call nothing. A user
// Refresh that fails offers Retry/Show Log, or Sign In Again after a lasting 401 (stubbed notifications); after a 429 the view retries by itself
// at the reset with auto refresh off; Refresh signed out / before the app is configured says so.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SignDeskApi } from '../../src/extension';
import { appSecretKey } from '../../src/model/serviceSettings';
import type { StoredSession } from '../../src/auth/session';
import type { RequestsTreeNode } from '../../src/views/requestsTree/nodes';
import { ALL_CONTEXT_VALUES, checkMenus, MenuEntry, whenMatchesContextValue } from '../../src/views/requestsTree/contextValues';
import { Sandbox, SEED, SEED_REQUESTS, startSandbox } from '../sandbox/dropboxSign/server';
import { signedInSession } from '../support/sandboxes/dropboxSign';
import { activatedApi, eventually, signDeskExtension, within } from './support/extension';
import { recordMessages, stubWindow, type WindowApi } from './support/stubWindow';

const CLIENT_SECRET_KEY = appSecretKey('dropboxSign', 'clientSecret');

type Testing = NonNullable<SignDeskApi['testing']>;


const SETTINGS = ['dropboxSign.apiBaseUrl', 'dropboxSign.oauthBaseUrl', 'dropboxSign.clientId', 'pageSize', 'filter', 'autoRefreshSeconds'];

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('signdesk').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('requests tree (sandbox)', function () {
  this.timeout(60_000);
  let testing: Testing;
  let sandbox: Sandbox;
  let session: StoredSession;

  const view = () => testing.requests;
  const provider = () => view().provider;

  async function children(node?: RequestsTreeNode): Promise<RequestsTreeNode[]> {
    return provider().getChildren(node);
  }

  async function label(node: RequestsTreeNode): Promise<string> {
    const item = await provider().getTreeItem(node);
    return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  }

  /** Every node of the tree, depth first. */
  async function walk(): Promise<Array<{ node: RequestsTreeNode; item: vscode.TreeItem }>> {
    const out: Array<{ node: RequestsTreeNode; item: vscode.TreeItem }> = [];
    const visit = async (node?: RequestsTreeNode): Promise<void> => {
      for (const child of await children(node)) {
        out.push({ node: child, item: await provider().getTreeItem(child) });
        await visit(child);
      }
    };
    await visit();
    return out;
  }

  async function requestNode(id: string): Promise<RequestsTreeNode> {
    const found = (await walk()).find(({ node }) => node.kind === 'request' && node.request.id === id);
    assert.ok(found, `no node for request ${id}`);
    return found.node;
  }

  /** Ids of the request nodes the tree shows (all groups), in tree order. */
  async function requestIds(): Promise<string[]> {
    return (await walk()).flatMap(({ node }) => (node.kind === 'request' ? [node.request.id] : []));
  }

  before(async () => {
    const api = await activatedApi();
    assert.ok(api.testing, 'activate() returned no testing API');
    testing = api.testing;
    // Start signed out whatever an earlier suite left behind.
    for (const stored of await testing.sessions.store.list()) await testing.sessions.store.remove(stored);
    sandbox = await startSandbox({ config: { rateLimits: { enabled: false } } });
    await setSetting('dropboxSign.apiBaseUrl', sandbox.info.apiBaseUrl);
    await setSetting('dropboxSign.oauthBaseUrl', sandbox.info.oauthBaseUrl);
    await setSetting('dropboxSign.clientId', sandbox.info.clientId);
    await testing.sessions.secrets.store(CLIENT_SECRET_KEY, sandbox.info.clientSecret); // configured: "signed out", not "configure first"
    await setSetting('autoRefreshSeconds', 0); // refreshes here are explicit
    session = await signedInSession(sandbox, SEED.alice.email);
  });

  after(async () => {
    if (session) await testing.sessions.store.remove(session);
    for (const key of SETTINGS) await setSetting(key, undefined);
    await testing.sessions.secrets.delete(CLIENT_SECRET_KEY);
    await sandbox?.close();
  });

  it('says "signed out" (with a Sign In action) before anyone signs in', async () => {
    await view().refreshAccess();
    assert.deepEqual(view().model.state, { kind: 'signedOut' });
    assert.deepEqual(await children(), []);
  });

  it('says "not configured" (Configure first) while the client secret is missing, though the client ID is set', async () => {
    await testing.sessions.secrets.delete(CLIENT_SECRET_KEY);
    try {
      await eventually(async () => view().model.state.kind, (kind) => kind === 'notConfigured', 10_000, 'model state without a client secret');
    } finally {
      await testing.sessions.secrets.store(CLIENT_SECRET_KEY, sandbox.info.clientSecret);
    }
    await eventually(async () => view().model.state.kind, (kind) => kind === 'signedOut', 10_000, 'model state once the secret is back');
  });

  it('signed in: shows the sandbox\'s requests grouped by state, with their signers', async () => {
    await testing.sessions.store.save(session);
    await eventually(async () => view().model.state.kind, (kind) => kind !== 'signedOut', 10_000, 'model state after sign-in');
    const groups = await children();
    const labels = await Promise.all(groups.map(label));
    assert.ok(labels[0].startsWith('Awaiting signature ('), labels.join(' | '));
    assert.ok(labels.some((l) => /^Completed \(1\)$/.test(l)), labels.join(' | '));
    assert.ok(labels.some((l) => /^Declined \(1\)$/.test(l)), labels.join(' | '));

    const nda = await requestNode(SEED_REQUESTS.awaiting);
    const ndaItem = await provider().getTreeItem(nda);
    assert.equal(ndaItem.label, 'NDA with Acme Co.');
    assert.match(String(ndaItem.description), /^0\/2 signed · 2 days ago$/);
    // Dropbox Sign cancels, and downloads PDF and ZIP: the menus offer those.
    assert.equal(ndaItem.contextValue, 'signatureRequest.awaiting.cancelable.pdf.zip');
    assert.equal((ndaItem.iconPath as vscode.ThemeIcon).id, 'clock');
    assert.match((ndaItem.tooltip as vscode.MarkdownString).value, /ID: `[0-9a-f]+`/);

    const signers = await children(nda);
    const signerItems = await Promise.all(signers.map((s) => provider().getTreeItem(s)));
    assert.deepEqual(
      signerItems.map((i) => [i.label, i.contextValue, (i.iconPath as vscode.ThemeIcon).id]),
      [
        ['1. Carol Signer', 'signer.awaiting.remindable', 'circle-large-outline'],
        ['2. Dave Signer', 'signer.awaiting.remindable', 'circle-large-outline'],
      ],
    );
  });

  it('every contextValue the tree shows is one the nodes declare, and package.json menus and nodes agree', async () => {
    const shown = (await walk()).map(({ item }) => item.contextValue).filter((v): v is string => v !== undefined);
    assert.ok(shown.length > 0);
    assert.deepEqual(shown.filter((v) => !ALL_CONTEXT_VALUES.includes(v)), []);
    const menus = signDeskExtension().packageJSON.contributes?.menus as Record<string, MenuEntry[]>;
    assert.deepEqual(checkMenus(menus), { unusedContextValues: [], unmatchedMenus: [] });
  });

  it('a request someone else sent: "from <sender>", "Sent by" in the tooltip, and no Cancel or Remind in its menus', async () => {
    const node = await requestNode(SEED_REQUESTS.receivedFromBob);
    const item = await provider().getTreeItem(node);
    assert.equal(item.label, 'Expense Policy Acknowledgement');
    assert.equal(item.contextValue, 'signatureRequest.awaiting.received.cancelable.pdf.zip');
    assert.match(String(item.description), /^from bob@example\.com · 0\/1 signed · 3 days ago$/);
    assert.match((item.tooltip as vscode.MarkdownString).value, /^Sent by bob@example\\\.com · only the sender can cancel it or send reminders/m);
    assert.equal(item.accessibilityInformation?.label, 'Expense Policy Acknowledgement, received from bob@example.com, Awaiting signature, 0 of 1 signer signed');
    const awaiting = (await children()).find((g) => g.kind === 'group' && g.id === 'awaiting');
    assert.ok(awaiting, 'an Awaiting signature group');
    const awaitingIds = (await children(awaiting)).flatMap((n) => (n.kind === 'request' ? [n.request.id] : []));
    assert.ok(awaitingIds.includes(SEED_REQUESTS.receivedFromBob), 'it stays in its state group');

    const [signerNode] = await children(node);
    const signerItem = await provider().getTreeItem(signerNode);
    assert.equal(signerItem.contextValue, 'signer.awaiting.received.remindable');

    const menus = (signDeskExtension().packageJSON.contributes?.menus as Record<string, MenuEntry[]>)['view/item/context'];
    const commandsFor = (value: string) => [...new Set(menus.filter((m) => m.when && whenMatchesContextValue(m.when, value)).map((m) => m.command))].sort();
    assert.deepEqual(commandsFor(item.contextValue!), ['signdesk.downloadPdf', 'signdesk.downloadZip', 'signdesk.requests.copyId', 'signdesk.requests.openDetails']);
    assert.deepEqual(commandsFor(signerItem.contextValue!), ['signdesk.requests.copySignerEmail']);
    // alice's own awaiting request keeps them.
    const nda = await provider().getTreeItem(await requestNode(SEED_REQUESTS.awaiting));
    assert.ok(commandsFor(nda.contextValue!).includes('signdesk.cancelRequest'));
  });

  it('Cancel and Remind run anyway (palette, keybinding) on a received request: say only the sender can, call nothing', async () => {
    const node = await requestNode(SEED_REQUESTS.receivedFromBob);
    const [signerNode] = await children(node);
    const shown: Array<{ level: string; message: string }> = [];
    const record = (level: string) => (async (message: string) => void shown.push({ level, message })) as unknown as WindowApi['showInformationMessage'];
    const restores = [stubWindow('showInformationMessage', record('info')), stubWindow('showWarningMessage', record('warning')), stubWindow('showErrorMessage', record('error'))];
    sandbox.admin.resetCounters();
    try {
      await vscode.commands.executeCommand('signdesk.cancelRequest', node);
      await vscode.commands.executeCommand('signdesk.remindSigner', signerNode);
    } finally {
      for (const restore of restores) restore();
    }
    assert.deepEqual(shown, [
      { level: 'info', message: '“Expense Policy Acknowledgement” was sent by bob@example.com; only the sender can cancel it.' },
      { level: 'info', message: '“Expense Policy Acknowledgement” was sent by bob@example.com; only the sender can send reminders for it.' },
    ]);
    const http = sandbox.admin.counters().http;
    assert.deepEqual(Object.keys(http).filter((route) => /cancel|remind/.test(route)), [], 'no cancel/remind call reached Dropbox Sign');
  });

  it('the sandbox marks a signer signed → after Refresh the icon changes and a notification says so', async () => {
    sandbox.admin.moveSigner(SEED_REQUESTS.awaiting, { email: 'carol@example.com' }, 'sign');
    const notified = view().notifier.next();
    await vscode.commands.executeCommand('signdesk.requests.refresh');
    const notification = await within(notified, 10_000, 'notification after refresh');
    assert.equal(notification.message, "Carol Signer signed “NDA with Acme Co.”.");
    const nda = await requestNode(SEED_REQUESTS.awaiting);
    assert.match(String((await provider().getTreeItem(nda)).description), /^1\/2 signed/);
    const [carol] = await children(nda);
    assert.equal(((await provider().getTreeItem(carol)).iconPath as vscode.ThemeIcon).id, 'check');
  });

  it('auto refresh: while the view is visible and something is pending, a change arrives without Refresh', async () => {
    await vscode.commands.executeCommand('signdesk.requests.focus');
    await eventually(async () => view().treeView.visible, (v) => v, 10_000, 'view visible');
    sandbox.admin.moveSigner(SEED_REQUESTS.awaiting, { email: 'dave@example.com' }, 'sign');
    const notified = view().notifier.next();
    await setSetting('autoRefreshSeconds', 1); // the 20 % rate-limit share stretches this to 3 s
    const notification = await within(notified, 15_000, 'notification from auto refresh');
    await setSetting('autoRefreshSeconds', 0);
    assert.equal(notification.message, "“NDA with Acme Co.” is complete.");
    assert.deepEqual(notification.actions.map((a) => a.title), ['Download']);
  });

  it('"Load more…" shows while there is more and fetches the next page', async () => {
    await setSetting('pageSize', 2);
    const total = await eventually(
      async () => {
        await children();
        return view().model.total;
      },
      (n) => n !== undefined && view().model.pageSize === 2,
      10_000,
      'reload with page size 2',
    );
    assert.ok(total! > 2, `the sandbox lists ${total} requests`);
    const root = await children();
    const more = root[root.length - 1];
    assert.equal(more.kind, 'loadMore');
    const item = await provider().getTreeItem(more);
    assert.equal(item.label, 'Load more…');
    assert.equal(item.description, `2 of ${total}`);
    await vscode.commands.executeCommand(item.command!.command);
    assert.equal(view().model.requests.length, Math.min(4, total!));
    await setSetting('pageSize', undefined);
  });

  it('the filter goes to the API, shows in the view\'s description, and clears with one command', async () => {
    await setSetting('filter', 'Offer');
    await eventually(async () => view().treeView.description, (d) => d === 'filter: Offer', 10_000, 'description');
    const [first] = await children();
    assert.deepEqual(view().model.requests.map((r) => r.title), ['Offer Letter']);
    // Also the first row: a narrow side bar cuts the description off.
    const filterRow = await provider().getTreeItem(first);
    assert.deepEqual([filterRow.label, filterRow.command?.command], ['Filtered by “Offer”', 'signdesk.requests.clearFilter']);
    await vscode.commands.executeCommand('signdesk.requests.clearFilter');
    await eventually(async () => view().treeView.description, (d) => d === undefined, 10_000, 'description cleared');
    const rows = await children();
    assert.ok(view().model.requests.length > 1);
    assert.ok(!rows.some((row) => row.kind === 'action'), 'no filter row once cleared');
  });

  it('"Filter Signature Requests…": the input box answer becomes the setting, the tree shows only the matches, empty clears', async () => {
    const prompts: Array<vscode.InputBoxOptions | undefined> = [];
    let answer: string | undefined = '  Consulting ';
    const restore = stubWindow('showInputBox', (async (options?: vscode.InputBoxOptions) => {
      prompts.push(options);
      return answer;
    }) as WindowApi['showInputBox']);
    try {
      await vscode.commands.executeCommand('signdesk.requests.filter');
      assert.equal(prompts.length, 1, 'the command asked for the filter once');
      assert.equal(prompts[0]?.title, 'Filter Signature Requests');
      assert.equal(vscode.workspace.getConfiguration('signdesk').get('filter'), 'Consulting');
      await eventually(async () => view().treeView.description, (d) => d === 'filter: Consulting', 10_000, 'description');
      const shown = await eventually(requestIds, (ids) => ids.length > 0 && ids.every((id) => id === SEED_REQUESTS.partiallySigned), 10_000, 'filtered tree');
      assert.deepEqual(shown, [SEED_REQUESTS.partiallySigned]);

      answer = ''; // an empty answer clears the filter
      await vscode.commands.executeCommand('signdesk.requests.filter');
      assert.equal(prompts[1]?.value, 'Consulting', 'the input box starts at the current filter');
      assert.equal(vscode.workspace.getConfiguration('signdesk').inspect('filter')?.globalValue, undefined);
      await eventually(async () => view().treeView.description, (d) => d === undefined, 10_000, 'description cleared');
      const all = await eventually(requestIds, (ids) => ids.length > 1, 10_000, 'unfiltered tree');
      assert.ok(all.includes(SEED_REQUESTS.awaiting) && all.includes(SEED_REQUESTS.partiallySigned), all.join(', '));
    } finally {
      restore();
      await setSetting('filter', undefined);
    }
  });

  it('"Open Details in Browser" opens the request\'s details_url', async () => {
    const opened: vscode.Uri[] = [];
    const env = vscode.env as unknown as Record<string, unknown>;
    const original = env.openExternal;
    // The test host leaves vscode.env unfrozen so it can be patched (VS Code freezes it outside tests).
    const stub = async (uri: vscode.Uri): Promise<boolean> => {
      opened.push(uri);
      return true;
    };
    env.openExternal = stub;
    try {
      assert.equal(vscode.env.openExternal, stub, 'vscode.env.openExternal is not writable in this host');
      const node = await requestNode(SEED_REQUESTS.completed);
      await vscode.commands.executeCommand('signdesk.requests.openDetails', node);
    } finally {
      env.openExternal = original;
    }
    const expected = `${sandbox.info.baseUrl}/home/manage?guid=${SEED_REQUESTS.completed}`;
    assert.equal(view().model.get(SEED_REQUESTS.completed)?.detailsUrl, expected);
    assert.deepEqual(opened.map((uri) => uri.toString(true)), [expected]);
  });

  it('"Copy Email Address" on a signer puts the signer\'s email on the clipboard', async () => {
    const nda = await requestNode(SEED_REQUESTS.awaiting);
    const [, dave] = await children(nda);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('signdesk.requests.copySignerEmail', dave);
    assert.equal(await vscode.env.clipboard.readText(), 'dave@example.com');
  });

  it('"Copy Request ID" puts the id on the clipboard', async () => {
    const nda = await requestNode(SEED_REQUESTS.awaiting);
    await vscode.commands.executeCommand('signdesk.requests.copyId', nda);
    assert.equal(await vscode.env.clipboard.readText(), SEED_REQUESTS.awaiting);
  });

  it('the once-a-minute redraw of relative times names the groups, not the root, and calls no service', async () => {
    await children(); // loaded
    const fired: Array<RequestsTreeNode | undefined> = [];
    const subscription = provider().onDidChangeTreeData((node) => fired.push(node ?? undefined));
    provider().redrawRows();
    subscription.dispose();
    assert.ok(fired.length > 0, 'something was redrawn');
    assert.deepEqual(fired.filter((node) => node?.kind !== 'group'), [], 'only group nodes (a root redraw could load again)');
    sandbox.admin.resetCounters();
    for (const group of fired) await children(group); // what VS Code asks for next
    assert.equal(sandbox.admin.counters().http['GET /v3/signature_request/list'] ?? 0, 0);
  });

  it('a failed first load: the reason above the tree, Retry and Show Log as rows; Retry loads once the service answers', async () => {
    await testing.sessions.store.remove(session);
    await eventually(async () => view().model.state.kind, (kind) => kind === 'signedOut', 10_000, 'model state after sign-out');
    sandbox.admin.injectFault({ path: '/v3/signature_request/list', kind: 'server_error', count: 20 });
    try {
      await testing.sessions.store.save(session);
      const firstLoad = async () => {
        await children(); // as VS Code asks when the view shows
        return view().model.state.kind;
      };
      await eventually(firstLoad, (kind) => kind === 'error', 10_000, 'model state after a failed first load');
      const rows = await children();
      const items = await Promise.all(rows.map((row) => provider().getTreeItem(row)));
      assert.deepEqual(items.map((item) => [item.label, item.command?.command]), [
        ['Retry', 'signdesk.requests.refresh'],
        ['Show Log', 'signdesk.showLog'],
      ]);
      const message = await eventually(async () => view().treeView.message ?? '', (text) => text !== '', 10_000, 'the view says why');
      assert.match(message, /Internal server error/); // the service's own error_msg
    } finally {
      sandbox.admin.clearFaults();
    }
    await vscode.commands.executeCommand('signdesk.requests.refresh'); // what the Retry row runs
    await eventually(async () => view().model.state.kind, (kind) => kind === 'ready', 10_000, 'model state after Retry');
    assert.equal(view().treeView.message, undefined);
    assert.ok((await requestIds()).includes(SEED_REQUESTS.awaiting));
  });

  // Through the registered provider itself: VS Code's getSession({ silent }) answers undefined to an
  // extension the user has not yet allowed to use the account, which is every extension in a fresh host.
  it('the Accounts provider hands out a working token: an expired one is refreshed first', async () => {
    const stored = (await testing.sessions.store.get(session))!;
    await testing.sessions.store.save({ ...stored, expiresAt: Date.now() - 1000 });
    sandbox.admin.expireAccessTokens({ all: true });
    sandbox.admin.resetCounters();
    const [handed] = await testing.sessions.authProvider.getSessions([], { account: { id: stored.accountId, label: stored.email } });
    assert.ok(handed, 'the provider handed out the session');
    assert.notEqual(handed.accessToken, stored.accessToken);
    assert.equal(sandbox.admin.counters().token.refresh_token, 1, 'one refresh');
    assert.equal((await testing.sessions.store.get(session))!.accessToken, handed.accessToken, 'the refreshed token was stored');
  });

  const listCalls = () => sandbox.admin.counters().http['GET /v3/signature_request/list'] ?? 0;

  async function loadedAndReady(): Promise<void> {
    await eventually(
      async () => {
        await children(); // as VS Code asks when the view shows
        return view().model.state.kind;
      },
      (kind) => kind === 'ready',
      10_000,
      'a loaded tree',
    );
  }

  it('a user Refresh that fails over loaded rows: one error notification with Retry and Show Log; Retry loads', async () => {
    await loadedAndReady();
    sandbox.admin.injectFault({ path: '/v3/signature_request/list', kind: 'server_error', count: 20 });
    const { shown, restore } = recordMessages('showErrorMessage', () => {
      sandbox.admin.clearFaults(); // the service is back when the user presses Retry
      sandbox.admin.resetCounters();
      return 'Retry';
    });
    try {
      await vscode.commands.executeCommand('signdesk.requests.refresh');
      assert.equal(shown.length, 1, 'one notification for one click');
      assert.match(shown[0].message, /^Couldn't refresh signature requests: .*Internal server error/);
      assert.deepEqual(shown[0].items, ['Retry', 'Show Log']);
      await eventually(async () => ({ calls: listCalls(), stale: view().model.staleError }), (s) => s.calls > 0 && s.stale === undefined, 10_000, 'Retry refreshed');
      await eventually(async () => view().treeView.message, (m) => m === undefined, 10_000, 'the message cleared');
      assert.equal(shown.length, 1, 'the successful Retry showed nothing more');
    } finally {
      restore();
      sandbox.admin.clearFaults();
    }
  });

  it('rate limited with auto refresh off: a user Refresh says when it retries, makes no call before the reset, and the view retries by itself after it', async () => {
    assert.equal(vscode.workspace.getConfiguration('signdesk').get('autoRefreshSeconds'), 0);
    await vscode.commands.executeCommand('signdesk.requests.focus');
    await eventually(async () => view().treeView.visible, (v) => v, 10_000, 'view visible');
    await loadedAndReady();
    const { shown: warnings, restore } = recordMessages('showWarningMessage');
    sandbox.admin.setRateLimits({ enabled: true, standard: 1, windowMs: 3_000 });
    try {
      // Refresh until the service says 429 (the first call of a window may still pass).
      const retryAt = await eventually(
        async () => {
          await vscode.commands.executeCommand('signdesk.requests.refresh');
          return view().model.rateLimitRetryAt();
        },
        (at) => at !== undefined,
        10_000,
        'a refresh refused by the rate limit',
      );
      const refused = warnings[warnings.length - 1];
      assert.match(refused.message, /^Couldn't refresh: Dropbox Sign is limiting requests; SignDesk tries again after /);
      assert.deepEqual(refused.items, [], 'no Retry before the reset');
      assert.match(view().treeView.message ?? '', /SignDesk tries again after/);

      const callsWhenRefused = listCalls();
      await vscode.commands.executeCommand('signdesk.requests.refresh'); // before the reset: refused locally
      assert.equal(listCalls(), callsWhenRefused, 'no call before the reset');
      assert.equal(warnings.length, warnings.indexOf(refused) + 2, 'that click showed one notification');

      await eventually(async () => view().model.staleError, (e) => e === undefined, 20_000, 'the view retried by itself after the reset');
      assert.ok(Date.now() >= retryAt!, 'not before the reset');
      assert.ok(listCalls() > callsWhenRefused, 'the retry called the service');
      assert.equal(view().treeView.message, undefined);
    } finally {
      restore();
      sandbox.admin.setRateLimits({ enabled: false });
    }
  });

  it('a user Refresh refused with 401 even after the token refresh: Sign In Again and Show Log', async () => {
    await loadedAndReady();
    sandbox.admin.injectFault({ path: '/v3/signature_request/list', kind: 'unauthorized', count: 2 });
    const { shown, restore } = recordMessages('showErrorMessage'); // Sign In Again would start a real sign-in
    try {
      await vscode.commands.executeCommand('signdesk.requests.refresh');
      assert.equal(shown.length, 1);
      assert.match(shown[0].message, /no longer accepts your sign-in/);
      assert.deepEqual(shown[0].items, ['Sign In Again', 'Show Log']);
      assert.ok(view().model.isLoaded, 'the rows stay');
    } finally {
      restore();
      sandbox.admin.clearFaults();
    }
  });

  it('signed out again: the tree empties and says so', async () => {
    await testing.sessions.store.remove(session);
    await eventually(async () => view().model.state.kind, (kind) => kind === 'signedOut', 10_000, 'model state after sign-out');
    assert.deepEqual(await children(), []);
  });

  it('Refresh while signed out says to sign in (Sign In); before the app is configured, the configure-the-app message (Configure App); no call either way', async () => {
    const { shown: warnings, restore } = recordMessages('showWarningMessage');
    sandbox.admin.resetCounters();
    try {
      await vscode.commands.executeCommand('signdesk.requests.refresh');
      assert.deepEqual(warnings, [{ message: 'Sign in to Dropbox Sign to see your signature requests.', items: ['Sign In'] }]);

      await setSetting('dropboxSign.clientId', undefined);
      await vscode.commands.executeCommand('signdesk.requests.refresh');
      assert.equal(view().model.state.kind, 'notConfigured');
      assert.equal(warnings.length, 2);
      assert.match(warnings[1].message, /^SignDesk needs your Dropbox Sign app's client ID/);
      assert.deepEqual(warnings[1].items, ['Configure App']);
      assert.equal(listCalls(), 0);
    } finally {
      restore();
      await setSetting('dropboxSign.clientId', sandbox.info.clientId);
    }
  });
});
