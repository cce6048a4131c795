import * as vscode from 'vscode';
import { CallbackRouter, CallbackUri } from './auth/callbackRouter';
import { registerGeneralCommands } from './commands/generalCommands';
import { LoginStatusBar } from './views/statusBar';

/** What activate() returns. `testing` exists only when VS Code runs the extension's tests. */
export interface SignDeskApi {
  readonly testing?: {
    /** Resolves with the next URI that reaches the extension's URI handler. */
    nextCallbackUri(): Promise<CallbackUri>;
  };
}

// The composition root: builds every service once, wires them, and hands every disposable to VS Code.
export function activate(context: vscode.ExtensionContext): SignDeskApi {
  const log = vscode.window.createOutputChannel('SignDesk', { log: true });
  context.subscriptions.push(log);

  const router = new CallbackRouter((uri) => log.warn(`Ignored a URI for an unknown path: ${uri.path}`));
  context.subscriptions.push(
    vscode.window.registerUriHandler({ handleUri: (uri) => router.handle({ path: uri.path, query: uri.query }) }),
  );

  context.subscriptions.push(new LoginStatusBar());
  context.subscriptions.push(...registerGeneralCommands(log));

  log.info(`SignDesk ${context.extension.packageJSON.version} activated`);

  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return {};
  }
  return {
    testing: {
      nextCallbackUri: () =>
        new Promise<CallbackUri>((resolve) => {
          const subscription = router.observe((uri) => {
            subscription.dispose();
            resolve(uri);
          });
        }),
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
