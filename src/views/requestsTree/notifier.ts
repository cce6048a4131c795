// Shows what a refresh found ("Jack signed 'NDA'", "'NDA' is complete — Download") as notifications,
// batched by notificationsFor, and runs the action the user picks.
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { NotificationAction, notificationsFor, RequestChange, RequestNotification } from '../../model/requestsDiff';
import { COMMANDS } from '../ids';

export interface RequestsNotifierDeps {
  log: Logger;
  /** Reveals a request (or the view) in the tree. */
  reveal(requestId: string | undefined): Promise<void>;
  /** The model's current copy of a request, for the download command. */
  requestById(id: string): unknown;
}

export class RequestsNotifier {
  private readonly listeners = new Set<(n: RequestNotification) => void>();

  constructor(private readonly deps: RequestsNotifierDeps) {}

  /** Resolves with the next notification shown (for tests). */
  next(): Promise<RequestNotification> {
    return new Promise((resolve) => {
      const listener = (n: RequestNotification): void => {
        this.listeners.delete(listener);
        resolve(n);
      };
      this.listeners.add(listener);
    });
  }

  notify(changes: readonly RequestChange[]): void {
    for (const notification of notificationsFor(changes)) {
      for (const listener of [...this.listeners]) {
        listener(notification);
      }
      void this.showOne(notification);
    }
  }

  private async showOne(notification: RequestNotification): Promise<void> {
    const choice = await show(notification);
    const action = notification.actions.find((a) => a.title === choice);
    if (action) {
      await this.run(action).catch((error: unknown) => this.deps.log.error(`Notification action "${action.title}" failed`, error));
    }
  }

  private async run(action: NotificationAction): Promise<void> {
    switch (action.kind) {
      case 'download':
        await vscode.commands.executeCommand(COMMANDS.downloadPdf, this.deps.requestById(action.requestId));
        return;
      case 'reveal':
        await this.deps.reveal(action.requestId);
        return;
    }
  }
}

function show(notification: RequestNotification): Thenable<string | undefined> {
  const titles = notification.actions.map((a) => a.title);
  return notification.severity === 'warning'
    ? vscode.window.showWarningMessage(notification.message, ...titles)
    : vscode.window.showInformationMessage(notification.message, ...titles);
}
