// Made-up sessions for tests that save straight into SignDesk's session store (no network).
import type { StoredSession } from '../../../src/auth/session';

let serial = 0;

/** A distinct, live Dropbox Sign session each call; `overrides` replace fields. */
export function storedSession(overrides: Partial<StoredSession> = {}): StoredSession {
  serial++;
  const tag = `${process.pid}-${serial}`;
  return {
    service: 'dropboxSign',
    accountId: `it-account-${tag}`,
    email: `it-user-${tag}@example.com`,
    accessToken: `ItAccess${tag}-Abcdef123456`,
    refreshToken: `ItRefresh${tag}-Ghijkl789012`,
    expiresAt: Date.now() + 3600_000,
    scopes: ['basic_account_info', 'request_signature'],
    status: 'active',
    createdAt: Date.now() + serial,
    ...overrides,
  };
}
