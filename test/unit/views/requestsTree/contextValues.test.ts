import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ALL_CONTEXT_VALUES,
  checkMenus,
  MenuEntry,
  requestContextValue,
  signerContextValue,
  whenMatchesContextValue,
} from '../../../../src/views/requestsTree/contextValues';
import { repoRoot } from '../../../runner/paths';

const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { menus?: Record<string, MenuEntry[]> };
};

describe('requests tree contextValues', () => {
  it('reads the when clauses menus use', () => {
    assert.equal(whenMatchesContextValue('view == signdesk.requests && viewItem == signer.awaiting', 'signer.awaiting'), true);
    assert.equal(whenMatchesContextValue('view == signdesk.requests && viewItem == signer.awaiting', 'signer.signed'), false);
    assert.equal(whenMatchesContextValue("viewItem == 'signer.viewed'", 'signer.viewed'), true);
    assert.equal(whenMatchesContextValue('viewItem =~ /^signer\\.(awaiting|viewed)$/', 'signer.viewed'), true);
    assert.equal(whenMatchesContextValue('viewItem =~ /^signer\\.(awaiting|viewed)$/', 'signer.signed'), false);
    assert.equal(whenMatchesContextValue('viewItem == a || viewItem == signer.error', 'signer.error'), true);
    assert.equal(whenMatchesContextValue('viewItem != signatureRequest.canceled && viewItem =~ /^signatureRequest/', 'signatureRequest.canceled'), false);
    assert.equal(whenMatchesContextValue('view == signdesk.requests', 'signer.error'), false);
  });

  it('every contextValue a node can carry has a menu in package.json, and every node menu matches some node', () => {
    const { unusedContextValues, unmatchedMenus } = checkMenus(packageJson.contributes.menus ?? {});
    assert.deepEqual(unusedContextValues, [], 'nodes carry these but no view/item/context menu uses them');
    assert.deepEqual(unmatchedMenus, [], 'these menus name a viewItem no node produces');
  });

  it('names request and signer states the way the action menus expect', () => {
    assert.ok(ALL_CONTEXT_VALUES.includes('signatureRequest.awaiting'));
    assert.ok(ALL_CONTEXT_VALUES.includes('signatureRequest.completed'));
    assert.ok(ALL_CONTEXT_VALUES.includes('signer.awaiting'));
    assert.ok(ALL_CONTEXT_VALUES.includes('signer.viewed'));
  });

  it('received requests and their signers carry `.received`, so the sender-only menus skip them', () => {
    assert.equal(requestContextValue('awaiting'), 'signatureRequest.awaiting');
    assert.equal(requestContextValue('awaiting', true), 'signatureRequest.awaiting.received');
    assert.equal(signerContextValue('viewed', true), 'signer.viewed.received');
    assert.ok(ALL_CONTEXT_VALUES.includes('signatureRequest.completed.received'));
    assert.ok(ALL_CONTEXT_VALUES.includes('signer.awaiting.received'));
    const commandsFor = (value: string) =>
      (packageJson.contributes.menus?.['view/item/context'] ?? [])
        .filter((m) => m.when !== undefined && whenMatchesContextValue(m.when, value))
        .map((m) => m.command);
    const received = new Set(commandsFor('signatureRequest.awaiting.received'));
    assert.deepEqual([...received].sort(), ['signdesk.downloadPdf', 'signdesk.downloadZip', 'signdesk.requests.copyId', 'signdesk.requests.openDetails']);
    assert.ok(new Set(commandsFor('signatureRequest.awaiting')).has('signdesk.cancelRequest'), 'own requests keep Cancel');
    assert.deepEqual([...new Set(commandsFor('signer.awaiting.received'))], ['signdesk.requests.copySignerEmail']);
    assert.ok(commandsFor('signer.awaiting').includes('signdesk.remindSigner'), 'own signers keep Remind');
  });
});
