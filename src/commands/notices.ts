// The one notice helper: shows a message with its buttons and runs the button pressed. Every command
// that reports an error comes here: the feature says what happened in its own words (a pure, unit-tested
// describe function of its messages.ts), this file shows it redacted and knows what each button does.
import * as vscode from 'vscode';
import { CancelledError } from '../core/errors';
import { redact, type Logger } from '../core/log';
import { COMMANDS, VSCODE_COMMANDS } from '../views/ids';
import type { Notice, NoticeChoice, NoticeSeverity } from './notice';

export type { Notice, NoticeChoice, NoticeSeverity } from './notice';

export interface NoticeOptions {
  /** What Retry repeats; without it Retry is not offered (never after an action the server may have done). */
  retry?: () => unknown;
  /** What Refresh runs; SignDesk: Refresh (the requests view's) when omitted. */
  refresh?: () => unknown;
  /** The command Sign In and Sign In Again run; SignDesk: Sign In when omitted. */
  signInCommand?: string;
  /** The service the notice is about: Configure App (and SignDesk: Sign In) act for it instead of asking which. */
  service?: string;
}

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

/**
 * Shows a notice with its buttons; resolves once it was dismissed or the pressed button's action has
 * started (a Sign In or a Retry is not waited for), with the button pressed.
 */
export async function showNoticeWithActions<C extends NoticeChoice>(notice: Notice<C>, options: NoticeOptions = {}): Promise<C | undefined> {
  const choices = notice.choices.filter((choice) => choice !== 'Retry' || options.retry !== undefined);
  // An error's message may carry service text: it is redacted like the log.
  const choice = await showNotice(notice.severity, redact(notice.message), choices);
  if (choice !== undefined) {
    runChoice(choice, options);
  }
  return choice;
}

/**
 * The one way a command reports a failure: logs it (redacted by the logger) unless it was a cancellation,
 * describes it in the feature's words (undefined: nothing to show) and shows it with its buttons.
 */
export async function showError<C extends NoticeChoice>(
  error: unknown,
  describe: (error: unknown) => Notice<C> | undefined,
  options: NoticeOptions & { log?: { logger: Logger; message: string; level?: 'error' | 'warn' } } = {},
): Promise<C | undefined> {
  if (options.log && !(error instanceof CancelledError)) {
    const { logger, message, level } = options.log;
    if (level === 'warn') logger.warn(message, error);
    else logger.error(message, error);
  }
  const notice = describe(error);
  return notice ? showNoticeWithActions(notice, options) : undefined;
}

/** Buttons that run one command, the same wherever they are offered. */
const CHOICE_COMMANDS: Partial<Record<NoticeChoice, string>> = {
  'Reload Window': VSCODE_COMMANDS.reloadWindow,
  'Open Settings': COMMANDS.openSettings,
  'Show Log': COMMANDS.showLog,
};

function runChoice(choice: NoticeChoice, options: NoticeOptions): void {
  // A failure of what a button started has nowhere to show: the notice is gone.
  const start = (started: unknown): void => void Promise.resolve(started).catch(() => undefined);
  const run = (command: string, ...args: unknown[]): void => start(vscode.commands.executeCommand(command, ...args));
  const forService = options.service === undefined ? [] : [{ service: options.service }];
  const command = CHOICE_COMMANDS[choice];
  if (command) {
    run(command);
  } else if (choice === 'Retry') {
    start(options.retry?.());
  } else if (choice === 'Refresh') {
    if (options.refresh) start(options.refresh());
    else run(COMMANDS.refreshRequests);
  } else if (choice === 'Configure App') {
    run(COMMANDS.configureApp, ...forService);
  } else if (options.signInCommand) {
    // Sign In, Sign In Again. Again: the same account, so no "add another account?" question (a new consent adds a missing scope).
    run(options.signInCommand);
  } else {
    run(COMMANDS.signIn, ...forService.map((o) => ({ ...o, addAccount: choice === 'Sign In Again' })));
  }
}
