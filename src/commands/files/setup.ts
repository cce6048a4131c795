// Builds the files view (Dropbox) and its commands for the composition root: one view for the first file
// store of the service list, listing with that service's own session (never the current signature account).
import * as vscode from 'vscode';
import type { SessionStoreApi } from '../../auth/session';
import type { TokenManager } from '../../auth/tokenManager';
import { AuthError } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { ServiceRuntime } from '../../runtime';
import { COMMANDS } from '../../views/ids';
import { FilesView } from '../../views/filesTree/view';
import type { WithToken } from '../actions/deps';
import { SendTargets } from './sendTargets';

export interface FilesSetupDeps {
  context: vscode.ExtensionContext;
  log: Logger;
  /** The file store's runtime (it has `files`). */
  runtime: ServiceRuntime;
  /** Every service's runtime: the signature services among them decide which files can be sent. */
  runtimes: readonly ServiceRuntime[];
  store: Pick<SessionStoreApi, 'list' | 'onDidChange'>;
  tokens: Pick<TokenManager, 'withToken'>;
}

export interface FileStoreSetup {
  readonly view: FilesView;
  /** The signature services set up now (which files are sendable, and with what); built on first use. */
  sendTargets(): SendTargets;
  /** Runs a call with the store's own account's token. */
  readonly withToken: WithToken;
  signedIn(): Promise<boolean>;
}

export function setUpFilesView(deps: FilesSetupDeps): FileStoreSetup | undefined {
  const { runtime, store } = deps;
  const files = runtime.files;
  if (!files) return undefined;
  const service = runtime.definition.id;
  const session = async () => (await store.list(service)).find((s) => s.status === 'active');
  const withToken: WithToken = async (call) => {
    const current = await session();
    if (!current) throw new AuthError(`Sign in to ${runtime.definition.label} first.`, { errorName: 'not_signed_in' });
    return deps.tokens.withToken(current, call);
  };
  const signedIn = async () => (await session()) !== undefined;
  // Built when the first file row is drawn, after a listing loaded the store's code (dist/features.js),
  // which carries this too: activation never needs it.
  const sendableChanged = new vscode.EventEmitter<void>();
  let targets: SendTargets | undefined;
  const sendTargets = (): SendTargets => {
    if (!targets) {
      targets = new SendTargets(deps.runtimes, store);
      deps.context.subscriptions.push(targets, targets.onDidChange(() => sendableChanged.fire()));
    }
    return targets;
  };
  const view = new FilesView({
    files,
    signedIn,
    isConfigured: () => runtime.appSetup.isConfigured(),
    withToken,
    onDidChange: (listener) => {
      const a = store.onDidChange((change) => {
        if (!change.key || change.key.service === service) listener(change);
      });
      const b = runtime.appSetup.onDidChange(() => listener(undefined));
      return { dispose: () => (a.dispose(), b.dispose()) };
    },
    sendable: { isSendable: (entry) => sendTargets().isSendable(entry), onDidChange: sendableChanged.event },
    log: deps.log,
  });
  deps.context.subscriptions.push(
    sendableChanged,
    view,
    vscode.commands.registerCommand(COMMANDS.refreshFiles, () => view.refresh()),
    vscode.commands.registerCommand(COMMANDS.loadMoreFiles, (folder?: unknown) => view.loadMore(typeof folder === 'string' ? folder : '')),
    vscode.commands.registerCommand(COMMANDS.configureFileStore, () => vscode.commands.executeCommand(COMMANDS.configureApp, { service })),
  );
  return { view, sendTargets, withToken, signedIn };
}
