// The requests tree provider with a fake `vscode` (test/support/fakeVscode.ts): what a refresh redraws, counted
// as onDidChangeTreeData events and the rows VS Code would then ask for.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { InvalidInputError } from '../../../../src/core/errors';
import { RequestsModel } from '../../../../src/model/requestsModel';
import type { RequestsTreeNode } from '../../../../src/views/requestsTree/nodes';
import { createFakeVscode, interceptVscode } from '../../../support/fakeVscode';
import { renderTree } from '../../../bench/treeRender';
import { FakeList, many, request, signer } from '../../../support/requests';
import { ManualTime } from '../../../support/time';
import { dropboxSign } from '../../../../src/providers/dropboxSign/definition';

const restore = interceptVscode(createFakeVscode({}).api);
// Loaded while `vscode` is the fake (the provider and its nodes import it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { RequestsTreeProvider } = require('../../../../src/views/requestsTree/treeProvider') as typeof import('../../../../src/views/requestsTree/treeProvider');
restore();

const REQUESTS = 1_000;

/** REQUESTS requests, every tenth completed, loaded to the end ("Load more" until there is none) and drawn. */
async function loadedTree() {
  const clock = new ManualTime();
  const all = many(REQUESTS).map((r, i) => (i % 10 === 9 ? { ...r, state: 'completed' as const, isComplete: true, signers: [signer({ email: `${r.id}@x.com`, status: 'signed' })] } : r));
  const service = new FakeList(all);
  const model = new RequestsModel({ serviceLabel: dropboxSign.label, rules: dropboxSign.signatures.rules, clock, pageSize: 100 });
  model.setAccess({ kind: 'signedIn', accountKey: 'dropboxSign:acct1', email: 'me@x.com', list: service.list });
  const provider = new RequestsTreeProvider(model, clock);
  await model.ensureLoaded();
  while (model.hasMore) await model.loadMore();
  const groupsExpanded = (node: RequestsTreeNode) => node.kind === 'group';
  await renderTree(provider, undefined, groupsExpanded);
  const fired: Array<RequestsTreeNode | undefined> = [];
  provider.onDidChangeTreeData((node) => fired.push(node ?? undefined));
  const describeFired = () => fired.map((n) => (n === undefined ? 'root' : n.kind === 'group' ? `group ${n.id}` : n.kind === 'request' ? `request ${n.request.id}` : n.kind));
  return { model, service, provider, fired, describeFired, groupsExpanded };
}

describe('RequestsTreeProvider: what a refresh redraws (1,000 requests loaded)', () => {
  it('a request that changes within its group redraws that row only', async () => {
    const { model, service, provider, fired, describeFired, groupsExpanded } = await loadedTree();
    service.set('r5', (r) => ({ ...r, signers: [{ ...r.signers[0], status: 'viewed', lastViewedAt: 1 }] }));
    await model.refresh();
    assert.deepEqual(describeFired(), ['request r5']);
    let items = 0;
    for (const node of fired) items += (await renderTree(provider, node, groupsExpanded)).items;
    assert.equal(items, 1);
  });

  it('a request that moves to another shown group redraws those two groups, not the root', async () => {
    const { model, service, fired, describeFired } = await loadedTree();
    service.set('r5', (r) => ({ ...r, state: 'completed', isComplete: true, signers: [{ ...r.signers[0], status: 'signed' }] }));
    await model.refresh();
    assert.deepEqual(describeFired().sort(), ['group awaiting', 'group completed']);
    const [awaiting, completed] = ['awaiting', 'completed'].map((id) => fired.find((n) => n?.kind === 'group' && n.id === id));
    assert.equal(awaiting?.kind === 'group' && awaiting.group.requests.length, 899);
    assert.equal(completed?.kind === 'group' && completed.group.requests.length, 101);
  });

  it('a request that moves into a group not shown yet redraws from the root (a new group row)', async () => {
    const { model, service, describeFired } = await loadedTree();
    service.set('r5', (r) => ({ ...r, state: 'declined', signers: [{ ...r.signers[0], status: 'declined' }] }));
    await model.refresh();
    assert.deepEqual(describeFired(), ['root']);
  });

  it('a refresh that changes nothing redraws nothing', async () => {
    const { model, describeFired } = await loadedTree();
    await model.refresh();
    assert.deepEqual(describeFired(), []);
  });

  it('a request in a group that redraws gets no event of its own', async () => {
    const { model, service, describeFired } = await loadedTree();
    service.set('r5', (r) => ({ ...r, state: 'completed', isComplete: true, signers: [{ ...r.signers[0], status: 'signed' }] }));
    service.set('r7', (r) => ({ ...r, title: 'Renamed' }));
    service.set('r10', (r) => ({ ...r, title: 'Renamed too' })); // completed already
    await model.refresh();
    assert.deepEqual(describeFired().sort(), ['group awaiting', 'group completed']);
  });
});

