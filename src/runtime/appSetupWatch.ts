// "Is the app configured?" can change two ways: the client ID setting, or the client secret in secret
// storage (this window's Configure, or another window's). The status bar and the view re-read on either.
import * as vscode from 'vscode';
import { appSecretKey, settingKey } from '../model/serviceSettings';
import { onDidChangeSettings } from './settings';

export interface AppSetupWatch extends vscode.Disposable {
  readonly onDidChange: vscode.Event<void>;
}

export function watchAppSetup(secrets: vscode.SecretStorage, serviceId: string): AppSetupWatch {
  const changed = new vscode.EventEmitter<void>();
  const clientIdSetting = settingKey(serviceId, 'clientId');
  const clientSecretKey = appSecretKey(serviceId, 'clientSecret');
  const subscriptions: vscode.Disposable[] = [
    changed,
    onDidChangeSettings([clientIdSetting], () => changed.fire()),
    secrets.onDidChange((e) => {
      if (e.key === clientSecretKey) changed.fire();
    }),
  ];
  return {
    onDidChange: changed.event,
    dispose: () => subscriptions.forEach((s) => s.dispose()),
  };
}
