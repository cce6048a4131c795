// Issue 11 item 3: the requests tree gets a service level once more than one signature service is signed in
// (a service node with the definition's label and the account's email, holding that service's groups and
// "Load more…"); with one signed in it looks exactly as before. Run with the fake `vscode`, counting
// onDidChangeTreeData events as the issue 12 bench does.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { RequestsModel } from '../../../../src/model/requestsModel';
import type { RequestsTreeNode } from '../../../../src/views/requestsTree/nodes';
import type { TreeSection } from '../../../../src/views/requestsTree/treeProvider';
import { capabilitiesOf } from '../../../../src/views/requestsTree/contextValues';
import { createFakeVscode, interceptVscode } from '../../../support/fakeVscode';
import { FakeList, many, request, signer } from '../../../support/requests';
import { ManualTime } from '../../../support/time';
import { dropboxSign } from '../../../../src/providers/dropboxSign/definition';
import type { SignatureRules } from '../../../../src/model/service';

const restore = interceptVscode(createFakeVscode({}).api);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { RequestsTreeProvider, flatSection } = require('../../../../src/views/requestsTree/treeProvider') as typeof import('../../../../src/views/requestsTree/treeProvider');
restore();

/** A second signature service that neither cancels nor reminds and downloads PDFs only. */
const otherRules: SignatureRules = { ...dropboxSign.signatures.rules, supportsCancel: false, supportsRemind: false, downloadFormats: ['pdf'] };
const OTHER = { id: 'otherSign', label: 'Other Sign' };

function section(service: { id: string; label: string }, rules: SignatureRules, clock: ManualTime): TreeSection & { list: FakeList; signIn(email: string): void; signOut(): void } {
  const model = new RequestsModel({ serviceLabel: service.label, rules, clock, pageSize: 100 });
  const list = new FakeList([]);
  return {
    service,
    model,
    capabilities: capabilitiesOf(rules),
    list,
    signIn: (email) => model.setAccess({ kind: 'signedIn', accountKey: `${service.id}:${email}`, email, list: list.list }),
    signOut: () => model.setAccess({ kind: 'signedOut' }),
  };
}

async function twoServices() {
  const clock = new ManualTime();
  const ds = section({ id: dropboxSign.id, label: dropboxSign.label }, dropboxSign.signatures.rules, clock);
  const other = section(OTHER, otherRules, clock);
  ds.list.all = [request('d1'), request('d2', { state: 'completed', isComplete: true, signers: [signer({ email: 'a@x.com', status: 'signed' })] })];
  other.list.all = [request('o1'), request('o2')];
  const provider = new RequestsTreeProvider([ds, other], clock);
  const fired: Array<RequestsTreeNode | undefined> = [];
  provider.onDidChangeTreeData((node) => fired.push(node ?? undefined));
  const describeFired = () =>
    fired.map((n) => (n === undefined ? 'root' : n.kind === 'group' ? `${n.service} group ${n.id}` : n.kind === 'request' ? `${n.service} request ${n.request.id}` : `${n.kind} ${n.service ?? ''}`));
  const children = async (node?: RequestsTreeNode) => provider.getChildren(node);
  const item = (node: RequestsTreeNode) => provider.getTreeItem(node);
  return { clock, ds, other, provider, fired, describeFired, children, item };
}

