import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, eventually, signDeskExtension } from './support/extension';
import { runnerBridge } from './support/runnerBridge';

describe('views', () => {
  before(async () => {
    await activatedApi();
  });

  it('contributes the view signdesk.requests in the SignDesk container', () => {
    const views = signDeskExtension().packageJSON.contributes?.views?.signdesk as { id: string }[] | undefined;
    assert.ok(views?.some((view) => view.id === 'signdesk.requests'), 'no signdesk.requests in contributes.views.signdesk');
  });

  it('opens the view signdesk.requests in the workbench', async () => {
    // The workbench registers `<view id>.focus` only for a view it knows; executing it shows the view.
    await vscode.commands.executeCommand('signdesk.requests.focus');
  });

  // The status-bar item cannot be read back through the extension API; under the web runner the test
  // reads the workbench's DOM. (A desktop host has no browser to ask; e2e covers the item there too.)
  if (vscode.env.uiKind === vscode.UIKind.Web) {
    it('shows the status-bar item signdesk.status as signed out', async () => {
      const bridge = runnerBridge();
      assert.ok(bridge, 'the web runner did not pass SIGNDESK_TEST_TAB_BRIDGE to the host');
      const items = await eventually(
        () => bridge.dom('.part.statusbar [id="signdesk.signdesk.signdesk.status"]'),
        (elements) => elements.length === 1 && elements[0].text.includes('Dropbox Sign: signed out'),
        15_000,
        'status-bar item signdesk.signdesk.signdesk.status',
      );
      assert.match(items[0].ariaLabel ?? '', /Dropbox Sign: signed out/);
    });
  }
});
