// Builds stored sessions: unique ids, emails and token values (long enough to show up if redaction broke).
import type { StoredSession } from '../../src/auth/session';

let counter = 0;

/** A distinct Dropbox Sign session each call, on a fixed timeline (expires at 10,000,000 ms); `overrides` replace fields. */
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

/**
 * A distinct session that is live now (expires in an hour), for the real extension host: its ids carry the
 * process id, so the reactivation stages (separate processes over one profile) never reuse one.
 */
export function liveSession(overrides: Partial<StoredSession> = {}): StoredSession {
  counter++;
  const tag = `${process.pid}-${counter}`;
  return makeSession({
    accountId: `it-account-${tag}`,
    email: `it-user-${tag}@example.com`,
    accessToken: `ItAccess${tag}-Abcdef123456`,
    refreshToken: `ItRefresh${tag}-Ghijkl789012`,
    expiresAt: Date.now() + 3600_000,
    createdAt: Date.now() + counter,
    ...overrides,
  });
}
