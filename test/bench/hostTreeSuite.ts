// Runs inside a real VS Code extension host (as an extensionTestsPath module; hostTree.ts starts it): the
// Signature Requests tree with every request of the bench's big sandbox loaded. Memory of this process (the
// extension host) with SignDesk's view open and empty (signed out), then signed in with "Load more" run to the
// end; then rounds of three refreshes (nothing changed, one request changed in its group, one moved group) with the
// onDidChangeTreeData events SignDesk fired, the rows the host then built for the workbench, and the wall time
// until the workbench's DOM shows the change. Prints one tagged JSON line.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { SignDeskApi } from '../../src/extension';
import { newSession } from '../../src/auth/session';
import { appSecretKey } from '../../src/model/serviceSettings';
import type { SignatureRequest } from '../../src/model/signatureRequest';
import type { RequestsModel } from '../../src/model/requestsModel';
import type { RequestsTreeNode } from '../../src/views/requestsTree/nodes';
import { HOST_TREE_ENV, HOST_TREE_TAG, type HostTreeInput, type HostTreeResult, type Memory, type RefreshFigure } from './hostTag';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function memory(): Memory {
  // Twice: the first pass can leave what finalizers released for the second.
  collectGarbage();
  collectGarbage();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, external };
}

/** Resolves once `ready()` holds, re-checked on every change of the model (a real signal, no polling). */
function until(model: RequestsModel, ready: () => boolean): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise((resolve) => {
    const subscription = model.onDidChange(() => {
      if (ready()) {
        subscription.dispose();
        resolve();
      }
    });
  });
}

