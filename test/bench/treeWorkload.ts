// The Signature Requests tree with every request of the big sandbox loaded ("Load more" to the end): the heap
// the model and tree keep, and what a refresh costs — the service calls, the onDidChangeTreeData events and the
// rows VS Code then asks for. Runs in this Node process with the fake `vscode` (test/support/fakeVscode.ts) standing in
// for the extension host.
import { createFakeVscode, interceptVscode } from '../support/fakeVscode';
import type { Figure, RemoteSandbox } from './sandboxWorkloads';
import { heapMb, signedInRemote } from './sandboxWorkloads';
import { buildStack } from './stack';
import { renderTree } from './treeRender';
import type { RequestsTreeNode } from '../../src/views/requestsTree/nodes';

export interface TreeResult {
  figures: Figure[];
  /** The events of a refresh where one request changed within its group, and where one moved group. */
  sameGroupEvents: string[];
  movedEvents: string[];
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function admin(sb: RemoteSandbox, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${sb.info.adminUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`admin ${path}: ${res.status} ${await res.text()}`);
}

export async function treeFigures(sb: RemoteSandbox): Promise<TreeResult> {
  const restore = interceptVscode(createFakeVscode({}).api);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RequestsTreeProvider } = require('../../src/views/requestsTree/treeProvider') as typeof import('../../src/views/requestsTree/treeProvider');
  restore();

  const email = sb.info.users[0];
  const signedIn = await signedInRemote(sb, email);
  const before = heapMb();
  const stack = await buildStack(sb.info, signedIn);
  const model = stack.newModel(100);
  const provider = new RequestsTreeProvider(model, { now: () => Date.now() });
  const groupsExpanded = (node: RequestsTreeNode) => node.kind === 'group';
  await model.ensureLoaded();
  while (model.hasMore) await model.loadMore();
  let t = performance.now();
  const firstDraw = await renderTree(provider, undefined, groupsExpanded);
  const firstDrawMs = performance.now() - t;
  const held = heapMb() - before;

  const fired: Array<RequestsTreeNode | undefined> = [];
  const subscription = provider.onDidChangeTreeData((node) => fired.push(node ?? undefined));
  const label = (n: RequestsTreeNode | undefined) => (n === undefined ? 'root' : n.kind === 'group' ? `group ${n.id}` : n.kind === 'request' ? 'one request row' : n.kind);
  /** A refresh as the Refresh button runs it, then what VS Code redraws for its events. */
  const refresh = async () => {
    fired.length = 0;
    stack.http.reset();
    t = performance.now();
    await model.refresh();
    const refreshMs = performance.now() - t;
    const calls = stack.http.total('/v3/');
    t = performance.now();
    const drawn = { items: 0, childLists: 0 };
    for (const node of [...fired]) await renderTree(provider, node, groupsExpanded, drawn);
    return { refreshMs, calls, renderMs: performance.now() - t, items: drawn.items, events: fired.map(label) };
  };

  const unchanged = await refresh();
  const awaiting = model.requests.filter((r) => r.state === 'awaiting');
  const viewed = awaiting[Math.floor(awaiting.length / 2)];
  await admin(sb, `/signature_requests/${viewed.id}/signers`, { email: viewed.signers[0].email, action: 'view' });
  const sameGroup = await refresh();
  const completed = awaiting[Math.floor(awaiting.length / 3)];
  await admin(sb, `/signature_requests/${completed.id}/complete`, {});
  const moved = await refresh();
  subscription.dispose();
  const rows = model.requests.length;
  model.dispose();
  provider.dispose();

  const describe = (r: typeof unchanged) => `${r.events.length} event(s): ${r.events.join(', ') || 'none'}; ${r.items} row(s) redrawn in ${ms(r.renderMs)}; the refresh itself ${ms(r.refreshMs)} (${r.calls} calls)`;
  return {
    sameGroupEvents: sameGroup.events,
    movedEvents: moved.events,
    figures: [
      { name: 'requests loaded (Load more to the end)', value: String(rows), note: `first draw ${firstDraw.items} rows (groups expanded) in ${ms(firstDrawMs)}` },
      { name: 'heap kept by the model and tree', value: `${held.toFixed(1)} MB`, note: `${((held * 1024 * 1024) / rows).toFixed(0)} B per request; process RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB` },
      { name: 'refresh, nothing changed', value: ms(unchanged.refreshMs + unchanged.renderMs), note: describe(unchanged) },
      { name: 'refresh, one request changed in its group', value: ms(sameGroup.refreshMs + sameGroup.renderMs), note: describe(sameGroup) },
      { name: 'refresh, one request moved group', value: ms(moved.refreshMs + moved.renderMs), note: describe(moved) },
    ],
  };
}
