import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, signDeskExtension } from './support/extension';
import { runnerBridge } from './support/runnerBridge';

// Runs first (files load in name order): nothing has touched SignDesk yet.
describe('activation', () => {
  it('activates when VS Code has started (onStartupFinished), never on "*"', () => {
    const events: string[] = signDeskExtension().packageJSON.activationEvents ?? [];
    assert.ok(events.includes('onStartupFinished'), `activationEvents: ${JSON.stringify(events)}`);
    assert.ok(!events.includes('*'), `activationEvents: ${JSON.stringify(events)}`);
  });

  it('is active without anything touching SignDesk (no command, no view opened)', async () => {
    const extension = signDeskExtension();
    await eventually(async () => extension.isActive, (active) => active, 30_000, 'SignDesk active after startup');
  });

  // The status-bar item is read from the workbench DOM, which only the web runner can reach.
  if (vscode.env.uiKind === vscode.UIKind.Web) {
    it('shows the login indicator from startup: "not configured" in a fresh profile, the SignDesk view never opened', async () => {
      const bridge = runnerBridge();
      assert.ok(bridge, 'the web runner did not pass SIGNDESK_TEST_TAB_BRIDGE to the host');
      const sideBar = (await bridge.dom('.part.sidebar')).map((e) => e.text).join('\n');
      assert.ok(!/signature requests/i.test(sideBar), `the SignDesk view is not open: ${sideBar.slice(0, 200)}`);
      const items = await eventually(
        () => bridge.dom('.part.statusbar [id="signdesk.signdesk.signdesk.status"]'),
        (elements) => elements.length === 1 && elements[0].text.includes('Dropbox Sign: not configured'),
        15_000,
        'status-bar item signdesk.signdesk.signdesk.status',
      );
      assert.match(items[0].ariaLabel ?? '', /Dropbox Sign: not configured/);
    });
  }

  it('returns the test API from activate() when run by tests', async () => {
    const api = await signDeskExtension().activate();
    assert.equal(typeof api.testing?.nextCallbackUri, 'function');
  });
});
