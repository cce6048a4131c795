// Builds the files view (Dropbox) and its commands for the composition root: one view for the first file
// store of the service list, listing with that service's own session (never the current signature account).
import * as vscode from 'vscode';
import type { SessionStoreApi } from '../../auth/session';
import type { TokenManager } from '../../auth/tokenManager';
import type { Logger } from '../../core/log';
import type { ServiceRuntime } from '../../runtime';
import { COMMANDS } from '../../views/ids';
import { FilesView } from '../../views/filesTree/view';

export interface FilesSetupDeps {
  context: vscode.ExtensionContext;
  log: Logger;
  /** The file store's runtime (it has `files`). */
  runtime: ServiceRuntime;
  store: Pick<SessionStoreApi, 'list' | 'onDidChange'>;
  tokens: Pick<TokenManager, 'withToken'>;
}

export function setUpFilesView(deps: FilesSetupDeps): FilesView | undefined {
  const { runtime, store } = deps;
  const files = runtime.files;
  if (!files) return undefined;
  const service = runtime.definition.id;
  const session = async () => (await store.list(service)).find((s) => s.status === 'active');
  const view = new FilesView({
    files,
    signedIn: async () => (await session()) !== undefined,
    isConfigured: () => runtime.appSetup.isConfigured(),
    withToken: async (call) => {
      const current = await session();
      if (!current) throw new Error(`Not signed in to ${runtime.definition.label}.`);
      return deps.tokens.withToken(current, call);
    },
    onDidChange: (listener) => {
      const a = store.onDidChange((change) => {
        if (!change.key || change.key.service === service) listener(change);
      });
      const b = runtime.appSetup.onDidChange(() => listener(undefined));
      return { dispose: () => (a.dispose(), b.dispose()) };
    },
    log: deps.log,
  });
  deps.context.subscriptions.push(
    view,
    vscode.commands.registerCommand(COMMANDS.refreshFiles, () => view.refresh()),
    vscode.commands.registerCommand(COMMANDS.loadMoreFiles, (folder?: unknown) => view.loadMore(typeof folder === 'string' ? folder : '')),
    vscode.commands.registerCommand(COMMANDS.configureFileStore, () => vscode.commands.executeCommand(COMMANDS.configureApp, { service })),
  );
  return view;
}
