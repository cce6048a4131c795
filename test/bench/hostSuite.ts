// Runs inside a real VS Code extension host (as an extensionTestsPath module): times the first activation of
// SignDesk — loading its bundle and running activate() — and of the anchor, VS Code's github-authentication
// (loaded into the same Node extension host as an extension under development), in the order the runner
// chose (swapped every run), and prints one tagged JSON line.
import * as vscode from 'vscode';

import { ANCHOR_FIRST_MARK, HOST_FIGURE_TAG } from './hostTag';

async function firstActivation(id: string): Promise<{ ms: number; wasActive: boolean } | undefined> {
  const extension = vscode.extensions.getExtension(id);
  if (!extension) return undefined;
  const wasActive = extension.isActive;
  const started = performance.now();
  await extension.activate();
  return { ms: performance.now() - started, wasActive };
}

export async function run(): Promise<void> {
  const anchorFirst = vscode.workspace.workspaceFolders?.[0]?.uri.path.includes(ANCHOR_FIRST_MARK) === true;
  const anchorBefore = anchorFirst ? await firstActivation('vscode.github-authentication') : undefined;
  const ours = await firstActivation('signdesk.signdesk');
  if (!ours) throw new Error(`signdesk.signdesk is not loaded in this host; it has: ${vscode.extensions.all.map((e) => e.id).filter((id) => /signdesk|github/.test(id)).join(', ')}`);
  const anchor = anchorFirst ? anchorBefore : await firstActivation('vscode.github-authentication');
  const commands = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('signdesk.')).length;
  console.log(`${HOST_FIGURE_TAG} ${JSON.stringify({ ...ours, commands, vscode: vscode.version, anchor, anchorFirst })}`);
}
