// Shows an action's error as a notification with the right buttons, and logs the details (redacted by
// the logger). The wording and the buttons come from messages.ts.
import * as vscode from 'vscode';
import { showNotice } from '../notices';
import { CancelledError } from '../../core/errors';
import type { ActionDeps } from './deps';
import { ActionKind, DescribeContext, describeActionError } from './messages';
import { COMMANDS, VSCODE_COMMANDS } from '../../views/ids';

/**
 * Resolves once the user dismissed the message or its button's action started. `retry` is offered only
 * where describeActionError allows it (never after a send, remind or cancel the server may have done).
 */
export async function showActionError(
  deps: Pick<ActionDeps, 'log' | 'requests' | 'signInCommand'>,
  error: unknown,
  action: ActionKind,
  context: DescribeContext,
  retry?: () => unknown,
): Promise<void> {
  if (!(error instanceof CancelledError)) {
    deps.log.error(`Could not ${action} “${context.subject}”`, error);
  }
  const view = describeActionError(error, action, context);
  if (!view) return;
  const choices = view.choices.filter((choice) => choice !== 'Retry' || retry !== undefined);
  const choice = await showNotice(view.severity, view.message, choices);
  switch (choice) {
    case 'Retry':
      void retry?.();
      break;
    case 'Sign In':
    case 'Sign In Again':
      void vscode.commands.executeCommand(deps.signInCommand);
      break;
    case 'Reload Window':
      void vscode.commands.executeCommand(VSCODE_COMMANDS.reloadWindow);
      break;
    case 'Refresh':
      deps.requests.refresh().catch(() => undefined); // the view shows a failed refresh itself
      break;
    case 'Open Settings':
      void vscode.commands.executeCommand(COMMANDS.openSettings);
      break;
    case 'Show Log':
      void vscode.commands.executeCommand(COMMANDS.showLog);
      break;
  }
}
