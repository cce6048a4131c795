// What the tree's rows say, to the eye and to a screen reader, where they count: "1 request", "2 requests".
import assert from 'node:assert/strict';
import { groupRequests } from '../../../../src/model/requestsGrouping';
import { createFakeVscode, interceptVscode } from '../../../support/fakeVscode';
import { request, signer } from '../../../support/requests';

const restore = interceptVscode(createFakeVscode({}).api);
// Loaded while `vscode` is the fake (the nodes import it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodes = require('../../../../src/views/requestsTree/nodes') as typeof import('../../../../src/views/requestsTree/nodes');
restore();

const NOW = Date.UTC(2030, 0, 1, 12);
const spoken = (item: { accessibilityInformation?: { label: string } }) => item.accessibilityInformation?.label;

describe('requests tree wording: counts in labels and screen-reader text', () => {
  it('a group says "1 request" or "N requests"', () => {
    const [one] = groupRequests([request('a')]);
    const item = nodes.treeItemFor({ kind: 'group', id: one.id, group: one }, NOW);
    assert.equal(item.label, 'Awaiting signature (1)');
    assert.equal(spoken(item), 'Awaiting signature, 1 request');
    const [two] = groupRequests([request('a'), request('b')]);
    assert.equal(spoken(nodes.treeItemFor({ kind: 'group', id: two.id, group: two }, NOW)), 'Awaiting signature, 2 requests');
  });

  it('a request reads its signers in words: "0 of 1 signer signed", "1 of 2 signers signed"', () => {
    const one = nodes.treeItemFor({ kind: 'request', request: request('a', { title: 'NDA' }) }, NOW);
    assert.equal(spoken(one), 'NDA, Awaiting signature, 0 of 1 signer signed');
    const two = request('b', {
      title: 'Offer',
      signers: [signer({ email: 'a@x.com', status: 'signed' }), signer({ email: 'b@x.com' })],
    });
    assert.equal(spoken(nodes.treeItemFor({ kind: 'request', request: two }, NOW)), 'Offer, Awaiting signature, 1 of 2 signers signed');
  });

  it('"Load more…" says how many are loaded, and never "7 of 7"', () => {
    const item = nodes.treeItemFor({ kind: 'loadMore', loading: false, loaded: 20, total: 45 }, NOW);
    assert.equal(item.description, '20 of 45');
    assert.equal(spoken(item), 'Load more signature requests, 20 of 45 requests loaded');
    assert.equal(spoken(nodes.treeItemFor({ kind: 'loadMore', loading: false, loaded: 1, total: 2 }, NOW)), 'Load more signature requests, 1 of 2 requests loaded');
    const inconsistent = nodes.treeItemFor({ kind: 'loadMore', loading: false, loaded: 7, total: 7 }, NOW);
    assert.equal(inconsistent.description, undefined);
    assert.equal(spoken(inconsistent), 'Load more signature requests, 7 requests loaded');
    assert.equal(spoken(nodes.treeItemFor({ kind: 'loadMore', loading: false, loaded: 1 }, NOW)), 'Load more signature requests, 1 request loaded');
    assert.equal(spoken(nodes.treeItemFor({ kind: 'loadMore', loading: true, loaded: 1, total: 2 }, NOW)), 'Loading more signature requests');
  });
});
