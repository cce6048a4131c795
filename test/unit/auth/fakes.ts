// Test doubles for the session layer: an in-memory SecretStorage shared by "windows", a recording logger.
import type { Logger } from '../../../src/core/log';
import type { Disposable, SecretStorageLike, StoredSession } from '../../../src/auth/session';

/**
 * One OS keyring shared by any number of windows: each `window()` is a SecretStorageLike whose
 * onDidChange fires for every write, like VS Code's (which also echoes a window's own writes).
 */
export class FakeKeyring {
  readonly values = new Map<string, string>();
  private readonly listeners = new Set<(e: { key: string }) => unknown>();
  /** When set, every operation rejects with this error (keyring unavailable). */
  failWith?: Error;
  reads = 0;

  window(): SecretStorageLike {
    return {
      get: async (key) => {
        this.check();
        this.reads++;
        return this.values.get(key);
      },
      store: async (key, value) => {
        this.check();
        this.values.set(key, value);
        this.emit(key);
      },
      delete: async (key) => {
        this.check();
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

  private check(): void {
    if (this.failWith) throw this.failWith;
  }
}

export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  trace(message: string): void {
    this.lines.push(`trace ${message}`);
  }
  debug(message: string): void {
    this.lines.push(`debug ${message}`);
  }
  info(message: string): void {
    this.lines.push(`info ${message}`);
  }
  warn(message: string, error?: unknown): void {
    this.lines.push(`warn ${message}${error ? `: ${String(error)}` : ''}`);
  }
  error(message: string, error?: unknown): void {
    this.lines.push(`error ${message}${error ? `: ${String(error)}` : ''}`);
  }
  text(): string {
    return this.lines.join('\n');
  }
}

let counter = 0;
export function makeSession(overrides: Partial<StoredSession> = {}): StoredSession {
  counter++;
  return {
    service: 'dropboxSign',
    accountId: `acct${counter}`,
    email: `user${counter}@example.com`,
    accessToken: `AccessTok-${counter}-Abc123xyz`,
    refreshToken: `RefreshTok-${counter}-Def456uvw`,
    expiresAt: 10_000_000,
    scopes: ['basic_account_info', 'request_signature'],
    status: 'active',
    createdAt: counter,
    ...overrides,
  };
}

/** Resolves after every queued microtask and the next macrotask turn (lets fake events be delivered). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
