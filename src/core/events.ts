// Events and disposables with vscode's shapes, so every layer below the adapters can offer and take them
// without importing vscode.

export interface Disposable {
  dispose(): unknown;
}

/** The shape of vscode.Event, without importing vscode. */
export type Event<T> = (listener: (e: T) => unknown) => Disposable;

/** A minimal event emitter whose `event` VS Code and the adapters can subscribe to. */
export class Emitter<T> implements Disposable {
  private listeners = new Set<(value: T) => unknown>();

  /** `onListenerError`: told when a listener throws, and the others still run; without it the error propagates. */
  constructor(private readonly onListenerError?: (error: unknown) => void) {}

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        if (!this.onListenerError) throw error;
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
