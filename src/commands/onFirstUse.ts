// Commands whose code loads when one of them is first run, not at activation: activation runs in every
// window, and most windows never send, remind, cancel or download. Until then each command id has a
// stand-in; the first call loads the code, which registers the real commands in their place, and hands the
// call on to the real command.
import * as vscode from 'vscode';
import type { Logger } from '../core/log';
import { COMMANDS } from '../views/ids';

export interface OnFirstUse<T> {
  /** The command ids the loaded code registers (each contributed in package.json). */
  ids: readonly string[];
  /** Loads the code (in the bundle: requires dist/features.js). */
  load(): T;
  /** Registers the real commands from what `load` returned. */
  register(loaded: T): void;
  log: Logger;
}

export function registerOnFirstUse<T>(options: OnFirstUse<T>): vscode.Disposable {
  let standIns: vscode.Disposable[] = [];
  const disposeStandIns = () => {
    for (const standIn of standIns) standIn.dispose();
    standIns = [];
  };
  const loadOnce = (id: string): boolean => {
    if (standIns.length === 0) return true; // another stand-in loaded it already (this call was queued before)
    let loaded: T;
    try {
      loaded = options.load();
    } catch (error) {
      // Only a damaged install gets here (the file ships beside the bundle); the stand-ins stay for a retry.
      options.log.error(`could not load the code of ${id}: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window
        .showErrorMessage('SignDesk could not load this command. Reinstall SignDesk; the log has the details.', 'Show Log')
        .then((choice) => choice && vscode.commands.executeCommand(COMMANDS.showLog));
      return false;
    }
    // The real commands take the same ids, so the stand-ins go first.
    disposeStandIns();
    options.register(loaded);
    return true;
  };
  standIns = options.ids.map((id) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => (loadOnce(id) ? vscode.commands.executeCommand(id, ...args) : undefined)),
  );
  return new vscode.Disposable(disposeStandIns);
}