/** A short list (7 requests, pages of 5, so "Load more…" shows), read once as VS Code does. */
async function pagedTree() {
  const clock = new ManualTime();
  const service = new FakeList(many(7));
  const model = new RequestsModel({ serviceLabel: dropboxSign.label, rules: dropboxSign.signatures.rules, clock, pageSize: 5 });
  model.setAccess({ kind: 'signedIn', accountKey: 'dropboxSign:acct1', email: 'me@x.com', list: service.list });
  const provider = new RequestsTreeProvider(model, clock);
  const expanded = (node: RequestsTreeNode) => node.kind === 'group';
  await renderTree(provider, undefined, expanded);
  const fired: Array<RequestsTreeNode | undefined> = [];
  provider.onDidChangeTreeData((node) => fired.push(node ?? undefined));
  const describeFired = () => fired.map((n) => (n === undefined ? 'root' : n.kind === 'group' ? `group ${n.id}` : n.kind));
  return { clock, model, service, provider, fired, describeFired, expanded };
}

describe('RequestsTreeProvider: redraws after a send or a load', () => {
  it('a request sent here into a group already shown redraws that group and "Load more…", not the root (a root redraw collapses expanded rows)', async () => {
    const { model, provider, fired, describeFired } = await pagedTree();
    model.upsert(request('new1', { title: 'Just sent' }));
    assert.deepEqual(describeFired(), ['group awaiting', 'loadMore']);
    const awaiting = fired[0];
    assert.equal(awaiting?.kind === 'group' && awaiting.group.requests[0].id, 'new1');
    const more = await provider.getTreeItem(fired[1]!);
    assert.equal(more.description, '6 of 8');
  });

  it('a request sent here into a group not shown yet redraws from the root, once', async () => {
    const { model, describeFired } = await pagedTree();
    model.upsert(request('new1', { state: 'completed', isComplete: true }));
    model.upsert(request('new2', { state: 'declined' }));
    assert.deepEqual(describeFired(), ['root'], 'the second change waits for the read the first one asked for');
  });

  it('changes while VS Code reads the root are in what it reads: no second redraw', async () => {
    const { model, provider, describeFired } = await pagedTree();
    model.upsert(request('new1', { state: 'completed', isComplete: true }));
    const reading = provider.getChildren();
    model.upsert(request('new2', { state: 'declined' }));
    const rows = await reading;
    assert.deepEqual(describeFired(), ['root']);
    assert.deepEqual(rows.map((n) => (n.kind === 'group' ? n.id : n.kind)), ['awaiting', 'completed', 'declined', 'loadMore']);
    model.upsert(request('new3', { state: 'completed', isComplete: true }));
    assert.deepEqual(describeFired(), ['root', 'group awaiting', 'group completed', 'group declined', 'loadMore']);
  });

  it('a load after a minute or more redraws the rows (relative times), never the root; a sooner one nothing', async () => {
    const { clock, model, describeFired } = await pagedTree();
    clock.advance(30_000);
    await model.refresh();
    assert.deepEqual(describeFired(), []);
    clock.advance(30_000);
    await model.refresh();
    assert.deepEqual(describeFired(), ['group awaiting']);
  });
});

describe('RequestsTreeProvider: a filter the service refuses (issue 13: a value written to signdesk.filter by hand)', () => {
  it('the filter row (click to clear) above Retry and Show Log; drawing the tree again later does not list again; a new filter does', async () => {
    const clock = new ManualTime();
    const service = new FakeList(many(3));
    const model = new RequestsModel({ serviceLabel: 'signNow', rules: dropboxSign.signatures.rules, clock, filter: 'NDA' });
    model.setAccess({ kind: 'signedIn', accountKey: 'signNow:acct1', email: 'me@x.com', list: service.list });
    const provider = new RequestsTreeProvider(model, clock);
    const refused = new InvalidInputError('signNow filters by one signing status: signed, pending, waiting-for-me, waiting-for-others, expired.');
    service.failNext.push(refused);
    const rows = await provider.getChildren();
    assert.deepEqual(model.state, { kind: 'error', error: refused });
    assert.deepEqual(rows.map((n) => (n.kind === 'action' ? `${n.label} → ${n.command}` : n.kind)), [
      'Filtered by “NDA” → signdesk.requests.clearFilter',
      'Retry → signdesk.requests.refresh',
      'Show Log → signdesk.showLog',
    ]);
    for (let minute = 1; minute <= 3; minute++) {
      clock.advance(60_000);
      await provider.getChildren();
    }
    assert.equal(service.calls.length, 1, 'the refused filter is not asked again on its own');
    model.setFilter('r1');
    await provider.getChildren();
    assert.equal(service.calls.length, 2);
    assert.equal(model.state.kind, 'ready');
  });
});
