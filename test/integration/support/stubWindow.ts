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
