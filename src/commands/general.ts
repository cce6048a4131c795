import * as vscode from 'vscode';
import { COMMANDS, SETTINGS_FILTER, VSCODE_COMMANDS } from '../views/ids';

// Commands that need no account: they help the user find their way.
export function registerGeneralCommands(logChannel: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.showLog, () => logChannel.show(true)),
    vscode.commands.registerCommand(COMMANDS.openSettings, () =>
      vscode.commands.executeCommand(VSCODE_COMMANDS.openSettings, SETTINGS_FILTER),
    ),
  ];
}
