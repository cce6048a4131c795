// Test doubles for the token manager: a rotating token endpoint, timers that cost no time, and a
// globalState shared by windows.
import type { Timers } from '../../src/core/clock';
import { AuthError } from '../../src/core/errors';
import type { MementoLike } from '../../src/auth/sessionSelection';
import type { StoredSession } from '../../src/auth/session';
import type { TokenSet } from '../../src/model/tokens';

export const HOUR = 3600_000;

/** A token endpoint that rotates refresh tokens (single use) and knows which access tokens are live. */
export class FakeTokenService {
  refreshes = 0;
  private generation = 0;
  readonly liveAccess = new Set<string>();
  liveRefresh: string;
  /** Runs inside a refresh request before it is answered (e.g. another window racing us). */
  beforeAnswer?: () => Promise<void>;
  failNextWith?: Error;

  constructor(
    private readonly clock: { now(): number },
    session: StoredSession,
  ) {
    this.liveAccess.add(session.accessToken);
    this.liveRefresh = session.refreshToken;
  }

  readonly refresh = async (_service: string, refreshToken: string): Promise<TokenSet> => {
    this.refreshes++;
    // Answer on a later turn, as a network round-trip would: concurrent callers all get to wait on it.
    await new Promise((resolve) => setImmediate(resolve));
    const hook = this.beforeAnswer;
    this.beforeAnswer = undefined;
    await hook?.();
    if (this.failNextWith) {
      const error = this.failNextWith;
      this.failNextWith = undefined;
      throw error;
    }
    if (refreshToken !== this.liveRefresh) {
      throw new AuthError('The refresh token is invalid.', { status: 400, errorName: 'invalid_grant' });
    }
    return this.rotate();
  };

  rotate(): TokenSet {
    this.generation++;
    this.liveAccess.clear();
    const tokens = {
      accessToken: `AccessGen${this.generation}-Zz9${'x'.repeat(8)}`,
      refreshToken: `RefreshGen${this.generation}-Yy8${'y'.repeat(8)}`,
      expiresAt: this.clock.now() + HOUR,
    };
    this.liveAccess.add(tokens.accessToken);
    this.liveRefresh = tokens.refreshToken;
    return tokens;
  }

  /** An API call: 401 unless the token is live. */
  call = async (accessToken: string): Promise<string> => {
    if (!this.liveAccess.has(accessToken)) {
      throw new AuthError('Access token invalid', { status: 401, errorName: 'unauthorized' });
    }
    return `ok with ${accessToken}`;
  };
}

/** Timers that fire on the next turn whatever the delay asked for (waits cost no time); records the delays. */
export class InstantTimers implements Timers {
  readonly asked: number[] = [];

  setTimeout(callback: () => void, ms: number): unknown {
    this.asked.push(ms);
    return setImmediate(callback);
  }

  clearTimeout(handle: unknown): void {
    clearImmediate(handle as NodeJS.Immediate);
  }

  /** The time the waits asked for, in all. */
  total(): number {
    return this.asked.reduce((sum, ms) => sum + ms, 0);
  }
}

/** One globalState that every window sees at once (VS Code keeps it in step across windows and tabs). */
export class FakeMemento implements MementoLike {
  readonly values = new Map<string, unknown>();
  failUpdates = false;

  get<T>(key: string): T | undefined {
    const value = this.values.get(key);
    return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as T);
  }

  async update(key: string, value: unknown): Promise<void> {
    if (this.failUpdates) throw new Error('storage is closed');
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}
