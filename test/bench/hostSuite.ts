// Runs inside a real VS Code extension host (as an extensionTestsPath module): times the first
// activation of SignDesk — loading its bundle and running activate() — and prints one tagged JSON line.
import * as vscode from 'vscode';

import { HOST_FIGURE_TAG } from './hostTag';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension('signdesk.signdesk');
  if (!extension) throw new Error('signdesk.signdesk is not loaded in this host');
  const wasActive = extension.isActive;
  const started = performance.now();
  await extension.activate();
  const ms = performance.now() - started;
  const commands = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('signdesk.')).length;
  console.log(`${HOST_FIGURE_TAG} ${JSON.stringify({ ms, wasActive, commands, vscode: vscode.version })}`);
}
