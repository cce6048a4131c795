import * as vscode from 'vscode';

/**
 * Records the context keys the extension sets (`setContext`) until `restore()`, passing every command on.
 * The host gives the tests and the extension the same `vscode.commands`, so this sees SignDesk's calls.
 */
export function recordContextKeys(): { set: Array<[string, unknown]>; last(key: string): unknown; restore(): void } {
  const set: Array<[string, unknown]> = [];
  const commands = vscode.commands as unknown as Record<string, unknown>;
  const original = vscode.commands.executeCommand;
  const wrapped = <T>(command: string, ...args: unknown[]): Thenable<T> => {
    if (command === 'setContext') set.push([String(args[0]), args[1]]);
    return original<T>(command, ...args);
  };
  commands.executeCommand = wrapped;
  return {
    set,
    last: (key) => [...set].reverse().find(([k]) => k === key)?.[1],
    restore: () => {
      commands.executeCommand = original;
    },
  };
}
