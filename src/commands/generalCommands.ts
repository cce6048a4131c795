import * as vscode from 'vscode';

// Commands that need no account: they help the user find their way.
export function registerGeneralCommands(logChannel: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('signdesk.showLog', () => logChannel.show(true)),
    vscode.commands.registerCommand('signdesk.openSettings', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', '@ext:signdesk.signdesk'),
    ),
  ];
}
