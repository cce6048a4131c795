import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { activatedApi, within } from './support/extension';
import { runnerBridge } from './support/runnerBridge';

// The browser leg of OAuth: the provider redirects the user's browser to the URL asExternalUri gave, and
// VS Code hands the URI to the extension's registerUriHandler. Only a web host has a browser the test can
// drive (through the runner's bridge); a desktop host maps vscode:// URIs through the OS instead.
if (vscode.env.uiKind === vscode.UIKind.Web) {
  describe('URI callback (web host, second browser tab)', () => {
    const callback = (): vscode.Uri => vscode.Uri.parse(`${vscode.env.uriScheme}://signdesk.signdesk/callback`);

    it('asExternalUri(<scheme>://signdesk.signdesk/callback) is an http(s) URL on this host', async () => {
      const external = await vscode.env.asExternalUri(callback());
      assert.match(external.scheme, /^https?$/, `got ${external.toString()}`);
    });

    it('delivers the callback opened in a second tab to the URI handler with its query intact', async () => {
      const api = await activatedApi();
      assert.ok(api.testing, 'activate() returned no test API');
      const bridge = runnerBridge();
      assert.ok(bridge, 'the web runner did not pass SIGNDESK_TEST_TAB_BRIDGE to the host');

      const state = randomBytes(12).toString('hex');
      // toString(true): the default encoding turns the query's `=` and `&` into %3D/%26, and the workbench
      // then finds no request id in the callback URL and drops it.
      const external = new URL((await vscode.env.asExternalUri(callback())).toString(true));
      external.searchParams.append('code', 'integration-code');
      external.searchParams.append('state', state);

      const received = api.testing.nextCallbackUri();
      const opened = await bridge.openInSecondTab(external.toString());
      assert.equal(opened.status, 200, 'the callback page did not load');
      const uri = await within(received, 20_000, 'URI handler');

      assert.equal(uri.path, '/callback');
      const query = new URLSearchParams(uri.query);
      assert.equal(query.get('code'), 'integration-code');
      assert.equal(query.get('state'), state);
    });
  });
}
