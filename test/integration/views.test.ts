import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, eventually, signDeskExtension } from './support/extension';
import { runnerBridge } from './support/runnerBridge';
import { appSecretKey } from '../../src/model/serviceSettings';

const CLIENT_SECRET_KEY = appSecretKey('dropboxSign', 'clientSecret');

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
    it('shows the status-bar item signdesk.status: "not configured" without a client secret, "signed out" once the app is configured', async () => {
      const bridge = runnerBridge();
      assert.ok(bridge, 'the web runner did not pass SIGNDESK_TEST_TAB_BRIDGE to the host');
      const secrets = (await activatedApi()).testing!.sessions.secrets;
      const config = vscode.workspace.getConfiguration('signdesk.dropboxSign');
      const item = () => bridge.dom('.part.statusbar [id="signdesk.signdesk.signdesk.status"]');
      const shows = (text: string) => (elements: Awaited<ReturnType<typeof item>>) => elements.length === 1 && elements[0].text.includes(text);
      try {
        await config.update('clientId', 'views-client-id', vscode.ConfigurationTarget.Global);
        await secrets.delete(CLIENT_SECRET_KEY);
        await eventually(item, shows('Dropbox Sign: not configured'), 15_000, 'status item without a client secret');
        await secrets.store(CLIENT_SECRET_KEY, 'views-client-secret');
        const items = await eventually(item, shows('Dropbox Sign: signed out'), 15_000, 'status item once configured');
        assert.match(items[0].ariaLabel ?? '', /Dropbox Sign: signed out/);
      } finally {
        await secrets.delete(CLIENT_SECRET_KEY);
        await config.update('clientId', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  }
});
