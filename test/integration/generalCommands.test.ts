// "SignDesk: Open Settings" in the real host: it opens the Settings editor filtered to this extension.
// (Named so it sorts after activation.test: files run in name order and activation.test must run first.)
// vscode.commands.executeCommand is wrapped, not replaced, so the workbench really opens the editor; the
// wrapper records the query the extension asked for (the host gives the tests and the extension the same
// API object).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, eventually, extensionId } from './support/extension';

describe('general commands', () => {
  before(async () => {
    await activatedApi();
  });

  it('signdesk.openSettings opens the Settings editor at @ext:<this extension>', async () => {
    const commands = vscode.commands as unknown as Record<string, unknown>;
    const original = vscode.commands.executeCommand;
    const calls: Array<{ command: string; args: unknown[] }> = [];
    const recording = (command: string, ...args: unknown[]): Thenable<unknown> => {
      calls.push({ command, args });
      return original.call(vscode.commands, command, ...args);
    };
    commands.executeCommand = recording;
    try {
      assert.equal(vscode.commands.executeCommand, recording, 'vscode.commands.executeCommand is not writable in this host');
      await vscode.commands.executeCommand('signdesk.openSettings');
    } finally {
      commands.executeCommand = original;
    }
    const opened = calls.filter((call) => call.command === 'workbench.action.openSettings');
    assert.deepEqual(opened.map((call) => call.args), [[`@ext:${extensionId}`]]);
    const label = await eventually(
      async () => vscode.window.tabGroups.activeTabGroup.activeTab?.label,
      (l) => l === 'Settings',
      10_000,
      'active editor tab',
    );
    assert.equal(label, 'Settings');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
