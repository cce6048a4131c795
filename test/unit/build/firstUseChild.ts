// Runs in a fresh Node process: activates the shipped bundle BUNDLE with the bench's fake `vscode`, given a
// command registry that behaves as VS Code's (an id registers once; a disposed registration frees it), then
// runs a command twice (COMMAND: `remind`, the default, is Remind Signer on an awaiting signer while nobody is
// signed in; `signIn` is Sign In to Dropbox Sign before its app is configured; `refresh` is the requests view's
// Refresh while no app is configured). Prints one JSON line.
// Usage: node firstUseChild.js BUNDLE PACKAGE_JSON [COMMAND]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFakeContext, createFakeVscode, interceptVscode } from '../../support/fakeVscode';

export interface FirstUseRun {
  /** Whether dist/features.js was loaded: after activate(), after the first and after the second call. */
  featuresLoaded: boolean[];
  /** How many times a handler was registered for the command run (the stand-in, then the real one). */
  registrations: number;
  /** The ids of the command's group (the action commands, the sign-in ones, or the requests view's) registered after the first call. */
  idsAfter: string[];
  /** The notifications shown, in order. */
  shown: Array<{ level: string; message: string; items: string[] }>;
  failed?: string;
}

const ACTIONS = ['signdesk.send', 'signdesk.remindSigner', 'signdesk.cancelRequest', 'signdesk.downloadPdf', 'signdesk.downloadZip'];
const SIGN_IN = ['signdesk.signIn', 'signdesk.completeSignIn', 'signdesk.cancelSignIn', 'signdesk.configureApp'];
/** The requests view's own commands: every contributed `signdesk.requests.*` id. */
const requestsView = (packageJson: { contributes: { commands: Array<{ command: string }> } }) =>
  packageJson.contributes.commands.map((c) => c.command).filter((id) => id.startsWith('signdesk.requests.'));

const signer = { email: 'jack@example.com', name: 'Jack', status: 'awaiting' };
const request = { id: 'req-1', title: 'NDA', state: 'awaiting', onHold: false, isComplete: false, testMode: true, ccEmails: [], signers: [signer] };
const RUNS: Record<string, { id: string; args: unknown[]; group: string[] | typeof requestsView }> = {
  remind: { id: 'signdesk.remindSigner', args: [{ request, signer }], group: ACTIONS },
  signIn: { id: 'signdesk.signIn', args: [{ service: 'dropboxSign' }], group: SIGN_IN },
  refresh: { id: 'signdesk.requests.refresh', args: [], group: requestsView },
};

async function main(): Promise<void> {
  const [bundle, packageJsonFile, command = 'remind'] = process.argv.slice(2);
  const { id, args } = RUNS[command];
  const packageJson = JSON.parse(fs.readFileSync(packageJsonFile, 'utf8'));
  const group = typeof RUNS[command].group === 'function' ? RUNS[command].group(packageJson) : RUNS[command].group;
  const { api } = createFakeVscode(packageJson);
  const registry = new Map<string, (...args: unknown[]) => unknown>();
  let registrations = 0;
  api.commands.registerCommand = (registered: string, handler: (...args: unknown[]) => unknown) => {
    if (registry.has(registered)) throw new Error(`command '${registered}' already exists`);
    if (registered === id) registrations++;
    registry.set(registered, handler);
    return new api.Disposable(() => registry.get(registered) === handler && registry.delete(registered));
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
  await api.commands.executeCommand(id, ...args);
  featuresLoaded.push(loaded());
  const idsAfter = group.filter((member) => registry.has(member));
  await api.commands.executeCommand(id, ...args);
  featuresLoaded.push(loaded());
  const run: FirstUseRun = { featuresLoaded, registrations, idsAfter, shown };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

main().catch((e: unknown) => {
  process.stdout.write(`${JSON.stringify({ failed: e instanceof Error ? e.stack : String(e) })}\n`);
  process.exitCode = 1;
});
