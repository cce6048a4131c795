// A progress notification whose Cancel button aborts the work (downloads and uploads pass the signal on).
import * as vscode from 'vscode';

export function withCancellableProgress<T>(title: string, task: (signal: AbortSignal, progress: vscode.Progress<{ message?: string }>) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, cancellation) => {
    const abort = new AbortController();
    const subscription = cancellation.onCancellationRequested(() => abort.abort());
    try {
      return await task(abort.signal, progress);
    } finally {
      subscription.dispose();
    }
  });
}
