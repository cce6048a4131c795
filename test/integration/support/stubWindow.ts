import * as vscode from 'vscode';

export type WindowApi = typeof vscode.window;

/**
 * Replaces one vscode.window function until the returned function is called. The host gives the tests and
 * the extension the same API object, so the extension's dialogs are answered by the test.
 */
export function stubWindow<K extends keyof WindowApi>(name: K, impl: WindowApi[K]): () => void {
  const original = vscode.window[name];
  (vscode.window as unknown as Record<string, unknown>)[name] = impl;
  return () => {
    (vscode.window as unknown as Record<string, unknown>)[name] = original;
  };
}

export interface ShownMessage {
  message: string;
  items: unknown[];
}

type MessageKind = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

/**
 * Records every notification of one kind until `restore()`; `answer` picks the button the "user" presses
 * (default: the notification is dismissed).
 */
export function recordMessages(kind: MessageKind, answer: (shown: ShownMessage) => unknown = () => undefined): { shown: ShownMessage[]; restore: () => void } {
  const shown: ShownMessage[] = [];
  const restore = stubWindow(kind, (async (message: string, ...items: unknown[]) => {
    const entry = { message, items };
    shown.push(entry);
    return answer(entry);
  }) as unknown as WindowApi[MessageKind]);
  return { shown, restore };
}
