// "Is the app configured?" can change two ways: the client ID setting, or the client secret in secret
// storage (this window's Configure, or another window's). The status bar and the view re-read on either.
import * as vscode from 'vscode';
import { CLIENT_SECRET_KEY } from '../../auth/appCredentials';

const CLIENT_ID_SETTING = 'signdesk.dropboxSign.clientId';

export interface AppSetupWatch extends vscode.Disposable {
  readonly onDidChange: vscode.Event<void>;
}

export function watchAppSetup(secrets: vscode.SecretStorage): AppSetupWatch {
  const changed = new vscode.EventEmitter<void>();
  const subscriptions: vscode.Disposable[] = [
    changed,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(CLIENT_ID_SETTING)) changed.fire();
    }),
    secrets.onDidChange((e) => {
      if (e.key === CLIENT_SECRET_KEY) changed.fire();
    }),
  ];
  return {
    onDidChange: changed.event,
    dispose: () => subscriptions.forEach((s) => s.dispose()),
  };
}