async function bridge<T>(input: HostTreeInput, route: string, body: unknown): Promise<T> {
  const response = await fetch(`${input.bridgeUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const parsed = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`bench bridge ${route}: ${response.status} ${parsed.error ?? ''}`);
  return parsed;
}

/** Starts watching the workbench's DOM for `selector`; `seen()` resolves with the page's Date.now() when it first matched. */
async function watchDom(input: HostTreeInput, selector: string): Promise<{ seen(): Promise<number> }> {
  const { id } = await bridge<{ id: number }>(input, '/watch', { selector });
  return { seen: async () => (await bridge<{ at: number }>(input, '/seen', { id })).at };
}

async function admin(input: HostTreeInput, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${input.sandbox.adminUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`sandbox admin ${path}: ${response.status} ${await response.text()}`);
}

const cssString = (text: string) => JSON.stringify(text);

export async function run(): Promise<void> {
  const input = JSON.parse(process.env[HOST_TREE_ENV] ?? 'null') as HostTreeInput | null;
  if (!input) throw new Error(`${HOST_TREE_ENV} is not set`);
  const extension = vscode.extensions.getExtension<SignDeskApi>('signdesk.signdesk');
  if (!extension) throw new Error('signdesk.signdesk is not loaded in this host');
  const testing = (await extension.activate()).testing;
  if (!testing) throw new Error('activate() returned no testing API (not in ExtensionMode.Test?)');
  const view = testing.requests;
  const model = view.model;
  const provider = view.provider;

  // Signed out, with the app configured: the view shows its "Sign in" welcome and holds no request.
  for (const stored of await testing.sessions.store.list()) await testing.sessions.store.remove(stored);
  await testing.sessions.secrets.store(appSecretKey('dropboxSign', 'clientSecret'), input.sandbox.clientSecret);
  const shown = view.treeView.visible
    ? Promise.resolve()
    : new Promise<void>((resolve) => {
        const subscription = view.treeView.onDidChangeVisibility(({ visible }) => {
          if (visible) {
            subscription.dispose();
            resolve();
          }
        });
      });
  await vscode.commands.executeCommand('signdesk.requests.focus');
  await shown;
  await view.refreshAccess();
  await until(model, () => model.state.kind === 'signedOut');
  const empty = memory();

  // Signed in: the view loads its first page; then "Load more" to the end, as the Load more row runs it.
  const loadStarted = performance.now();
  const { signedIn } = input;
  await testing.sessions.store.save(
    newSession(
      'dropboxSign',
      { id: signedIn.accountId, email: signedIn.email },
      { accessToken: signedIn.accessToken, refreshToken: signedIn.refreshToken, expiresAt: Date.now() + signedIn.expiresInSeconds * 1000 },
      'active',
      Date.now(),
    ),
  );
  await until(model, () => model.state.kind === 'ready' || model.state.kind === 'error');
  if (model.state.kind !== 'ready') throw new Error(`the view did not load: ${JSON.stringify(model.state)}`);
  let pages = 1;
  while (model.hasMore) {
    await vscode.commands.executeCommand('signdesk.requests.loadMore');
    pages++;
  }
  const awaitingGroup = () => model.groups.find((g) => g.id === 'awaiting');
  const awaitingCount = awaitingGroup()?.requests.length ?? 0;
  if (awaitingCount < 2) throw new Error(`the bench needs two requests awaiting signature; the sandbox has ${awaitingCount}`);
  // Rendered: the workbench's rows under the (expanded) Awaiting group count all of its requests.
  const awaitingRows = (count: number) => `.part.sidebar .monaco-list-row[aria-level="2"][aria-setsize="${count}"]`;
  await (await watchDom(input, awaitingRows(awaitingCount))).seen();
  const loadMs = performance.now() - loadStarted;
  const loaded = memory();

  // Counts what the host builds for the workbench (VS Code calls the provider object it was given).
  const built = { items: 0, childLists: 0, childRows: 0 };
  const getTreeItem = provider.getTreeItem.bind(provider);
  const getChildren = provider.getChildren.bind(provider);
  provider.getTreeItem = (node) => {
    built.items++;
    return getTreeItem(node);
  };
  provider.getChildren = async (node) => {
    built.childLists++;
    const children = await getChildren(node);
    built.childRows += children.length;
    return children;
  };
  const fired: string[] = [];
  const subscription = provider.onDidChangeTreeData((node: RequestsTreeNode | undefined) =>
    fired.push(node === undefined ? 'root' : node.kind === 'group' ? `group ${node.id}` : node.kind === 'request' ? 'one request row' : node.kind),
  );

  /** The Refresh button's command; `rendered` names what the workbench shows once it has redrawn the change. */
  const refresh = async (renderedSelector?: string): Promise<RefreshFigure> => {
    const watch = renderedSelector ? await watchDom(input, renderedSelector) : undefined;
    fired.length = 0;
    Object.assign(built, { items: 0, childLists: 0, childRows: 0 });
    const startedAt = Date.now();
    const started = performance.now();
    await vscode.commands.executeCommand('signdesk.requests.refresh');
    const commandMs = performance.now() - started;
    const wallMs = watch ? (await watch.seen()) - startedAt : undefined;
    return { commandMs, wallMs, events: [...fired], items: built.items, childLists: built.childLists, childRows: built.childRows };
  };

  // Each round: a refresh with nothing changed, one after a request changed within its group, one after a
  // request moved group; each change made in the sandbox just before (as Dropbox Sign would show it).
  const unsigned = (r: SignatureRequest) => r.signers.filter((s) => s.status !== 'signed');
  const unchanged: RefreshFigure[] = [];
  const sameGroup: RefreshFigure[] = [];
  const moved: RefreshFigure[] = [];
  for (let round = 0; round < input.rounds; round++) {
    unchanged.push(await refresh());

    // An awaiting request with two signers yet to sign gets a signature (its row's label changes). Revealed
    // first (not selected), so its row is on screen: the list renders only the rows in view. The big sandbox
    // has one such request (its clones have one signer each), so later rounds find none and skip this step.
    const signed = awaitingGroup()!.requests.find((r) => unsigned(r).length >= 2);
    if (!signed && round === 0) throw new Error('no awaiting request has two signers yet to sign');
    if (signed) {
      const node = provider.nodeForRequest(signed.id);
      const label = node ? (provider.getTreeItem(node).accessibilityInformation?.label ?? '') : '';
      if (!node || !label) throw new Error(`no row for ${signed.title}`);
      const onScreen = await watchDom(input, `.part.sidebar .monaco-list-row[aria-label=${cssString(label)}]`);
      await view.treeView.reveal(node, { select: false, focus: false });
      await onScreen.seen();
      await admin(input, `/signature_requests/${signed.id}/signers`, { email: unsigned(signed)[0].email, action: 'sign' });
      const titlePrefix = `${label.split(', ')[0]}, `;
      sameGroup.push(await refresh(`.part.sidebar .monaco-list-row[aria-label^=${cssString(titlePrefix)}]:not([aria-label=${cssString(label)}])`));
    }

    // Another awaiting request completes: Awaiting's rows count one fewer.
    const awaiting = awaitingGroup()!.requests;
    const completed = awaiting.find((r) => r.id !== signed?.id)!;
    await admin(input, `/signature_requests/${completed.id}/complete`, {});
    moved.push(await refresh(awaitingRows(awaiting.length - 1)));
  }

  subscription.dispose();
  const result: HostTreeResult = {
    vscode: vscode.version,
    requests: model.requests.length,
    pages,
    loadMs,
    awaitingRows: awaitingCount,
    empty,
    loaded,
    unchanged,
    sameGroup,
    moved,
  };
  console.log(`${HOST_TREE_TAG} ${JSON.stringify(result)}`);
}
