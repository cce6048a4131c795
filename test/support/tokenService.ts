// A fake token endpoint for the token manager: rotating refresh tokens and the access tokens that are live.
import { AuthError } from '../../src/core/errors';
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
