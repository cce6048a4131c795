// One place that turns a message's severity into the VS Code notification showing it, with its buttons.
import * as vscode from 'vscode';

export type NoticeSeverity = 'error' | 'warning' | 'info';

/** Resolves with the button the user pressed, undefined when the notification was dismissed. */
export function showNotice<T extends string>(severity: NoticeSeverity, message: string, choices: readonly T[]): Thenable<T | undefined> {
  // Read vscode.window at call time (tests answer notifications by replacing these functions).
  const show =
    severity === 'error'
      ? vscode.window.showErrorMessage
      : severity === 'warning'
        ? vscode.window.showWarningMessage
        : vscode.window.showInformationMessage;
  return show<T>(message, ...choices);
}
