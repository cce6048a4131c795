import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, signDeskExtension } from './support/extension';

describe('commands', () => {
  let contributed: string[];
  let registered: string[];
  let viewIds: string[];

  before(async () => {
    await activatedApi();
    const pkg = signDeskExtension().packageJSON;
    contributed = (pkg.contributes?.commands ?? []).map((command: { command: string }) => command.command);
    viewIds = Object.values(pkg.contributes?.views ?? {}).flatMap((views) => (views as { id: string }[]).map((view) => view.id));
    registered = await vscode.commands.getCommands(true);
  });

  it('contributes at least signdesk.showLog', () => {
    assert.ok(contributed.includes('signdesk.showLog'), `contributed: ${contributed.join(', ')}`);
  });

  it('registers every command it contributes', () => {
    const missing = contributed.filter((command) => !registered.includes(command));
    assert.deepEqual(missing, [], 'contributed in package.json but not registered by activate()');
  });

  it('contributes every signdesk.* command it registers', () => {
    // The workbench itself registers `<view id>.focus`, `.resetViewLocation`, … for each contributed view.
    const isViewCommand = (command: string): boolean => viewIds.some((id) => command.startsWith(`${id}.`));
    const undeclared = registered.filter(
      (command) => command.startsWith('signdesk.') && !isViewCommand(command) && !contributed.includes(command),
    );
    assert.deepEqual(undeclared, [], 'registered but not contributed in package.json (not in the palette, no title)');
  });

  it('runs signdesk.showLog', async () => {
    await vscode.commands.executeCommand('signdesk.showLog');
  });
});
