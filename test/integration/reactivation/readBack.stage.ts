// Reactivation, stage 2 of 3: after the window reload SignDesk runs in a new extension host and reads the
// stored session back (store, current session, Accounts menu, status bar); then signs out, for stage 3.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { accountLabels, STATUS_ITEM } from '../support/accounts';
import { activatedApi, eventually } from '../support/extension';
import { runnerBridge } from '../support/runnerBridge';
import { readHandoff, writeHandoff } from './handoff';

describe('reactivation 2/3: after a window reload SignDesk reads the session back (real host)', () => {
  const handoff = readHandoff();

  it('SignDesk was activated again, in a new extension host', async () => {
    await activatedApi();
    assert.ok(handoff.hostPids.length > 0, 'stage 1 ran');
    assert.ok(!handoff.hostPids.includes(process.pid), `extension host ${process.pid} is not one of the earlier ${handoff.hostPids.join(', ')}`);
  });

  it('the stored session is read back: session store, current session and the Accounts menu', async () => {
    const { sessions } = (await activatedApi()).testing!;
    const account = handoff.account!;
    assert.deepEqual((await sessions.store.list()).map((s) => s.email), [account.email]);
    assert.equal((await sessions.active.current())?.accountId, account.accountId);
    assert.deepEqual(await accountLabels(), [account.email]);
  });

  if (vscode.env.uiKind === vscode.UIKind.Web) {
    it('the status bar shows the account without a new sign-in', async () => {
      const bridge = runnerBridge();
      assert.ok(bridge, 'the web runner did not pass SIGNDESK_TEST_TAB_BRIDGE to the host');
      const text = async () => (await bridge.dom(STATUS_ITEM)).map((e) => e.text).join('\n');
      await eventually(text, (t) => t.includes(handoff.account!.email), 10_000, 'status bar shows the email');
    });
  }

  it('signdesk.signOut removes it from context.secrets', async () => {
    const { sessions } = (await activatedApi()).testing!;
    await vscode.commands.executeCommand('signdesk.signOut');
    assert.equal(await sessions.secrets.get(handoff.account!.secretKey), undefined);
    writeHandoff({ ...readHandoff(), hostPids: [...handoff.hostPids, process.pid] });
  });
});
