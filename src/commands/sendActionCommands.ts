// Registers the action commands on signature requests: send, remind, cancel, download.
import type * as vscode from 'vscode';
import { registerCancelCommand } from './cancelCommand';
import { registerDownloadCommands } from './downloadCommand';
import { registerRemindCommand } from './remindCommand';
import { SendDeps, registerSendCommand } from './sendCommand';

export type { ActionDeps, RequestsUpdater, WithToken } from './sendActionDeps';
export type { SendDeps } from './sendCommand';

export function registerActionCommands(deps: SendDeps): vscode.Disposable[] {
  return [registerSendCommand(deps), registerRemindCommand(deps), registerCancelCommand(deps), ...registerDownloadCommands(deps)];
}
