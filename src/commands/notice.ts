// What a notice is: its severity, its message and the buttons it offers. VS Code-free, so the describe
// functions (each feature's messages.ts) build notices in unit tests; notices.ts shows them.

export type NoticeSeverity = 'error' | 'warning' | 'info';

/** The buttons a notice can offer; each runs the same thing wherever it is offered. */
export type NoticeChoice = 'Retry' | 'Refresh' | 'Sign In' | 'Sign In Again' | 'Reload Window' | 'Configure App' | 'Open Settings' | 'Show Log';

/** What to tell the user and which buttons help. */
export interface Notice<C extends NoticeChoice = NoticeChoice> {
  severity: NoticeSeverity;
  message: string;
  choices: readonly C[];
}

function noticeOf(severity: NoticeSeverity) {
  return <C extends NoticeChoice>(message: string, choices: readonly C[] = []): Notice<C> => ({ severity, message, choices });
}

export const errorNotice = noticeOf('error');
export const warningNotice = noticeOf('warning');
export const infoNotice = noticeOf('info');
