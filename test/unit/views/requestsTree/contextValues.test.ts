import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ALL_CONTEXT_VALUES,
  checkMenus,
  MenuEntry,
  capabilitiesOf,
  requestContextValue,
  SERVICE_CONTEXT_VALUE,
  signerContextValue,
  whenMatchesContextValue,
} from '../../../../src/views/requestsTree/contextValues';
import { repoRoot } from '../../../runner/paths';
import { dropboxSignRules } from '../../../../src/providers/dropboxSign/definition';
import { signNowRules } from '../../../../src/providers/signNow/definition';

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
    const all = { cancel: true, remind: true, pdf: true, zip: true };
    const received = new Set(commandsFor(requestContextValue('awaiting', true, all)));
    assert.deepEqual([...received].sort(), ['signdesk.downloadPdf', 'signdesk.downloadZip', 'signdesk.requests.copyId', 'signdesk.requests.openDetails']);
    assert.ok(new Set(commandsFor(requestContextValue('awaiting', false, all))).has('signdesk.cancelRequest'), 'own requests keep Cancel');
    assert.deepEqual([...new Set(commandsFor(signerContextValue('awaiting', true, all)))], ['signdesk.requests.copySignerEmail']);
    assert.ok(commandsFor(signerContextValue('awaiting', false, all)).includes('signdesk.remindSigner'), 'own signers keep Remind');
  });

  it("appends the node's service's capability flags, and the menus offer an action only where its service supports it", () => {
    const all = { cancel: true, remind: true, pdf: true, zip: true };
    assert.equal(requestContextValue('awaiting', false, all), 'signatureRequest.awaiting.cancelable.pdf.zip');
    assert.equal(requestContextValue('completed', true, all), 'signatureRequest.completed.received.cancelable.pdf.zip');
    assert.equal(signerContextValue('viewed', false, all), 'signer.viewed.remindable');
    const commandsFor = (value: string) =>
      [...new Set((packageJson.contributes.menus?.['view/item/context'] ?? []).filter((m) => m.when !== undefined && whenMatchesContextValue(m.when, value)).map((m) => m.command))].sort();
    // A service that can do everything SignDesk offers (Dropbox Sign).
    assert.deepEqual(commandsFor(requestContextValue('awaiting', false, all)), ['signdesk.cancelRequest', 'signdesk.downloadPdf', 'signdesk.downloadZip', 'signdesk.requests.copyId', 'signdesk.requests.openDetails']);
    assert.deepEqual(commandsFor(signerContextValue('awaiting', false, all)), ['signdesk.remindSigner', 'signdesk.requests.copySignerEmail']);
    // A service that can neither cancel nor remind, and downloads PDFs only.
    const pdfOnly = { cancel: false, remind: false, pdf: true, zip: false };
    assert.deepEqual(commandsFor(requestContextValue('awaiting', false, pdfOnly)), ['signdesk.downloadPdf', 'signdesk.requests.copyId', 'signdesk.requests.openDetails']);
    // A completed request with a PDF can also be saved to Dropbox (while the Dropbox view is ready).
    assert.deepEqual(commandsFor(requestContextValue('completed', false, pdfOnly)), ['signdesk.downloadPdf', 'signdesk.files.saveSignedCopy', 'signdesk.requests.copyId', 'signdesk.requests.openDetails']);
    assert.deepEqual(commandsFor(signerContextValue('awaiting', false, pdfOnly)), ['signdesk.requests.copySignerEmail']);
    // ZIP without PDF still offers ZIP.
    assert.deepEqual(commandsFor(requestContextValue('completed', false, { cancel: false, remind: false, pdf: false, zip: true })), ['signdesk.downloadZip', 'signdesk.requests.copyId', 'signdesk.requests.openDetails']);
    // A service node offers Send and Refresh for that service.
    assert.deepEqual(commandsFor(SERVICE_CONTEXT_VALUE), ['signdesk.requests.refresh', 'signdesk.send']);
  });

  it('the capability flags come from the rules: Dropbox Sign offers every action, signNow no hold and no test mode', () => {
    assert.deepEqual(capabilitiesOf(dropboxSignRules), { cancel: true, remind: true, pdf: true, zip: true });
    assert.equal(signNowRules.supportsHold, false);
    assert.equal(signNowRules.supportsTestMode, false);
    assert.equal(dropboxSignRules.supportsHold && dropboxSignRules.supportsTestMode && dropboxSignRules.supportsUpdateSigner, true);
  });
});
