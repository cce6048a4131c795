import * as vscode from 'vscode';

export const OPEN_SETTINGS_COMMAND = 'signdesk.openSettings';

// Commands that need no account: they help the user find their way.
export function registerGeneralCommands(logChannel: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('signdesk.showLog', () => logChannel.show(true)),
    vscode.commands.registerCommand(OPEN_SETTINGS_COMMAND, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', '@ext:signdesk.signdesk'),
    ),
  ];
}
