// The one in-memory secret storage of the tests: a keyring shared by "windows", as VS Code's SecretStorage is.
import type { Disposable, SecretStorageLike } from '../../src/auth/session';

/**
 * One OS keyring shared by any number of windows: each `window()` is a SecretStorageLike whose
 * onDidChange fires for every write, like VS Code's (which also echoes a window's own writes).
 */
export class FakeKeyring {
  readonly values = new Map<string, string>();
  private readonly listeners = new Set<(e: { key: string }) => unknown>();
  /** When set, every operation rejects with this error (keyring unavailable). */
  failWith?: Error;
  /** How many of the next operations of each kind reject (Infinity: all of them), as a flaky keyring does. */
  readonly failNext = { get: 0, store: 0, delete: 0 };
  reads = 0;
  writes = 0;

  window(hooks: KeyringWindowHooks = {}): SecretStorageLike {
    return {
      get: async (key) => {
        this.check('get');
        this.reads++;
        await hooks.beforeRead?.(key);
        return this.values.get(key);
      },
      store: async (key, value) => {
        await hooks.beforeStore?.(key, value);
        this.check('store');
        this.writes++;
        this.values.set(key, value);
        this.emit(key);
      },
      delete: async (key) => {
        this.check('delete');
        this.values.delete(key);
        this.emit(key);
      },
      onDidChange: (listener): Disposable => {
        this.listeners.add(listener);
        return { dispose: () => this.listeners.delete(listener) };
      },
    };
  }

  /** Simulates another VS Code window writing directly. */
  setFromElsewhere(key: string, value: string | undefined): void {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, value);
    }
    this.emit(key);
  }

  private emit(key: string): void {
    // VS Code delivers the event asynchronously.
    queueMicrotask(() => {
      for (const listener of [...this.listeners]) listener({ key });
    });
  }

  private check(operation: 'get' | 'store' | 'delete'): void {
    if (this.failWith) throw this.failWith;
    if (this.failNext[operation] > 0) {
      this.failNext[operation]--;
      throw new Error(`The keyring refused to ${operation} (org.freedesktop.Secret.Error.IsLocked)`);
    }
  }
}

/** What one window's view of a FakeKeyring does around its operations (e.g. hold a write). */
export interface KeyringWindowHooks {
  beforeRead?(key: string): unknown;
  beforeStore?(key: string, value: string): unknown;
}