describe('requests tree: a service level once several signature services are signed in', () => {
  it('a filter one service matches nothing of: its node shows the filter row (click to clear), not nothing', async () => {
    const { ds, other, children } = await twoServices();
    ds.signIn('me@ds.com');
    other.signIn('me@other.com');
    for (const s of [ds, other]) s.model.setFilter('o1');
    other.list.all = [request('o1')];
    ds.list.all = [];
    const [dsNode, otherNode] = await children();
    const rows = async (node: RequestsTreeNode) => (await children(node)).map((n) => (n.kind === 'action' ? `${n.label} → ${n.command}` : n.kind));
    assert.deepEqual(await rows(dsNode), ['Filtered by “o1” → signdesk.requests.clearFilter']);
    assert.equal(ds.model.state.kind, 'empty');
    assert.deepEqual(await rows(otherNode), ['Filtered by “o1” → signdesk.requests.clearFilter', 'group']);
    ds.model.setFilter(undefined);
    await ds.model.ensureLoaded();
    assert.deepEqual(await rows(dsNode), [], 'empty without a filter: nothing to clear');
  });

  it('one service signed in (of two): its groups are the root, with the ids of before', async () => {
    const { ds, children, item } = await twoServices();
    ds.signIn('me@ds.com');
    const root = await children();
    assert.deepEqual(root.map((n) => n.kind), ['group', 'group']);
    assert.deepEqual(root.map((n) => item(n).id), ['group:awaiting', 'group:completed']);
    const [d1] = await children(root[0]);
    assert.equal(item(d1).id, 'request:d1');
    assert.equal(item(d1).contextValue, 'signatureRequest.awaiting.cancelable.pdf.zip');
  });

  it('only the second service signed in: its rows are the root (no service level for one service)', async () => {
    const { other, children, item } = await twoServices();
    other.signIn('me@other.com');
    const root = await children();
    assert.deepEqual(root.map((n) => item(n).id), ['group:awaiting']);
    assert.deepEqual((await children(root[0])).map((n) => n.kind === 'request' && n.request.id), ['o1', 'o2']);
  });

  it('nobody signed in: the root (and the welcome content) follows the first service configured, else the first', async () => {
    const { ds, other } = await twoServices();
    ds.model.setAccess({ kind: 'notConfigured' });
    other.signOut();
    assert.equal(flatSection([ds, other]), other, 'Sign In for the configured service, not Configure for the other');
    other.model.setAccess({ kind: 'notConfigured' });
    assert.equal(flatSection([ds, other]), ds);
    ds.signOut();
    other.signOut();
    assert.equal(flatSection([ds, other]), ds);
  });

  it('both signed in: a node per service (label, email), each holding its own groups, ids and capabilities', async () => {
    const { ds, other, children, item, provider } = await twoServices();
    ds.signIn('me@ds.com');
    other.signIn('me@other.com');
    const root = await children();
    assert.deepEqual(root.map((n) => [item(n).label, item(n).description, item(n).id, item(n).contextValue]), [
      ['Dropbox Sign', 'me@ds.com', 'service:dropboxSign', 'signatureService'],
      ['Other Sign', 'me@other.com', 'service:otherSign', 'signatureService'],
    ]);
    const dsGroups = await children(root[0]);
    const otherGroups = await children(root[1]);
    assert.deepEqual(dsGroups.map((n) => item(n).id), ['service:dropboxSign/group:awaiting', 'service:dropboxSign/group:completed']);
    assert.deepEqual(otherGroups.map((n) => item(n).id), ['service:otherSign/group:awaiting']);
    const [o1] = await children(otherGroups[0]);
    assert.equal(o1.kind === 'request' && o1.service, 'otherSign', 'a row names its service (actions route by it)');
    assert.equal(item(o1).id, 'service:otherSign/request:o1');
    assert.equal(item(o1).contextValue, 'signatureRequest.awaiting.pdf', 'no Cancel, no ZIP for a service without them');
    const [signerNode] = await children(o1);
    assert.equal(item(signerNode).contextValue, 'signer.awaiting', 'no Remind for a service without it');
    const [d1] = await children(dsGroups[0]);
    assert.equal(item(d1).contextValue, 'signatureRequest.awaiting.cancelable.pdf.zip');
    // reveal walks up: request → group → service node
    assert.equal(provider.getParent(provider.getParent(o1)!), root[1]);
    assert.equal(provider.nodeForRequest('o1', 'otherSign'), o1);
  });

  it('signing in to a second service redraws the root once; signing out of it goes back to one level', async () => {
    const { ds, other, children, item, describeFired, fired } = await twoServices();
    ds.signIn('me@ds.com');
    await children();
    fired.length = 0;
    other.signIn('me@other.com');
    assert.deepEqual(describeFired(), ['root']);
    assert.equal((await children()).length, 2);
    fired.length = 0;
    other.signOut();
    assert.deepEqual(describeFired(), ['root']);
    assert.deepEqual((await children()).map((n) => item(n).id), ['group:awaiting', 'group:completed']);
  });

  it("a refresh that changes one request redraws that row only; a move redraws its service's two groups, not the root", async () => {
    const { ds, other, children, describeFired, fired } = await twoServices();
    other.list.all = many(30, 'o');
    ds.signIn('me@ds.com');
    other.signIn('me@other.com');
    for (const service of await children()) for (const group of await children(service)) await children(group);
    fired.length = 0;
    other.list.set('o5', (r) => ({ ...r, title: 'Renamed' }));
    await other.model.refresh();
    await ds.model.refresh();
    assert.deepEqual(describeFired(), ['otherSign request o5']);
    fired.length = 0;
    other.list.set('o7', (r) => ({ ...r, state: 'declined', signers: [{ ...r.signers[0], status: 'declined' }] }));
    await other.model.refresh();
    assert.deepEqual(describeFired(), ['service otherSign'], 'a new group in one service redraws that service node, not the root');
    await children(); // VS Code reads the root…
    const otherNode = (await children())[1];
    await children(otherNode); // …and that service's rows
    fired.length = 0;
    other.list.set('o8', (r) => ({ ...r, state: 'declined', signers: [{ ...r.signers[0], status: 'declined' }] }));
    await other.model.refresh();
    assert.deepEqual(describeFired().sort(), ['otherSign group awaiting', 'otherSign group declined']);
  });

  it('"Load more…" belongs to its service and names it (its command routes by the node)', async () => {
    const { ds, other, children, item } = await twoServices();
    other.list.all = many(150, 'o');
    ds.signIn('me@ds.com');
    other.signIn('me@other.com');
    const [, otherNode] = await children();
    const rows = await children(otherNode);
    const loadMore = rows[rows.length - 1];
    assert.equal(loadMore.kind, 'loadMore');
    assert.equal(item(loadMore).id, 'service:otherSign/loadMore');
    assert.deepEqual(item(loadMore).command?.arguments, [loadMore]);
    assert.equal(loadMore.kind === 'loadMore' && loadMore.service, 'otherSign');
  });
});
