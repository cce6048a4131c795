// Runs in a fresh Node process: activates the shipped bundle BUNDLE with the bench's fake `vscode`, given a
// command registry that behaves as VS Code's (an id registers once; a disposed registration frees it), then
// runs Remind Signer twice on an awaiting signer while nobody is signed in. Prints one JSON line.
// Usage: node firstUseChild.js BUNDLE PACKAGE_JSON
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFakeContext, createFakeVscode, interceptVscode } from '../../support/fakeVscode';

export interface FirstUseRun {
  /** Whether dist/features.js was loaded: after activate(), after the first and after the second call. */
  featuresLoaded: boolean[];
  /** How many times a handler was registered for signdesk.remindSigner (the stand-in, then the real one). */
  remindRegistrations: number;
  /** Every action command id is registered exactly once after the first call. */
  actionIdsAfter: string[];
  /** The notifications shown, in order. */
  shown: Array<{ level: string; message: string; items: string[] }>;
  failed?: string;
}

const ACTIONS = ['signdesk.send', 'signdesk.remindSigner', 'signdesk.cancelRequest', 'signdesk.downloadPdf', 'signdesk.downloadZip'];

async function main(): Promise<void> {
  const [bundle, packageJsonFile] = process.argv.slice(2);
  const packageJson = JSON.parse(fs.readFileSync(packageJsonFile, 'utf8'));
  const { api } = createFakeVscode(packageJson);
  const registry = new Map<string, (...args: unknown[]) => unknown>();
  let remindRegistrations = 0;
  api.commands.registerCommand = (id: string, handler: (...args: unknown[]) => unknown) => {
    if (registry.has(id)) throw new Error(`command '${id}' already exists`);
    if (id === 'signdesk.remindSigner') remindRegistrations++;
    registry.set(id, handler);
    return new api.Disposable(() => registry.get(id) === handler && registry.delete(id));
  };
  api.commands.executeCommand = async (id: string, ...args: unknown[]) => {
    if (id === 'setContext') return undefined;
    const handler = registry.get(id);
    if (!handler) throw new Error(`command '${id}' not found`);
    return handler(...args);
  };
  const shown: FirstUseRun['shown'] = [];
  const show = (level: string) => async (message: string, ...items: unknown[]) => {
    shown.push({ level, message, items: items.map(String) });
    return undefined;
  };
  api.window.showInformationMessage = show('info');
  api.window.showWarningMessage = show('warning');
  api.window.showErrorMessage = show('error');
  api.window.withProgress = (_options: unknown, task: (progress: unknown, token: unknown) => unknown) =>
    task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => new api.Disposable() });
  interceptVscode(api);
  const context = createFakeContext(api, packageJson, path.dirname(packageJsonFile));
  const features = path.join(path.dirname(bundle), 'features.js');
  const loaded = () => require.cache[features] !== undefined;

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(bundle) as { activate(context: unknown): unknown };
  await extension.activate(context);
  const featuresLoaded = [loaded()];
  const signer = { email: 'jack@example.com', name: 'Jack', status: 'awaiting' };
  const request = { id: 'req-1', title: 'NDA', state: 'awaiting', onHold: false, isComplete: false, testMode: true, ccEmails: [], signers: [signer] };
  await api.commands.executeCommand('signdesk.remindSigner', { request, signer });
  featuresLoaded.push(loaded());
  const actionIdsAfter = ACTIONS.filter((id) => registry.has(id));
  await api.commands.executeCommand('signdesk.remindSigner', { request, signer });
  featuresLoaded.push(loaded());
  const run: FirstUseRun = { featuresLoaded, remindRegistrations, actionIdsAfter, shown };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

main().catch((e: unknown) => {
  process.stdout.write(`${JSON.stringify({ failed: e instanceof Error ? e.stack : String(e) })}\n`);
  process.exitCode = 1;
});
